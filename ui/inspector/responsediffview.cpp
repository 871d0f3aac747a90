#include "inspector/responsediffview.h"

#include "api/errortext.h"
#include "inspect/inspectorformat.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace crmdesk {

namespace {

constexpr int KindRole = Qt::UserRole + 1;

QString kindName(JsonDifference::Kind kind)
{
    switch (kind) {
    case JsonDifference::Kind::Added:
        return ResponseDiffView::tr("added");
    case JsonDifference::Kind::Removed:
        return ResponseDiffView::tr("removed");
    case JsonDifference::Kind::Changed:
        return ResponseDiffView::tr("changed");
    }
    return {};
}

QColor kindColor(JsonDifference::Kind kind)
{
    switch (kind) {
    case JsonDifference::Kind::Added:
        return QColor(0xda, 0xfb, 0xe1);
    case JsonDifference::Kind::Removed:
        return QColor(0xff, 0xeb, 0xe9);
    case JsonDifference::Kind::Changed:
        return QColor(0xff, 0xf8, 0xc5);
    }
    return {};
}

struct Outcome
{
    JsonDiff::Result body;
    QString note; // when the bodies cannot be compared by structure
};

QString describe(const ApiResult &result)
{
    return result.request.summary() + QStringLiteral(" (")
           + (result.httpStatus > 0 ? QString::number(result.httpStatus) : toString(result.errorKind))
           + QLatin1Char(')');
}

} // namespace

ResponseDiffView::ResponseDiffView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_kindFilter(new QComboBox(this))
    , m_pathFilter(new QLineEdit(this))
    , m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("responseDiffView"));
    m_summary->setObjectName(QStringLiteral("diffSummaryLabel"));
    m_summary->setAccessibleName(tr("Difference summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_kindFilter->setObjectName(QStringLiteral("diffKindFilter"));
    m_kindFilter->setAccessibleName(tr("Show differences of kind"));
    m_kindFilter->addItem(tr("All changes"), -1);
    m_kindFilter->addItem(tr("Changed"), int(JsonDifference::Kind::Changed));
    m_kindFilter->addItem(tr("Added"), int(JsonDifference::Kind::Added));
    m_kindFilter->addItem(tr("Removed"), int(JsonDifference::Kind::Removed));
    m_pathFilter->setObjectName(QStringLiteral("diffPathFilter"));
    m_pathFilter->setAccessibleName(tr("Filter differences by path"));
    m_pathFilter->setPlaceholderText(tr("Filter by path"));
    m_pathFilter->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("diffList"));
    m_list->setAccessibleName(tr("Differences"));
    m_list->setHeaderLabels({tr("Change"), tr("Path"), tr("Before"), tr("After")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_list->header()->setSectionResizeMode(KindColumn, QHeaderView::ResizeToContents);
    m_list->header()->resizeSection(PathColumn, 280);
    m_list->header()->resizeSection(BeforeColumn, 240);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_kindFilter);
    bar->addWidget(m_pathFilter, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addWidget(m_summary);
    layout->addLayout(bar);
    layout->addWidget(m_list, 1);

    connect(m_kindFilter, &QComboBox::currentIndexChanged, this, &ResponseDiffView::applyFilter);
    connect(m_pathFilter, &QLineEdit::textChanged, this, &ResponseDiffView::applyFilter);
    clear();
}

ResponseDiffView::~ResponseDiffView()
{
    cancelTask(m_cancel);
}

void ResponseDiffView::clear()
{
    cancelTask(m_cancel);
    m_list->clear();
    m_result = {};
    m_ready = false;
    m_summary->setText(tr("Choose a response to compare with."));
}

void ResponseDiffView::addRow(JsonDifference::Kind kind, const QString &path,
                              const QString &before, const QString &after)
{
    auto *item = new QTreeWidgetItem(m_list, {kindName(kind), path, before, after});
    item->setData(KindColumn, KindRole, int(kind));
    for (int column = 0; column < 4; ++column) {
        item->setBackground(column, kindColor(kind));
        item->setToolTip(column, item->text(column));
    }
}

void ResponseDiffView::compare(const ApiResult &before, const ApiResult &after)
{
    clear();
    m_summary->setText(tr("Comparing…"));
    // Status and headers are small: compared here, shown first.
    if (before.httpStatus != after.httpStatus)
        addRow(JsonDifference::Kind::Changed, tr("(status)"),
               errortext::statusLine(before.httpStatus, before.reasonPhrase, before.trutoError),
               errortext::statusLine(after.httpStatus, after.reasonPhrase, after.trutoError));
    QMap<QByteArray, QByteArray> beforeHeaders;
    QMap<QByteArray, QByteArray> afterHeaders;
    for (const auto &[name, value] : before.headers)
        beforeHeaders.insert(name.toLower(), value);
    for (const auto &[name, value] : after.headers)
        afterHeaders.insert(name.toLower(), value);
    for (auto it = beforeHeaders.cbegin(); it != beforeHeaders.cend(); ++it) {
        const QString path = tr("(header) %1").arg(QString::fromLatin1(it.key()));
        if (!afterHeaders.contains(it.key()))
            addRow(JsonDifference::Kind::Removed, path, QString::fromLatin1(it.value()), {});
        else if (afterHeaders.value(it.key()) != it.value())
            addRow(JsonDifference::Kind::Changed, path, QString::fromLatin1(it.value()),
                   QString::fromLatin1(afterHeaders.value(it.key())));
    }
    for (auto it = afterHeaders.cbegin(); it != afterHeaders.cend(); ++it) {
        if (!beforeHeaders.contains(it.key()))
            addRow(JsonDifference::Kind::Added, tr("(header) %1").arg(QString::fromLatin1(it.key())),
                   {}, QString::fromLatin1(it.value()));
    }
    const int headerRows = m_list->topLevelItemCount();

    const QByteArray beforeBody = before.body;
    const QByteArray afterBody = after.body;
    const QString title = tr("From %1 to %2").arg(describe(before), describe(after));
    m_cancel = runInBackground(
        this,
        [beforeBody, afterBody](const std::atomic_bool *cancelled) {
            Outcome outcome;
            const JsonIndex a = JsonIndex::build(beforeBody, cancelled);
            const JsonIndex b = JsonIndex::build(afterBody, cancelled);
            if (a.isValid() && b.isValid())
                outcome.body = JsonDiff::compare(a, b, JsonDiff::Options(), cancelled);
            else if (beforeBody == afterBody)
                outcome.note = tr("The bodies are identical (%1), but not JSON.")
                                   .arg(inspectorformat::bytes(beforeBody.size()));
            else
                outcome.note = tr("The bodies differ (%1 and %2), but a structural diff needs two JSON bodies.")
                                   .arg(inspectorformat::bytes(beforeBody.size()),
                                        inspectorformat::bytes(afterBody.size()));
            return outcome;
        },
        [this, title, headerRows](const Outcome &outcome) {
            m_cancel.reset();
            m_result = outcome.body;
            for (const JsonDifference &difference : m_result.differences)
                addRow(difference.kind, difference.path, difference.before, difference.after);
            QString text = title + QStringLiteral(": ");
            if (!outcome.note.isEmpty()) {
                text += outcome.note;
            } else if (m_result.isEmpty() && headerRows == 0) {
                text += tr("no differences.");
            } else {
                text += tr("%1 changed, %2 added, %3 removed in the body")
                            .arg(m_result.changed)
                            .arg(m_result.added)
                            .arg(m_result.removed);
                if (headerRows > 0)
                    text += inspectorformat::plural(
                        headerRows, QT_TRANSLATE_NOOP("inspectorformat", "; %1 difference in status and headers"),
                        QT_TRANSLATE_NOOP("inspectorformat", "; %1 differences in status and headers"));
                text += u'.';
                if (m_result.truncated)
                    text += u' ' + tr("Only the first %1 differences are listed.").arg(m_result.differences.size());
            }
            m_summary->setText(text);
            m_ready = true;
            applyFilter();
            Q_EMIT diffReady();
        });
}

void ResponseDiffView::applyFilter()
{
    const int kind = m_kindFilter->currentData().toInt();
    const QString path = m_pathFilter->text().trimmed();
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        const bool kindOk = kind < 0 || item->data(KindColumn, KindRole).toInt() == kind;
        const bool pathOk = path.isEmpty() || item->text(PathColumn).contains(path, Qt::CaseInsensitive);
        item->setHidden(!(kindOk && pathOk));
    }
}

int ResponseDiffView::visibleRows() const
{
    int count = 0;
    for (int row = 0; row < m_list->topLevelItemCount(); ++row)
        count += m_list->topLevelItem(row)->isHidden() ? 0 : 1;
    return count;
}

QString ResponseDiffView::summaryText() const
{
    return m_summary->text();
}

} // namespace crmdesk
