#pragma once

#include "api/apicall.h"
#include "api/apiresult.h"
#include "main/appservices.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMainWindow>
#include <QPointer>

#include <functional>

class QComboBox;
class QLabel;
class QTabWidget;
class QUndoGroup;

namespace crmdesk {

class RecordEditorView;
class RecordListPanel;
class LiveMetaLoader;
class ResponseInspector;
class TrutoClient;

// The main window: pick the account and resource, open records from the list, edit them in
// tabs, and read every response in the inspector.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // Questions to the user go through these, so tests can answer them without a modal loop.
    using UnsavedChangesPrompt = std::function<bool(const QString &what)>; // true = discard
    using YesNoPrompt = std::function<bool(const QString &question)>;

    explicit MainWindow(const AppServices &services, QWidget *parent = nullptr);

    // The connection in use: its profile id keys drafts and history.
    void setConnection(const QString &profileId, const QString &name, const QString &environment);
    void setUnsavedChangesPrompt(UnsavedChangesPrompt prompt) { m_prompt = std::move(prompt); }
    void setQuestionPrompt(YesNoPrompt prompt) { m_ask = std::move(prompt); }
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
    RecordListPanel *recordList() const { return m_list; }
    ResponseInspector *inspector() const { return m_inspector; }
    bool closeEditor(int index);

Q_SIGNALS:
    void accountsLoaded();
    void capabilitiesLoaded();
    void connectionsRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void onAccounts(const ApiResult &result);
    void onAccountOrResourceChanged();
    void onAccountChanged();
    void onCapabilities(const ApiResult &result);
    void onCustomFields(const ApiResult &result);
    void applyAccountRules(RecordEditorView *editor) const;
    void applyLiveFieldRules(RecordEditorView *editor);
    void recordInHistory(const ApiResult &result);
    void updateTitle();
    QString accountReadOnlyReason(const QJsonObject &account) const;
    QJsonObject currentAccount() const;

    AppServices m_services;
    TrutoClient *m_client;
    LiveMetaLoader *m_liveMeta;
    QComboBox *m_accounts;
    QComboBox *m_resources;
    QLabel *m_connection;
    QTabWidget *m_tabs;
    RecordListPanel *m_list;
    ResponseInspector *m_inspector;
    QUndoGroup *m_undoGroup;
    QJsonArray m_accountData;
    QString m_environment;
    UnsavedChangesPrompt m_prompt;
    YesNoPrompt m_ask;
    QPointer<ApiCall> m_accountsCall;
    QJsonObject m_capabilities;      // of the current account (contract §12)
    QStringList m_customFieldNames;  // of the current account (contract §14)
    QLabel *m_accountInfo;
    bool m_draftsOffered = false;
};

// The provider's display name from an integrated account ({integration: {label, name}}).
QString providerOfAccount(const QJsonObject &account);

} // namespace crmdesk
