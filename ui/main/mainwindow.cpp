#include "main/mainwindow.h"

#include "api/apicall.h"
#include "api/listpage.h"
#include "api/trutoclient.h"
#include "connections/connectionsdialog.h"
#include "coverage/coverageview.h"
#include "editors/recordeditorview.h"
#include "bulk/bulkeditdialog.h"
#include "history/historypanel.h"
#include "editors/recordform.h"
#include "inspector/responseinspector.h"
#include "main/recordlistpanel.h"
#include "schema/schema.h"
#include "drafts/draftstore.h"
#include "history/historyresult.h"
#include "history/historyservice.h"
#include "references/referencedirectory.h"
#include "session/livemetaloader.h"

#include <QAction>
#include <algorithm>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QJsonObject>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoGroup>
#include <QUuid>

namespace crmdesk {

MainWindow::MainWindow(const AppServices &services, QWidget *parent)
    : QMainWindow(parent), m_services(services), m_client(services.client),
      m_liveMeta(new LiveMetaLoader(services.client, services.metaCache, this)),
      m_accounts(new QComboBox(this)), m_resources(new QComboBox(this)),
      m_connection(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_list(new RecordListPanel(services.client, this)), m_inspectorDock(new QDockWidget(tr("Response"), this)),
      m_undoGroup(new QUndoGroup(this)), m_accountInfo(new QLabel(this)),
      m_references(new ReferenceDirectory(services.client, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("CRM Desk[*]"));
    m_accounts->setObjectName(QStringLiteral("accountCombo"));
    m_accounts->setAccessibleName(tr("Integrated account"));
    m_accounts->setMinimumContentsLength(34);
    m_resources->setObjectName(QStringLiteral("resourceCombo"));
    m_resources->setAccessibleName(tr("Resource"));
    for (const QString &resource : {QStringLiteral("contacts"), QStringLiteral("notes"), QStringLiteral("leads"),
                                    QStringLiteral("opportunities"), QStringLiteral("engagements")}) {
        const ResourceSchema *schema = Schema::bundled().resource(resource);
        m_resources->addItem(schema ? schema->label : resource, resource);
    }
    m_connection->setObjectName(QStringLiteral("connectionLabel"));

    auto *bar = addToolBar(tr("Account"));
    bar->setObjectName(QStringLiteral("accountToolBar"));
    bar->setMovable(false);
    bar->addWidget(m_connection);
    bar->addSeparator();
    auto *accountLabel = new QLabel(tr(" Account: "), this);
    accountLabel->setBuddy(m_accounts);
    bar->addWidget(accountLabel);
    bar->addWidget(m_accounts);
    auto *resourceLabel = new QLabel(tr(" Resource: "), this);
    resourceLabel->setBuddy(m_resources);
    bar->addWidget(resourceLabel);
    bar->addWidget(m_resources);
    bar->addSeparator();
    m_accountInfo->setObjectName(QStringLiteral("accountInfo"));
    bar->addWidget(m_accountInfo);

    m_tabs->setObjectName(QStringLiteral("editorTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setDocumentMode(true);
    auto *placeholder = new QLabel(tr("Pick an account and a resource, then open a record from the list."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setObjectName(QStringLiteral("emptyHint"));
    m_tabs->addTab(placeholder, tr("Start"));
    m_tabs->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr); // nothing to close
    setCentralWidget(m_tabs);

    auto *listDock = new QDockWidget(tr("Records"), this);
    listDock->setObjectName(QStringLiteral("recordsDock"));
    listDock->setWidget(m_list);
    listDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, listDock);
    m_inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    auto *noResponse = new QLabel(tr("No response yet. Send a request, or open one from the history."), this);
    noResponse->setObjectName(QStringLiteral("noResponseHint"));
    noResponse->setAlignment(Qt::AlignCenter);
    m_inspectorDock->setWidget(noResponse);
    addDockWidget(Qt::BottomDockWidgetArea, m_inspectorDock);
    if (m_services.history) {
        auto *historyDock = new QDockWidget(tr("History"), this);
        historyDock->setObjectName(QStringLiteral("historyDock"));
        addDockWidget(Qt::BottomDockWidgetArea, historyDock);
        tabifyDockWidget(m_inspectorDock, historyDock);
        m_inspectorDock->raise();
        historyDock->hide(); // opened from the status bar or the View menu
        // Made when first shown: behind the Response tab, the first frame does not need it.
        connect(historyDock, &QDockWidget::visibilityChanged, this, [this, historyDock](bool visible) {
            if (visible && !historyDock->widget())
                historyDock->setWidget(createHistoryPanel());
        });
    }

    // Until there is a response to show, the form has the whole height (issue 13): the
    // response area is a button in the status bar that says what arrived last.
    m_inspectorDock->hide();
    createPanelToggles();
    createActions();
    statusBar()->showMessage(tr("Starting…"));

    connect(m_accounts, &QComboBox::currentIndexChanged, this, &MainWindow::onAccountChanged);
    connect(m_resources, &QComboBox::currentIndexChanged, this, &MainWindow::onAccountOrResourceChanged);
    connect(m_list, &RecordListPanel::openRequested, this, &MainWindow::openRecord);
    connect(m_list, &RecordListPanel::responseReceived, this,
            [this](const ApiResult &result) { showResponse(result, Reveal::OnError); });
    connect(m_list, &RecordListPanel::responseReceived, this, &MainWindow::recordInHistory);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeEditor);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (RecordEditorView *editor = currentEditor())
            m_undoGroup->setActiveStack(editor->model()->undoStack());
        updateTitle();
    });
    m_prompt = messageBoxConfirmation(this);
    m_ask = messageBoxConfirmation(this);
}

void MainWindow::showCoverage()
{
    if (!m_coverage) {
        m_coverage = new CoverageView(Schema::bundled(), this);
        for (const FieldPolicy &live : std::as_const(m_liveRules))
            m_coverage->setLiveRules(live);
        connect(m_coverage, &CoverageView::fieldActivated, this, &MainWindow::openCoverageCell);
    }
    m_coverage->setResource(m_resources->currentData().toString());
    if (m_tabs->indexOf(m_coverage) < 0)
        m_tabs->addTab(m_coverage, tr("Coverage"));
    m_tabs->setCurrentWidget(m_coverage);
}

void MainWindow::openCoverageCell(const QString &resource, const QString &provider, const QString &field)
{
    const QString topLevel = field.section(u'.', 0, 0);
    for (RecordEditorView *editor : editors()) {
        if (editor->model()->schema().name != resource)
            continue;
        editor->setProvider(provider); // every edit is kept; the form shows this provider's rules
        m_tabs->setCurrentWidget(editor);
        editor->form()->focusField(topLevel);
        return;
    }
    // No form of that resource is open: show its records, so the next one opened is the form.
    m_resources->setCurrentIndex(m_resources->findData(resource));
    m_pendingCoverageCell = {resource, provider, topLevel};
    statusBar()->showMessage(tr("Open a record: its form will show %1's rules with %2 focused.").arg(provider, topLevel));
}

ResponseInspector *MainWindow::inspector()
{
    if (m_inspector)
        return m_inspector;
    m_inspector = new ResponseInspector(this);
    delete m_inspectorDock->widget(); // the "no response yet" hint
    m_inspectorDock->setWidget(m_inspector);
    connect(m_inspector, &ResponseInspector::cancelRequested, this, [this] {
        if (RecordEditorView *editor = currentEditor())
            editor->cancel();
    });
    // A field the server said was missing: take the user to it.
    connect(m_inspector, &ResponseInspector::missingFieldActivated, this, [this](const QString &path) {
        if (RecordEditorView *editor = currentEditor())
            editor->form()->focusField(path.section(u'.', 0, 0));
    });
    return m_inspector;
}

HistoryPanel *MainWindow::createHistoryPanel()
{
    auto *history = new HistoryPanel(m_services.history, this);
    connect(history, &HistoryPanel::openRequested, this,
            [this](const ApiResult &result) { showResponse(result, Reveal::Always); });
    connect(history, &HistoryPanel::compareRequested, this, [this](const ApiResult &older, const ApiResult &newer) {
        showResponse(newer, Reveal::Always);
        inspector()->compareWith(older);
    });
    connect(history, &HistoryPanel::resendRequested, this, &MainWindow::resend);
    return history;
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connections = file->addAction(tr("C&onnections…"), this, &MainWindow::showConnections);
    connections->setEnabled(m_services.settings && m_services.secrets);
    connections->setObjectName(QStringLiteral("connectionsAction"));
    connections->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    QAction *bulk = file->addAction(tr("&Bulk edit from CSV…"), this, &MainWindow::showBulkEdit);
    bulk->setObjectName(QStringLiteral("bulkEditAction"));
    QAction *reloadAccounts = file->addAction(tr("Reload &accounts"), this, &MainWindow::refreshAccounts);
    reloadAccounts->setObjectName(QStringLiteral("reloadAccountsAction"));
    QAction *closeTab = file->addAction(tr("&Close record"), this, [this] {
        if (currentEditor())
            closeEditor(m_tabs->currentIndex());
    });
    closeTab->setShortcut(QKeySequence::Close);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setObjectName(QStringLiteral("undoAction"));
    QAction *redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    redo->setObjectName(QStringLiteral("redoAction"));
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu *record = menuBar()->addMenu(tr("&Record"));
    QAction *send = record->addAction(tr("&Send changes"), this, [this] {
        if (RecordEditorView *editor = currentEditor())
            editor->send();
    });
    send->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    send->setObjectName(QStringLiteral("sendAction"));
    QAction *reload = record->addAction(tr("&Reload from server"), this, [this] {
        QPointer<RecordEditorView> editor = currentEditor();
        if (!editor)
            return;
        if (!editor->model()->isModified()) {
            editor->loadRecord(editor->model()->id());
            return;
        }
        m_prompt({tr("Unsent changes"),
                  tr("%1 has changes that were not sent. Discard them and reload?").arg(editor->title()),
                  tr("Discard and reload")},
                 [editor](bool discard) {
                     if (discard && editor)
                         editor->loadRecord(editor->model()->id());
                 });
    });
    reload->setShortcut(QKeySequence::Refresh);
    QAction *list = record->addAction(tr("Reload &list"), this, &MainWindow::onAccountOrResourceChanged);
    list->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *coverage = view->addAction(tr("&Coverage grid"), this, &MainWindow::showCoverage);
    coverage->setObjectName(QStringLiteral("coverageAction"));
    coverage->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    view->addSeparator();
    QAction *response = view->addAction(tr("&Response"), m_responseToggle, &QToolButton::toggle);
    response->setObjectName(QStringLiteral("responseAction"));
    response->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    if (m_historyToggle) {
        QAction *history = view->addAction(tr("&History"), m_historyToggle, &QToolButton::toggle);
        history->setObjectName(QStringLiteral("historyAction"));
        history->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    }
}

void MainWindow::setConnection(const QString &profileId, const QString &name, const QString &environment)
{
    if (m_services.profileId != profileId) {
        // Records belong to the connection they were loaded from: never send them elsewhere.
        // Their unsent edits stay in drafts and come back with that connection.
        for (RecordEditorView *editor : editors())
            removeEditor(editor);
        m_accounts->clear();
        m_accountList = {};
        m_references->clear();
        m_draftsOffered = false; // each connection has drafts of its own
    }
    m_services.profileId = profileId;
    m_environment = environment;
    m_connection->setText(QStringLiteral(" %1 · %2 ").arg(name, environment));
    for (RecordEditorView *editor : editors())
        editor->setEnvironmentLabel(environment);
}

void MainWindow::showConnecting(const QString &name)
{
    m_connection->setText(tr(" %1 · connecting… ").arg(name));
}

void MainWindow::showNotice(const QString &message)
{
    if (!m_notices) {
        m_notices = new QLabel(this);
        m_notices->setObjectName(QStringLiteral("noticeLabel"));
        m_notices->setAccessibleName(tr("Notices"));
        m_notices->setWordWrap(true);
        m_notices->setTextInteractionFlags(Qt::TextSelectableByMouse);
        statusBar()->addPermanentWidget(m_notices, 1);
    }
    const QString text = m_notices->text();
    m_notices->setText(text.isEmpty() ? message : text + u'\n' + message);
}

void MainWindow::refreshAccounts()
{
    if (m_accountsCall)
        return;
    m_accountPages = {};
    requestAccounts({});
}

void MainWindow::requestAccounts(const QString &cursor)
{
    statusBar()->showMessage(tr("Loading integrated accounts…"));
    QueryOptions options;
    options.limit = 100;
    options.nextCursor = cursor;
    m_accountsCall = m_client->listIntegratedAccounts(options);
    connect(m_accountsCall, &ApiCall::finished, this, &MainWindow::onAccounts);
}

void MainWindow::onAccounts(const ApiResult &result)
{
    showResponse(result, Reveal::OnError);
    if (!result.ok()) {
        statusBar()->showMessage(tr("Could not load accounts: %1").arg(result.errorString));
        return;
    }
    // Contract §6.3: the docs say "results", the SDKs read "result"; ListPage accepts both.
    const std::optional<ListPage> page = ListPage::fromJson(result.json);
    if (!page) {
        statusBar()->showMessage(tr("The account list is not in the expected shape (no result array)"));
        return;
    }
    for (const QJsonValue &account : page->records)
        m_accountPages.append(account);
    // Account lists are short; read them whole, page by page, up to a sane bound.
    constexpr int kMaxAccounts = 5000;
    if (page->hasMore() && m_accountPages.size() < kMaxAccounts) {
        requestAccounts(page->nextCursor);
        return;
    }
    m_accountList.clear();
    for (const QJsonValue &value : std::exchange(m_accountPages, {}))
        m_accountList.append(AccountCapabilities::fromAccount(value.toObject()));
    const QString previous = currentAccountId();
    {
        const QSignalBlocker blocker(m_accounts);
        m_accounts->clear();
        for (const AccountCapabilities &account : std::as_const(m_accountList)) {
            QString text = account.provider() + QStringLiteral(" — ") + account.id().left(8);
            if (account.isSandbox())
                text += tr(" (read-only sandbox)");
            if (!account.status().isEmpty() && account.status() != QLatin1String("active"))
                text += QStringLiteral(" [%1]").arg(account.status());
            m_accounts->addItem(text, account.id());
        }
        const int index = m_accounts->findData(previous);
        m_accounts->setCurrentIndex(index >= 0 ? index : 0);
    }
    statusBar()->showMessage(tr("%n integrated account(s)", nullptr, int(m_accountList.size())), 4000);
    onAccountChanged();
    Q_EMIT accountsLoaded();
    if (!m_draftsOffered)
        offerDrafts();
}

void MainWindow::onAccountChanged()
{
    m_customFields = {};
    showAccountInfo();
    onAccountOrResourceChanged();
    if (!currentAccount().isValid())
        return;
    // Contract §12: which resources allow update; never cached, the account's health matters.
    connect(m_client->getCapabilities(currentAccountId()), &ApiCall::finished, this, &MainWindow::onCapabilities);
    connect(m_client->listFields(currentAccountId()), &ApiCall::finished, this, &MainWindow::onCustomFields);
}

void MainWindow::showAccountInfo()
{
    const AccountCapabilities account = currentAccount();
    m_accountInfo->setText(account.isValid() ? QStringLiteral(" %1 ").arg(account.summary()) : QString());
    m_accountInfo->setToolTip(!account.capabilitiesKnown()
                                  ? QString()
                                  : tr("Update allowed for: %1")
                                        .arg(account.updatableResources().isEmpty()
                                                 ? tr("nothing")
                                                 : account.updatableResources().join(QStringLiteral(", "))));
}

void MainWindow::onCapabilities(const ApiResult &result)
{
    recordInHistory(result);
    if (!result.ok()) {
        statusBar()->showMessage(tr("Could not read the account's capabilities: %1").arg(result.errorString));
        return;
    }
    // The answer is about the account it was asked for, which may no longer be the current one.
    const QString accountId = result.request.target.accountId;
    AccountCapabilities updated;
    for (AccountCapabilities &account : m_accountList) {
        if (account.id() == accountId) {
            account.readCapabilities(result.json.object());
            updated = account;
        }
    }
    if (!updated.isValid())
        return;
    showAccountInfo();
    for (RecordEditorView *editor : editors()) {
        if (editor->accountId() == accountId)
            editor->setAccount(updated);
    }
    Q_EMIT capabilitiesLoaded();
}

void MainWindow::onCustomFields(const ApiResult &result)
{
    recordInHistory(result);
    if (result.request.target.accountId != currentAccountId())
        return;
    m_customFields = CustomFieldDefinitions::fromListResponse(result.json.object());
    for (RecordEditorView *editor : editors()) {
        if (editor->accountId() == currentAccountId())
            editor->setCustomFieldDefinitions(m_customFields.definitionsFor(editor->model()->schema()));
    }
}

void MainWindow::applyLiveFieldRules(RecordEditorView *editor)
{
    const AccountCapabilities account = currentAccount();
    const ResourceSchema &schema = editor->model()->schema();
    const FieldPolicy bundled = schema.policyFor(schema.canonicalProvider(account.provider()).value_or(QString()));
    m_liveMeta->load(schema.name, account.id(), account.integrationSlug(), bundled, editor,
                     [this, editor](const LivePolicyResult &result) {
                         editor->setLiveFieldRules(result.policy, result.note);
                         editor->setFieldMapping(result.fieldMapping);
                         m_liveRules.insert(result.policy.resource(), result.policy);
                         if (m_coverage)
                             m_coverage->setLiveRules(result.policy);
                     });
}

void MainWindow::recordInHistory(const ApiResult &result)
{
    if (!m_services.history)
        return;
    HistoryEntry entry = HistoryEntry::fromResult(result); // with the request's target
    entry.profileId = m_services.profileId;
    entry.environment = m_environment;
    m_services.history->append(entry);
}

// Bulk edit from CSV (ui/bulk), on the current account, history shared with the form. show(),
// not open(): a run can last many minutes, and open() would block the window (window-modal).
void MainWindow::showBulkEdit()
{
    auto *dialog = new BulkEditDialog(m_client, m_services.history, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setConnectionLabels(m_services.profileId, m_environment);
    dialog->setAccountId(currentAccountId());
    dialog->setResource(m_resources->currentData().toString());
    dialog->show();
}

void MainWindow::showConnections()
{
    if (!m_services.settings || !m_services.secrets)
        return;
    auto *dialog = new ConnectionsDialog(m_services.settings, m_services.secrets, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->showProfile(m_services.profileId == QLatin1String("sandbox") ? QString() : m_services.profileId);
    connect(dialog, &ConnectionsDialog::connectionChosen, this, &MainWindow::connectionChosen);
    // A new token for the connection in use must reach the client too.
    connect(dialog, &ConnectionsDialog::profileSaved, this, [this](const QString &profileId) {
        if (profileId == m_services.profileId)
            Q_EMIT connectionChosen();
    });
    dialog->open();
}

void MainWindow::resend(const HistoryEntry &entry)
{
    const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    ApiCall *call = m_client->resend(toApiResult(entry).request, key);
    statusBar()->showMessage(tr("Sending %1 %2 again…").arg(QString::fromLatin1(entry.method), entry.target.resource));
    connect(call, &ApiCall::finished, this, [this](const ApiResult &result) {
        showResponse(result, Reveal::Always);
        recordInHistory(result);
        statusBar()->showMessage(result.ok() ? tr("Sent again: %1").arg(result.httpStatus) : result.errorString, 6000);
        // The current record may have changed on the server: show it as it is now, unless it
        // holds unsent edits.
        if (RecordEditorView *editor = currentEditor(); editor && !editor->model()->isModified())
            editor->loadRecord(editor->model()->id());
    });
}

void MainWindow::offerDrafts()
{
    m_draftsOffered = true;
    if (!m_services.drafts)
        return;
    QList<Draft> drafts = m_services.drafts->list();
    drafts.removeIf([this](const Draft &draft) { return draft.key.profileId != m_services.profileId; });
    if (drafts.isEmpty())
        return;
    QStringList names;
    for (const Draft &draft : std::as_const(drafts))
        names.append(draft.key.resource + u' ' + draft.key.recordId);
    m_ask({tr("Unsent drafts"),
           tr("You have %n unsent draft(s) from an earlier session: %1. Open them again?", nullptr,
              int(drafts.size()))
               .arg(names.join(QStringLiteral(", "))),
           tr("Open drafts")},
          [this, drafts](bool yes) {
              if (!yes)
                  return;
              for (const Draft &draft : drafts) {
                  selectAccount(draft.key.accountId);
                  if (RecordEditorView *editor = openRecord(draft.key.resource, draft.key.recordId))
                      editor->restoreDraftAfterLoad(draft);
              }
          });
}

AccountCapabilities MainWindow::currentAccount() const
{
    const QString id = currentAccountId();
    for (const AccountCapabilities &account : m_accountList) {
        if (account.id() == id)
            return account;
    }
    return {};
}

QString MainWindow::currentAccountId() const
{
    return m_accounts->currentData().toString();
}

QString MainWindow::currentProvider() const
{
    return currentAccount().provider();
}

QString MainWindow::currentResource() const
{
    return m_resources->currentData().toString();
}

void MainWindow::selectAccount(const QString &accountId)
{
    m_accounts->setCurrentIndex(m_accounts->findData(accountId));
}

void MainWindow::selectResource(const QString &resource)
{
    m_resources->setCurrentIndex(m_resources->findData(resource));
}

void MainWindow::onAccountOrResourceChanged()
{
    m_list->show(currentResource(), currentAccountId());
}

RecordEditorView *MainWindow::openRecord(const QString &resource, const QString &id)
{
    for (RecordEditorView *editor : editors()) {
        if (editor->model()->schema().name == resource && editor->model()->id() == id) {
            m_tabs->setCurrentWidget(editor);
            return editor;
        }
    }
    const ResourceSchema *schema = Schema::bundled().resource(resource);
    if (!schema)
        return nullptr;
    auto *editor = new RecordEditorView(*schema, m_client, m_tabs);
    editor->setAccount(currentAccount());
    editor->setEnvironmentLabel(m_environment);
    editor->setCustomFieldDefinitions(m_customFields.definitionsFor(*schema));
    editor->setServerChangeCheck(true, m_ask);
    editor->setReferenceDirectory(m_references);
    editor->restoreLayoutState(m_editorLayout);
    connect(editor, &RecordEditorView::layoutChanged, this, [this, editor] { m_editorLayout = editor->layoutState(); });
    if (m_services.drafts)
        editor->enableDrafts(m_services.drafts, {m_services.profileId, currentAccountId(), resource, id});
    applyLiveFieldRules(editor);
    m_undoGroup->addStack(editor->model()->undoStack());
    if (auto *hint = m_tabs->findChild<QLabel *>(QStringLiteral("emptyHint")); hint && m_tabs->indexOf(hint) >= 0)
        m_tabs->removeTab(m_tabs->indexOf(hint));
    const int index = m_tabs->addTab(editor, schema->label + QStringLiteral(": ") + id);
    m_tabs->setCurrentIndex(index);
    if (m_pendingCoverageCell.resource == resource) {
        editor->setProvider(m_pendingCoverageCell.provider);
        editor->form()->focusField(m_pendingCoverageCell.field);
        m_pendingCoverageCell = {};
    }
    connect(editor, &RecordEditorView::responseReceived, this, [this, editor](const ApiResult &result) {
        // A send's answer is what the user waits for; a record's GET stays behind the button.
        showResponse(result, result.request.method == "GET" ? Reveal::OnError : Reveal::Always);
        inspector()->setFieldMapping(editor->fieldMapping());
    });
    connect(editor, &RecordEditorView::responseReceived, this, &MainWindow::recordInHistory);
    connect(editor, &RecordEditorView::streamStarted, this, [this](const SentRequest &request) {
        inspector()->beginStream(request);
        revealResponse();
    });
    connect(editor, &RecordEditorView::streamBytes, this,
            [this](const QByteArray &bytes) { inspector()->appendStreamBytes(bytes); });
    connect(editor, &RecordEditorView::streamFinished, this,
            [this](const ApiResult &result) { inspector()->finishStream(result); });
    connect(editor, &RecordEditorView::streamFinished, this, &MainWindow::recordInHistory);
    connect(editor, &RecordEditorView::titleChanged, this, [this, editor] {
        const int at = m_tabs->indexOf(editor);
        if (at >= 0)
            m_tabs->setTabText(at, editor->title());
        updateTitle();
    });
    editor->loadRecord(id);
    return editor;
}

RecordEditorView *MainWindow::currentEditor() const
{
    return qobject_cast<RecordEditorView *>(m_tabs->currentWidget());
}

QList<RecordEditorView *> MainWindow::editors() const
{
    QList<RecordEditorView *> out;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *editor = qobject_cast<RecordEditorView *>(m_tabs->widget(i)))
            out.append(editor);
    }
    return out;
}

void MainWindow::closeEditor(int index)
{
    if (m_coverage && m_tabs->widget(index) == m_coverage) {
        m_tabs->removeTab(index); // kept, with its search and filter, for the next time
        return;
    }
    QPointer<RecordEditorView> editor = qobject_cast<RecordEditorView *>(m_tabs->widget(index));
    if (!editor)
        return;
    if (!editor->model()->isModified()) {
        removeEditor(editor);
        return;
    }
    m_prompt({tr("Unsent changes"), tr("%1 has changes that were not sent. Discard them?").arg(editor->title()),
              tr("Discard")},
             [this, editor](bool discard) {
                 if (discard && editor)
                     removeEditor(editor);
             });
}

void MainWindow::removeEditor(RecordEditorView *editor)
{
    m_undoGroup->removeStack(editor->model()->undoStack());
    m_tabs->removeTab(m_tabs->indexOf(editor));
    editor->deleteLater();
    updateTitle();
}

void MainWindow::updateTitle()
{
    const QList<RecordEditorView *> open = editors();
    const bool anyModified = std::any_of(open.cbegin(), open.cend(), [](const RecordEditorView *editor) {
        return editor->model()->isModified();
    });
    RecordEditorView *editor = currentEditor();
    setWindowTitle((editor ? editor->title().remove(QStringLiteral(" *")) + QStringLiteral("[*] — ")
                           : QString()) + QStringLiteral("CRM Desk") + (editor ? QString() : QStringLiteral("[*]")));
    setWindowModified(anyModified);
}

void MainWindow::restoreLayout(const QByteArray &geometry, const QByteArray &state, const QByteArray &editorLayout)
{
    if (!restoreGeometry(geometry)) {
        // A first start: roomy, but never larger than the screen (a 1024 x 700 laptop).
        QSize size(1400, 900);
        if (const QScreen *shown = screen())
            size = size.boundedTo(shown->availableGeometry().size());
        resize(size);
    }
    m_docksSized = restoreState(state);
    m_docksRestored = m_docksSized;
    m_inspectorDock->hide(); // no response to show yet; its size is kept for when there is
    m_editorLayout = editorLayout;
}

void MainWindow::createPanelToggles()
{
    m_responseToggle = new QToolButton(this);
    m_responseToggle->setObjectName(QStringLiteral("responseToggle"));
    m_responseToggle->setCheckable(true);
    m_responseToggle->setAutoRaise(true);
    m_responseToggle->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_responseToggle->setText(tr("Response: none yet"));
    m_responseToggle->setToolTip(tr("Show or hide the response (Ctrl+Shift+R)"));
    m_responseToggle->setAccessibleName(tr("Response"));
    statusBar()->addPermanentWidget(m_responseToggle);
    connect(m_responseToggle, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            revealResponse();
        else
            m_inspectorDock->hide();
    });
    // The button is the context and nothing of this window is touched: docks report being
    // hidden while the window is destroyed (UBSan in the sanitizer suite otherwise).
    connect(m_inspectorDock, &QDockWidget::visibilityChanged, m_responseToggle,
            [toggle = m_responseToggle, dock = m_inspectorDock] {
                const QSignalBlocker blocker(toggle);
                toggle->setChecked(!dock->isHidden());
            });
    if (auto *historyDock = findChild<QDockWidget *>(QStringLiteral("historyDock"))) {
        m_historyToggle = new QToolButton(this);
        m_historyToggle->setObjectName(QStringLiteral("historyToggle"));
        m_historyToggle->setCheckable(true);
        m_historyToggle->setAutoRaise(true);
        m_historyToggle->setText(tr("History"));
        m_historyToggle->setToolTip(tr("Show or hide the history of calls (Ctrl+Shift+H)"));
        m_historyToggle->setAccessibleName(tr("History"));
        statusBar()->addPermanentWidget(m_historyToggle);
        connect(m_historyToggle, &QToolButton::toggled, this, [historyDock](bool on) {
            historyDock->setVisible(on);
            if (on)
                historyDock->raise();
        });
        connect(historyDock, &QDockWidget::visibilityChanged, m_historyToggle,
                [toggle = m_historyToggle, historyDock] {
                    const QSignalBlocker blocker(toggle);
                    toggle->setChecked(!historyDock->isHidden());
                });
    }
}

void MainWindow::showResponse(const ApiResult &result, Reveal reveal)
{
    inspector()->showResult(result);
    const QString status = result.httpStatus > 0 ? QString::number(result.httpStatus) : tr("no answer");
    m_responseToggle->setText(tr("Response: %1 · %2 %3")
                                  .arg(status, QString::fromLatin1(result.request.method),
                                       result.request.url.path()));
    m_responseToggle->setStyleSheet(result.ok() ? QString() : QStringLiteral("color: #b3261e; font-weight: bold;"));
    if (reveal == Reveal::Always || (reveal == Reveal::OnError && !result.ok()))
        revealResponse();
}

void MainWindow::revealResponse()
{
    const bool wasHidden = m_inspectorDock->isHidden();
    m_inspectorDock->show();
    m_inspectorDock->raise();
    if (wasHidden && !m_responseSized) {
        m_responseSized = true;
        // Its first showing in a session without a saved layout: a third of the height.
        if (!m_docksRestored)
            resizeDocks({m_inspectorDock}, {height() * 35 / 100}, Qt::Vertical);
    }
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_docksSized)
        return;
    m_docksSized = true;
    // The form is the work; the response is read below it, so it gets the smaller share. A
    // layout the user arranged (restoreLayout) is left alone. Queued: the first layout pass
    // has to have happened for the sizes to stick.
    QTimer::singleShot(0, this, [this] {
        if (auto *listDock = findChild<QDockWidget *>(QStringLiteral("recordsDock")))
            resizeDocks({listDock}, {qBound(170, width() / 6, 300)}, Qt::Horizontal);
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QStringList modified;
    for (const RecordEditorView *editor : editors()) {
        if (editor->model()->isModified())
            modified.append(editor->title());
    }
    if (modified.isEmpty() || m_closeConfirmed) {
        event->accept();
        return;
    }
    // Ask without blocking; close again once the user has said yes. The drafts stay on disk
    // either way, so even "discard" can be undone at the next start.
    event->ignore();
    m_prompt({tr("Unsent changes"),
              tr("%1: changes not sent yet. Quit anyway? Your drafts are kept and offered again at the "
                 "next start.")
                  .arg(modified.join(QStringLiteral(", "))),
              tr("Quit")},
             [this](bool quit) {
                 if (!quit)
                     return;
                 m_closeConfirmed = true;
                 // Queued: the answer may come while this close event is still being handled.
                 QMetaObject::invokeMethod(this, &QWidget::close, Qt::QueuedConnection);
             });
}

} // namespace crmdesk
