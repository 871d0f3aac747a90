#include "inspector/unifiedrawview.h"

#include "inspector/jsontreemodel.h"
#include "inspector/jsontreeview.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QShowEvent>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

namespace crmdesk {

namespace {

// The child of an object container with the given key, or an invalid child.
JsonChild childByKey(const JsonIndex &index, int container, const QString &key)
{
    if (container < 0 || !index.isObject(container))
        return {};
    JsonChildIterator children(&index, container);
    JsonChild child;
    while (children.next(&child)) {
        if (index.decodeString(child.keyBegin, child.keyEnd) == key)
            return child;
    }
    return {};
}

JsonChild childAtPosition(const JsonIndex &index, int container, int position)
{
    JsonChildIterator children(&index, container);
    JsonChild child;
    while (children.next(&child)) {
        if (children.position() - 1 == position)
            return child;
    }
    return {};
}

QLabel *paneTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

void setUpTree(JsonTreeView *tree)
{
    tree->header()->setStretchLastSection(false);
}

struct Links
{
    FieldProvenance provenance;
};

} // namespace

UnifiedRawView::UnifiedRawView(QWidget *parent)
    : QWidget(parent)
    , m_message(new QLabel(this))
    , m_recordBar(new QWidget(this))
    , m_recordBox(new QSpinBox(m_recordBar))
    , m_recordCountLabel(new QLabel(m_recordBar))
    , m_status(new QLabel(this))
    , m_rawTitle(nullptr)
    , m_unmappedTitle(nullptr)
    , m_unifiedTree(new JsonTreeView(this))
    , m_rawTree(new JsonTreeView(this))
    , m_unmapped(new QListWidget(this))
    , m_panes(new QWidget(this))
{
    setObjectName(QStringLiteral("unifiedRawView"));
    m_message->setObjectName(QStringLiteral("unifiedRawMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_recordBox->setObjectName(QStringLiteral("recordSpinBox"));
    m_recordBox->setAccessibleName(tr("Record number"));
    m_recordBox->setKeyboardTracking(false);
    m_status->setObjectName(QStringLiteral("provenanceLabel"));
    m_status->setStyleSheet(QStringLiteral(
        "QLabel { background: #ddf4ff; border: 1px solid #a6d4f5; border-radius: 4px; padding: 5px 8px; }"));
    m_status->setAccessibleName(tr("Where the selected field comes from"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_unifiedTree->setObjectName(QStringLiteral("unifiedTree"));
    m_unifiedTree->setAccessibleName(tr("Unified fields"));
    m_rawTree->setObjectName(QStringLiteral("rawTree"));
    m_rawTree->setAccessibleName(tr("Raw data"));
    m_unmapped->setObjectName(QStringLiteral("unmappedRawFieldsList"));
    m_unmapped->setAccessibleName(tr("Raw fields without a unified field"));
    m_unmapped->setAlternatingRowColors(true);
    setUpTree(m_unifiedTree);
    setUpTree(m_rawTree);

    auto *recordLayout = new QHBoxLayout(m_recordBar);
    recordLayout->setContentsMargins(0, 0, 0, 0);
    recordLayout->addWidget(new QLabel(tr("Record"), m_recordBar));
    recordLayout->addWidget(m_recordBox);
    recordLayout->addWidget(m_recordCountLabel);
    m_recordBar->hide();

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(paneTitle(tr("Unified"), left));
    leftLayout->addWidget(m_unifiedTree, 1);

    auto *right = new QSplitter(Qt::Vertical, this);
    right->setObjectName(QStringLiteral("rawSplitter"));
    right->setChildrenCollapsible(false);
    auto *rawBox = new QWidget(right);
    auto *rawLayout = new QVBoxLayout(rawBox);
    rawLayout->setContentsMargins(0, 0, 0, 0);
    m_rawTitle = paneTitle(tr("Raw: remote_data"), rawBox);
    m_rawTitle->setObjectName(QStringLiteral("rawPaneTitle"));
    auto *legend = new QLabel(
        tr("<span style='background:#ffe58f'>&nbsp;source of the selected field&nbsp;</span>&nbsp;&nbsp;"
           "<span style='background:#fde2e1'>&nbsp;shown by no unified field&nbsp;</span>"),
        rawBox);
    legend->setObjectName(QStringLiteral("rawLegend"));
    legend->setTextFormat(Qt::RichText);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_rawTitle);
    titleRow->addStretch();
    titleRow->addWidget(legend);
    rawLayout->addLayout(titleRow);
    rawLayout->addWidget(m_rawTree, 1);
    auto *unmappedBox = new QWidget(right);
    auto *unmappedLayout = new QVBoxLayout(unmappedBox);
    unmappedLayout->setContentsMargins(0, 4, 0, 0);
    m_unmappedTitle = paneTitle(tr("Raw fields no unified field shows"), unmappedBox);
    m_unmappedTitle->setObjectName(QStringLiteral("unmappedTitle"));
    unmappedLayout->addWidget(m_unmappedTitle);
    unmappedLayout->addWidget(m_unmapped, 1);
    right->addWidget(rawBox);
    right->addWidget(unmappedBox);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, m_panes);
    splitter->setObjectName(QStringLiteral("unifiedRawSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(left);
    splitter->addWidget(right);
    // Equals side by side, whatever the titles' widths (product principle 4).
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({1000, 1000});
    auto *panesLayout = new QVBoxLayout(m_panes);
    panesLayout->setContentsMargins(0, 0, 0, 0);
    panesLayout->addWidget(splitter);

    auto *top = new QHBoxLayout;
    top->addWidget(m_recordBar);
    top->addWidget(m_status, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addLayout(top);
    layout->addWidget(m_panes, 1);
    layout->addWidget(m_message, 1);

    connect(m_recordBox, &QSpinBox::valueChanged, this, [this](int value) { setRecord(value - 1); });
    connect(m_unmapped, &QListWidget::currentTextChanged, this, [this](const QString &path) {
        if (m_rawModel && !path.isEmpty())
            m_rawTree->reveal(m_rawModel->indexForPath(path));
    });
    showMessage(tr("No response yet."));
}

UnifiedRawView::~UnifiedRawView()
{
    cancelTask(m_cancel);
}

void UnifiedRawView::setUnifiedDocument(std::shared_ptr<const BodyDocument> document)
{
    m_unified = std::move(document);
    m_record = 0;
    rebuild();
}

void UnifiedRawView::setRawDocument(std::shared_ptr<const BodyDocument> document)
{
    m_raw = std::move(document);
    rebuild();
}

void UnifiedRawView::setFieldMapping(const QHash<QString, QString> &mapping)
{
    m_mapping = mapping;
    rebuild();
}

void UnifiedRawView::clear()
{
    m_unified.reset();
    m_raw.reset();
    rebuild();
}

QString UnifiedRawView::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void UnifiedRawView::setRecord(int record)
{
    if (record == m_record || record < 0 || record >= m_recordCount)
        return;
    m_record = record;
    rebuild();
}

void UnifiedRawView::showMessage(const QString &text)
{
    m_available = false;
    m_buildPending = false;
    m_rawIndex.reset();
    m_message->setText(text);
    m_message->show();
    m_panes->hide();
    m_recordBar->hide();
    m_status->clear();
}

void UnifiedRawView::rebuild()
{
    cancelTask(m_cancel);
    m_linksReady = false;
    m_provenance = {};
    m_highlightedRaw.clear();
    m_highlightedUnified.clear();
    m_unmapped->clear();
    m_unifiedTree->setModel(nullptr);
    m_rawTree->setModel(nullptr);
    delete m_unifiedModel;
    delete m_rawModel;
    m_unifiedModel = nullptr;
    m_rawModel = nullptr;

    if (!m_unified) {
        showMessage(tr("No response yet."));
        return;
    }
    if (!m_unified->isValidJson()) {
        showMessage(tr("Unified and raw side by side needs a JSON response."));
        return;
    }
    const JsonIndex &index = *m_unified->index;
    int record = index.rootContainer();
    m_recordCount = 1;
    // A list envelope {result: [...]} (contract §6.3) shows one record at a time.
    if (record >= 0 && index.isObject(record)) {
        const JsonChild result = childByKey(index, record, QStringLiteral("result"));
        if (result.type == JsonType::Array) {
            m_recordCount = index.container(result.container).childCount;
            if (m_recordCount == 0) {
                showMessage(tr("The list is empty."));
                return;
            }
            m_record = std::clamp(m_record, 0, m_recordCount - 1);
            record = childAtPosition(index, result.container, m_record).container;
        }
    }
    if (record < 0 || !index.isObject(record)) {
        showMessage(tr("Unified and raw side by side needs a record (a JSON object)."));
        return;
    }

    std::shared_ptr<const JsonIndex> rawIndex;
    int rawContainer = -1;
    if (m_raw && m_raw->isValidJson()) {
        rawIndex = m_raw->index;
        rawContainer = rawIndex->rootContainer();
        m_rawTitle->setText(tr("Raw: separate response"));
    } else {
        const JsonChild remote = childByKey(index, record, QStringLiteral("remote_data"));
        if (remote.container < 0) {
            showMessage(tr("This response has no remote_data to compare with. Fetch the record "
                           "again with truto_response_format=raw, or without "
                           "truto_ignore_remote_data (contract §6.2)."));
            return;
        }
        rawIndex = m_unified->index;
        rawContainer = remote.container;
        m_rawTitle->setText(tr("Raw: remote_data"));
    }
    if (rawContainer < 0) {
        showMessage(tr("The raw response is a single value; there is nothing to compare."));
        return;
    }

    m_available = true;
    m_recordContainer = record;
    m_rawIndex = rawIndex;
    m_rawContainer = rawContainer;
    m_message->hide();
    m_panes->show();
    m_recordBar->setVisible(m_recordCount > 1);
    {
        const QSignalBlocker blocker(m_recordBox);
        m_recordBox->setRange(1, std::max(1, m_recordCount));
        m_recordBox->setValue(m_record + 1);
    }
    m_recordCountLabel->setText(tr("of %1").arg(m_recordCount));
    m_status->setText(tr("Select a unified field to see the raw values it came from."));
    m_buildPending = true;
    if (isVisible())
        build();
}

void UnifiedRawView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_buildPending)
        build();
}

void UnifiedRawView::build()
{
    m_buildPending = false;
    if (!m_available)
        return;
    const JsonIndex &index = *m_unified->index;
    const int record = m_recordContainer;
    const std::shared_ptr<const JsonIndex> rawIndex = m_rawIndex;
    const int rawContainer = m_rawContainer;
    m_unifiedModel = new JsonTreeModel(m_unified->index, this, record, QString(),
                                       {QStringLiteral("remote_data")});
    m_rawModel = new JsonTreeModel(rawIndex, this, rawContainer);
    m_unifiedTree->setModel(m_unifiedModel);
    m_rawTree->setModel(m_rawModel);
    for (JsonTreeView *tree : {m_unifiedTree, m_rawTree}) {
        tree->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
        tree->header()->resizeSection(JsonTreeModel::KeyColumn, 200);
        tree->header()->resizeSection(JsonTreeModel::TypeColumn, 64);
    }
    connect(m_unifiedTree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &UnifiedRawView::onUnifiedCurrentChanged);
    connect(m_rawTree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &UnifiedRawView::onRawCurrentChanged);

    // Records are small, but a provider may send anything: build the links off the UI thread.
    const JsonIndex::Container &unifiedRecord = index.container(record);
    const QByteArray unifiedBytes = index.slice(unifiedRecord.open, unifiedRecord.close + 1);
    const JsonIndex::Container &rawRecord = rawIndex->container(rawContainer);
    const QByteArray rawBytes = rawIndex->slice(rawRecord.open, rawRecord.close + 1);
    const QHash<QString, QString> mapping = m_mapping;
    m_cancel = runInBackground(
        this,
        [unifiedBytes, rawBytes, mapping](const std::atomic_bool *) {
            QJsonObject unified = QJsonDocument::fromJson(unifiedBytes).object();
            unified.remove(QStringLiteral("remote_data"));
            const QJsonDocument raw = QJsonDocument::fromJson(rawBytes);
            const QJsonValue rawValue = raw.isObject() ? QJsonValue(raw.object()) : QJsonValue(raw.array());
            return Links{FieldProvenance::compute(unified, rawValue, mapping)};
        },
        [this](const Links &links) {
            m_cancel.reset();
            m_provenance = links.provenance;
            m_linksReady = true;
            const QStringList &unmapped = m_provenance.unmappedRawPaths();
            m_unmappedTitle->setText(tr("Raw fields no unified field shows (%1)").arg(unmapped.size()));
            m_unmapped->addItems(unmapped);
            applyMarks();
            onUnifiedCurrentChanged();
            Q_EMIT linksComputed();
        });
}

void UnifiedRawView::applyMarks()
{
    if (m_rawModel) {
        QHash<QString, JsonTreeModel::Mark> marks;
        for (const QString &path : m_provenance.unmappedRawPaths())
            marks.insert(path, JsonTreeModel::Mark::Unmapped);
        for (const QString &path : std::as_const(m_highlightedRaw))
            marks.insert(path, JsonTreeModel::Mark::Linked);
        m_rawModel->setMarks(marks);
    }
    if (m_unifiedModel) {
        QHash<QString, JsonTreeModel::Mark> marks;
        for (const QString &path : std::as_const(m_highlightedUnified))
            marks.insert(path, JsonTreeModel::Mark::Linked);
        m_unifiedModel->setMarks(marks);
    }
}

void UnifiedRawView::selectUnifiedField(const QString &path)
{
    if (m_buildPending)
        build();
    if (!m_unifiedModel)
        return;
    m_unifiedTree->reveal(m_unifiedModel->indexForPath(path));
}

void UnifiedRawView::onUnifiedCurrentChanged()
{
    if (m_syncing || !m_unifiedModel || !m_linksReady)
        return;
    const QModelIndex current = m_unifiedTree->currentIndex();
    if (!current.isValid())
        return;
    const QString path = m_unifiedModel->path(current.siblingAtColumn(0));
    QStringList raw = m_provenance.rawPathsFor(path);
    if (raw.isEmpty()) {
        // A container: what its fields came from.
        for (const FieldProvenance::Link &link : m_provenance.links()) {
            if (link.unifiedPath.startsWith(path)
                && (link.unifiedPath.size() == path.size() || link.unifiedPath.at(path.size()) == u'.'
                    || link.unifiedPath.at(path.size()) == u'[')
                && !raw.contains(link.rawPath))
                raw << link.rawPath;
        }
    }
    m_highlightedRaw = raw;
    m_highlightedUnified.clear();
    applyMarks();
    if (raw.isEmpty()) {
        m_status->setText(tr("No raw value matches %1.").arg(path));
        return;
    }
    QStringList described;
    for (const FieldProvenance::Link &link : m_provenance.links()) {
        if (link.unifiedPath == path)
            described << link.rawPath + (link.reason == FieldProvenance::Reason::Mapping
                                             ? tr(" (mapping)")
                                             : tr(" (same value)"));
    }
    m_status->setText(tr("%1 ← %2").arg(path, described.isEmpty() ? raw.join(QStringLiteral(", "))
                                                                 : described.join(QStringLiteral(", "))));
    m_syncing = true;
    const QModelIndex target = m_rawModel->indexForPath(raw.first());
    for (QModelIndex parent = target.parent(); parent.isValid(); parent = parent.parent())
        m_rawTree->expand(parent);
    m_rawTree->scrollTo(target, QAbstractItemView::PositionAtCenter);
    m_syncing = false;
}

void UnifiedRawView::onRawCurrentChanged()
{
    if (m_syncing || !m_rawModel || !m_linksReady)
        return;
    const QModelIndex current = m_rawTree->currentIndex();
    if (!current.isValid())
        return;
    const QString path = m_rawModel->path(current.siblingAtColumn(0));
    m_highlightedUnified = m_provenance.unifiedPathsFor(path);
    // A raw field no unified field shows keeps its "unmapped" mark.
    m_highlightedRaw = m_highlightedUnified.isEmpty() ? QStringList() : QStringList{path};
    applyMarks();
    if (m_highlightedUnified.isEmpty()) {
        m_status->setText(tr("No unified field shows %1.").arg(path));
        return;
    }
    m_status->setText(tr("%1 → %2").arg(path, m_highlightedUnified.join(QStringLiteral(", "))));
    m_syncing = true;
    const QModelIndex target = m_unifiedModel->indexForPath(m_highlightedUnified.first());
    for (QModelIndex parent = target.parent(); parent.isValid(); parent = parent.parent())
        m_unifiedTree->expand(parent);
    m_unifiedTree->scrollTo(target, QAbstractItemView::PositionAtCenter);
    m_syncing = false;
}

} // namespace crmdesk
