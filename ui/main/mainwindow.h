#pragma once

#include "api/apicall.h"
#include "api/apiresult.h"
#include "dialogs/confirmation.h"
#include "main/appservices.h"
#include "policy/accountcapabilities.h"
#include "policy/customfielddefinitions.h"
#include "schema/fieldstate.h"

#include <QHash>
#include <QJsonArray>
#include <QMainWindow>
#include <QPointer>

#include <functional>

class QComboBox;
class QDockWidget;
class QLabel;
class QTabWidget;
class QToolButton;
class QUndoGroup;

namespace crmdesk {

class RecordEditorView;
class RecordListPanel;
class HistoryPanel;
class CoverageView;
class LiveMetaLoader;
class ReferenceDirectory;
struct HistoryEntry;
class ResponseInspector;
class TrutoClient;

// The main window: pick the account and resource, open records from the list, edit them in
// tabs, and read every response in the inspector.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:

    explicit MainWindow(const AppServices &services, QWidget *parent = nullptr);

    // The connection in use: its profile id keys drafts and history.
    void setConnection(const QString &profileId, const QString &name, const QString &environment);
    // Says which connection is being made, until setConnection() follows.
    void showConnecting(const QString &name);
    // A problem the user must read and that no later status message may hide, such as a damaged
    // file that was set aside at start: kept in the status bar, one line each, until closed.
    void showNotice(const QString &message);
    // Questions to the user go through these (yes = discard the edits / go ahead), so that tests
    // answer them and no modal loop ever runs.
    void setUnsavedChangesPrompt(Confirmation prompt) { m_prompt = std::move(prompt); }
    void setQuestionPrompt(Confirmation prompt) { m_ask = std::move(prompt); }
    // Offers the unsent drafts of this connection back; called once the accounts are known.
    void offerDrafts();
    void refreshAccounts();

    QString currentAccountId() const;
    QString currentProvider() const;
    QString currentResource() const;
    void selectAccount(const QString &accountId);
    void selectResource(const QString &resource);
    RecordEditorView *openRecord(const QString &resource, const QString &id);
    RecordEditorView *currentEditor() const;
    // Every open record's editor, in tab order.
    QList<RecordEditorView *> editors() const;
    RecordListPanel *recordList() const { return m_list; }
    // Built on first use (the first response, or a test asking): start-up does not pay for it.
    ResponseInspector *inspector();
    void showConnections();
    // Puts back the window the user left, and the record views' arrangement; a first start gets
    // the default proportions.
    void restoreLayout(const QByteArray &geometry, const QByteArray &state, const QByteArray &editorLayout = {});
    // The record views' arrangement as last changed (RecordEditorView::layoutState), to save.
    QByteArray editorLayout() const { return m_editorLayout; }
    ReferenceDirectory *references() const { return m_references; }
    // Closes a record's tab, after asking when it has unsent edits.
    void closeEditor(int index);

Q_SIGNALS:
    void accountsLoaded();
    void capabilitiesLoaded();
    // The user chose another connection in the Connections dialog (AppSettings has it).
    void connectionChosen();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    enum class Reveal { Never, OnError, Always };
    // Shows a response in the inspector and says what it was on the status bar's Response
    // button; the response area opens when the answer is one the user waits for.
    void showResponse(const ApiResult &result, Reveal reveal);
    void revealResponse();
    void createPanelToggles();
    HistoryPanel *createHistoryPanel();
    void showCoverage();
    // A coverage cell was clicked: that resource's form, with that provider's rules and the
    // field focused (now, or when the next record of the resource is opened).
    void openCoverageCell(const QString &resource, const QString &provider, const QString &field);
    void createActions();
    void requestAccounts(const QString &cursor);
    void onAccounts(const ApiResult &result);
    void onAccountOrResourceChanged();
    void onAccountChanged();
    void onCapabilities(const ApiResult &result);
    void onCustomFields(const ApiResult &result);
    void applyLiveFieldRules(RecordEditorView *editor);
    void recordInHistory(const ApiResult &result);
    void resend(const HistoryEntry &entry);
    void updateTitle();
    void showAccountInfo();
    AccountCapabilities currentAccount() const;

    AppServices m_services;
    TrutoClient *m_client;
    LiveMetaLoader *m_liveMeta;
    QComboBox *m_accounts;
    QComboBox *m_resources;
    QLabel *m_connection;
    QTabWidget *m_tabs;
    RecordListPanel *m_list;
    QDockWidget *m_inspectorDock;
    QLabel *m_notices = nullptr;
    CoverageView *m_coverage = nullptr; // built when first shown
    QHash<QString, FieldPolicy> m_liveRules; // the connected account's, by resource
    struct CoverageCell
    {
        QString resource, provider, field;
    } m_pendingCoverageCell;
    ResponseInspector *m_inspector = nullptr;
    QUndoGroup *m_undoGroup;
    QList<AccountCapabilities> m_accountList;
    QJsonArray m_accountPages; // accounts read so far by the current refresh
    QString m_environment;
    void removeEditor(RecordEditorView *editor);

    Confirmation m_prompt;
    Confirmation m_ask;
    bool m_closeConfirmed = false;
    bool m_docksSized = false;
    QPointer<ApiCall> m_accountsCall;
    CustomFieldDefinitions m_customFields; // the current account's (contract §14)
    QLabel *m_accountInfo;
    bool m_draftsOffered = false;
    ReferenceDirectory *m_references; // names for reference fields, per account
    QByteArray m_editorLayout;
    QToolButton *m_responseToggle = nullptr;
    QToolButton *m_historyToggle = nullptr;
    bool m_docksRestored = false; // the user's saved layout was put back
    bool m_responseSized = false;
};

} // namespace crmdesk
