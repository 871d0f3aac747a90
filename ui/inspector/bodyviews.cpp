#include "inspector/bodyviews.h"

#include "inspect/bodysearch.h"
#include "inspect/inspectorformat.h"
#include "inspector/jsontreemodel.h"
#include "inspector/jsontreeview.h"
#include "inspector/prettybodyview.h"
#include "inspector/rawbodyview.h"

#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace crmdesk {

BodyViews::BodyViews(QWidget *parent)
    : QWidget(parent)
    , m_loader(new BodyLoader(this))
    , m_searchMode(new QComboBox(this))
    , m_searchEdit(new QLineEdit(this))
    , m_findButton(new QPushButton(tr("Find"), this))
    , m_searchStatus(new QLabel(this))
    , m_saveButton(new QPushButton(tr("Save body…"), this))
    , m_info(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_treeStack(new QStackedWidget(this))
    , m_tree(new JsonTreeView(this))
    , m_treeMessagePage(new QWidget(this))
    , m_treeMessage(new QLabel(m_treeMessagePage))
    , m_showInRawButton(new QPushButton(tr("Show in Raw"), m_treeMessagePage))
    , m_pretty(new PrettyBodyView(this))
    , m_raw(new RawBodyView(this))
    , m_chooser(defaultSavePathChooser())
{
    setObjectName(QStringLiteral("bodyViews"));
    m_searchMode->setObjectName(QStringLiteral("searchModeCombo"));
    m_searchMode->addItem(tr("Text"), int(SearchMode::Text));
    m_searchMode->addItem(tr("Key path"), int(SearchMode::Path));
    m_searchMode->setAccessibleName(tr("Search by"));
    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setAccessibleName(tr("Search the body"));
    m_searchEdit->setPlaceholderText(tr("Search text, or a key path such as result[0].email"));
    m_searchEdit->setClearButtonEnabled(true);
    m_findButton->setObjectName(QStringLiteral("findButton"));
    m_findButton->setAccessibleName(tr("Find next"));
    m_searchStatus->setObjectName(QStringLiteral("searchStatusLabel"));
    m_searchStatus->setAccessibleName(tr("Search result"));
    m_saveButton->setObjectName(QStringLiteral("saveBodyButton"));
    m_saveButton->setAccessibleName(tr("Save body to a file"));
    m_saveButton->setToolTip(tr("Saves the bytes exactly as received"));
    m_saveButton->setEnabled(false);
    m_info->setObjectName(QStringLiteral("bodyInfoLabel"));
    m_info->setAccessibleName(tr("Body information"));
    m_info->setStyleSheet(QStringLiteral("QLabel { color: palette(mid); padding: 0 4px; }"));

    m_tree->setObjectName(QStringLiteral("jsonTreeView"));
    m_treeMessagePage->setObjectName(QStringLiteral("treeMessagePage"));
    m_treeMessage->setObjectName(QStringLiteral("treeMessageLabel"));
    m_treeMessage->setWordWrap(true);
    m_treeMessage->setAlignment(Qt::AlignCenter);
    m_treeMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_showInRawButton->setObjectName(QStringLiteral("showInRawButton"));
    m_showInRawButton->setAccessibleName(tr("Show the error in the raw body"));
    auto *messageLayout = new QVBoxLayout(m_treeMessagePage);
    messageLayout->addStretch();
    messageLayout->addWidget(m_treeMessage);
    messageLayout->addWidget(m_showInRawButton, 0, Qt::AlignHCenter);
    messageLayout->addStretch();
    m_treeStack->addWidget(m_tree);
    m_treeStack->addWidget(m_treeMessagePage);

    m_tabs->setObjectName(QStringLiteral("bodyTabs"));
    m_tabs->setAccessibleName(tr("Body views"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_treeStack, tr("Tree"));
    m_tabs->addTab(m_pretty, tr("Pretty"));
    m_tabs->addTab(m_raw, tr("Raw"));

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->setSpacing(6);
    bar->addWidget(m_searchMode);
    bar->addWidget(m_searchEdit, 1);
    bar->addWidget(m_findButton);
    bar->addWidget(m_searchStatus);
    bar->addSpacing(12);
    bar->addWidget(m_saveButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(bar);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_info);

    auto *focusSearch = new QAction(this);
    focusSearch->setObjectName(QStringLiteral("focusSearchAction"));
    focusSearch->setShortcut(QKeySequence::Find);
    focusSearch->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(focusSearch);
    connect(focusSearch, &QAction::triggered, this, [this] {
        m_searchEdit->setFocus(Qt::ShortcutFocusReason);
        m_searchEdit->selectAll();
    });
    auto *findAgain = new QAction(this);
    findAgain->setObjectName(QStringLiteral("findNextAction"));
    findAgain->setShortcut(QKeySequence::FindNext);
    findAgain->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(findAgain);
    connect(findAgain, &QAction::triggered, this, &BodyViews::findNext);

    m_readingNotice.setSingleShot(true);
    m_readingNotice.setInterval(150);
    connect(&m_readingNotice, &QTimer::timeout, this, &BodyViews::showReading);
    connect(m_loader, &BodyLoader::loaded, this, &BodyViews::onLoaded);
    connect(m_searchEdit, &QLineEdit::returnPressed, this, &BodyViews::findNext);
    connect(m_findButton, &QPushButton::clicked, this, &BodyViews::findNext);
    connect(m_saveButton, &QPushButton::clicked, this, &BodyViews::chooseSaveTarget);
    connect(m_showInRawButton, &QPushButton::clicked, this, [this] {
        if (!m_document || !m_document->index)
            return;
        const qint64 offset = std::min<qint64>(m_document->index->error().offset,
                                               std::max<qint64>(0, m_document->bytes.size() - 1));
        setCurrentView(View::Raw);
        m_raw->reveal(offset, 1);
    });
    connect(m_tabs, &QTabWidget::tabBarClicked, this, [this] { m_userChoseView = true; });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (currentView() == View::Pretty)
            m_pretty->ensureLoaded();
        else if (currentView() == View::Raw)
            m_raw->ensureLoaded();
        revealMatch();
    });
    setPlaceholder(tr("No response yet."));
}

BodyViews::~BodyViews()
{
    cancelTask(m_searchCancel);
}

void BodyViews::setBody(const QByteArray &bytes, const QByteArray &contentType)
{
    cancelTask(m_searchCancel);
    m_match = {};
    // Nothing acts on the previous body any more (search and Save check m_document)...
    m_document.reset();
    m_loadTimer.start();
    m_loader->load(bytes, contentType);
    // ...but it stays on screen for a moment: a fast load replaces it without first flashing
    // (and repainting) a "Reading…" page; a slow one shows that page after a while.
    m_readingBytes = bytes.size();
    m_readingNotice.start();
}

void BodyViews::showReading()
{
    releaseViews();
    setSearchStatus({});
    m_saveButton->setEnabled(false);
    const QString reading = tr("Reading %1…").arg(inspectorformat::bytes(m_readingBytes));
    m_info->setText(reading);
    setTreeMessage(reading, false);
}

void BodyViews::releaseViews()
{
    m_pretty->setDocument(nullptr);
    m_raw->setDocument(nullptr);
    m_tree->setModel(nullptr);
    delete m_model;
    m_model = nullptr;
}

void BodyViews::setPlaceholder(const QString &message)
{
    m_loader->cancel();
    m_readingNotice.stop();
    cancelTask(m_searchCancel);
    m_match = {};
    setSearchStatus({});
    m_document.reset();
    m_saveButton->setEnabled(false);
    m_info->clear();
    releaseViews();
    setTreeMessage(message, false);
}

bool BodyViews::isLoading() const
{
    return m_loader->isBusy();
}

void BodyViews::onLoaded(const std::shared_ptr<const BodyDocument> &document)
{
    m_readingNotice.stop();
    m_document = document;
    const qint64 elapsed = m_loadTimer.elapsed();
    setSearchStatus({});
    m_saveButton->setEnabled(true);
    m_pretty->setDocument(document);
    m_raw->setDocument(document);

    JsonTreeModel *old = m_model;
    if (document->isValidJson()) {
        m_model = new JsonTreeModel(document->index, this);
        m_tree->setModel(m_model);
        QHeaderView *header = m_tree->header();
        header->setSectionResizeMode(JsonTreeModel::KeyColumn, QHeaderView::Interactive);
        header->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
        header->setSectionResizeMode(JsonTreeModel::TypeColumn, QHeaderView::Fixed);
        header->resizeSection(JsonTreeModel::KeyColumn, 260);
        header->resizeSection(JsonTreeModel::TypeColumn, 72);
        m_treeStack->setCurrentWidget(m_tree);
    } else {
        m_model = nullptr;
        m_tree->setModel(nullptr);
        switch (document->kind) {
        case BodyKind::Empty:
            setTreeMessage(tr("The body is empty."), false);
            break;
        case BodyKind::Json: {
            const JsonIndex::Error &error = document->index->error();
            setTreeMessage(tr("Not valid JSON: %1 (line %2, column %3).")
                               .arg(error.message)
                               .arg(error.line)
                               .arg(error.column),
                           true);
            break;
        }
        case BodyKind::Text:
        case BodyKind::Binary:
            setTreeMessage(tr("The tree shows JSON bodies. This one is %1.")
                               .arg(document->contentType.isEmpty()
                                        ? (document->kind == BodyKind::Binary ? tr("binary") : tr("text"))
                                        : QString::fromLatin1(document->contentType)),
                           false);
            break;
        }
    }
    delete old;

    const bool json = document->isValidJson() || document->kind == BodyKind::Json;
    if (!json && currentView() == View::Tree)
        setCurrentView(View::Raw);
    else if (json && !m_userChoseView)
        setCurrentView(View::Tree);
    if (currentView() == View::Pretty)
        m_pretty->ensureLoaded();
    else if (currentView() == View::Raw)
        m_raw->ensureLoaded();

    QStringList info;
    if (!document->contentType.isEmpty())
        info << QString::fromLatin1(document->contentType);
    info << inspectorformat::bytes(document->bytes.size());
    if (document->isValidJson())
        info << tr("indexed in %1").arg(inspectorformat::duration(elapsed));
    m_info->setText(info.join(QStringLiteral(" · ")));
    Q_EMIT bodyLoaded();
}

void BodyViews::setTreeMessage(const QString &message, bool offerRaw)
{
    m_treeMessage->setText(message);
    m_showInRawButton->setVisible(offerRaw);
    m_treeStack->setCurrentWidget(m_treeMessagePage);
}

void BodyViews::setLargeBodyThreshold(qint64 bytes)
{
    m_threshold = std::max<qint64>(1, bytes);
    m_pretty->setLargeBodyThreshold(m_threshold);
    m_raw->setLargeBodyThreshold(m_threshold);
}

void BodyViews::setSavePathChooser(SavePathChooser chooser)
{
    m_chooser = std::move(chooser);
}

void BodyViews::setCurrentView(View view)
{
    m_tabs->setCurrentIndex(int(view));
}

BodyViews::View BodyViews::currentView() const
{
    return View(m_tabs->currentIndex());
}

QString BodyViews::searchStatus() const
{
    return m_searchStatus->text();
}

void BodyViews::setSearchStatus(const QString &text)
{
    m_searchStatus->setText(text);
}

void BodyViews::findNext()
{
    search(m_searchEdit->text(), SearchMode(m_searchMode->currentData().toInt()));
}

void BodyViews::search(const QString &text, SearchMode mode)
{
    if (m_searchEdit->text() != text)
        m_searchEdit->setText(text);
    m_searchMode->setCurrentIndex(m_searchMode->findData(int(mode)));
    cancelTask(m_searchCancel);
    const auto finish = [this](const QString &status, bool found) {
        setSearchStatus(status);
        Q_EMIT searchFinished(found);
    };
    if (!m_document || text.isEmpty()) {
        finish(m_document ? QString() : tr("Nothing to search yet"), false);
        return;
    }

    if (mode == SearchMode::Path) {
        if (!m_document->isValidJson()) {
            finish(tr("Key paths need a valid JSON body"), false);
            return;
        }
        const std::optional<JsonPath> path = jsonpath::parse(text);
        if (!path) {
            finish(tr("Not a key path"), false);
            return;
        }
        const JsonLocation location = jsonpath::locate(*m_document->index, *path);
        if (!location.isValid()) {
            finish(tr("No value at %1").arg(jsonpath::format(*path)), false);
            return;
        }
        m_match = {location.begin, location.end - location.begin, QString(), *path, true, 0};
        revealMatch();
        finish(tr("Found %1").arg(jsonpath::format(*path)), true);
        return;
    }

    const bool again = !m_match.byPath && m_match.offset >= 0 && m_match.needle == text;
    const qint64 from = again ? m_match.offset + 1 : 0;
    const QByteArray bytes = m_document->bytes;
    setSearchStatus(tr("Searching…"));
    m_searchCancel = runInBackground(
        this,
        [bytes, text, from](const std::atomic_bool *cancelled) {
            return bodysearch::findText(bytes, text, from, cancelled);
        },
        [this, text, finish](qint64 offset) {
            m_searchCancel.reset();
            if (offset < 0) {
                m_match = {};
                finish(tr("No match for “%1”").arg(text), false);
                return;
            }
            m_match = {offset, text.toUtf8().size(), text, {}, false, 0};
            revealMatch();
            finish(tr("Match at byte %1").arg(offset), true);
        });
}

void BodyViews::revealMatch()
{
    if (m_match.offset < 0 || !m_document)
        return;
    const View view = currentView();
    const int bit = 1 << int(view);
    if (m_match.shownIn & bit)
        return;
    m_match.shownIn |= bit;
    switch (view) {
    case View::Tree:
        if (m_model) {
            const QModelIndex index = m_match.byPath ? m_model->indexForPath(m_match.path)
                                                     : m_model->indexForOffset(m_match.offset);
            m_tree->reveal(index);
        }
        break;
    case View::Pretty:
        m_pretty->reveal(m_match.offset, m_match.needle);
        break;
    case View::Raw:
        m_raw->reveal(m_match.offset, m_match.length);
        break;
    }
}

void BodyViews::chooseSaveTarget()
{
    if (!m_document || !m_chooser)
        return;
    const bool json = m_document->kind == BodyKind::Json;
    const QString suggested = json ? QStringLiteral("response.json") : QStringLiteral("response.bin");
    QPointer<BodyViews> self(this);
    m_chooser(this, suggested, [self](const QString &path) {
        if (self && !path.isEmpty())
            self->saveBodyTo(path);
    });
}

void BodyViews::saveBodyTo(const QString &path)
{
    if (!m_document)
        return;
    const QByteArray bytes = m_document->bytes;
    m_info->setText(tr("Saving %1 to %2…").arg(inspectorformat::bytes(bytes.size()), path));
    m_saveCancel = runInBackground(
        this,
        [bytes, path](const std::atomic_bool *) {
            // QSaveFile: the file appears only complete, never half-written.
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                return file.errorString();
            if (file.write(bytes) != bytes.size()) {
                const QString error = file.errorString();
                file.cancelWriting();
                return error;
            }
            return file.commit() ? QString() : file.errorString();
        },
        [this, path, size = bytes.size()](const QString &error) {
            m_saveCancel.reset();
            if (error.isEmpty())
                m_info->setText(tr("Saved %1 to %2").arg(inspectorformat::bytes(size), path));
            else
                m_info->setText(tr("Could not save to %1: %2").arg(path, error));
            Q_EMIT bodySaved(path, error.isEmpty(), error);
        });
}

} // namespace crmdesk
