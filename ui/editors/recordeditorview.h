#pragma once

#include "api/apicall.h"
#include "api/apiresult.h"
#include "api/recordtarget.h"
#include "dialogs/confirmation.h"
#include "policy/editpolicy.h"
#include "records/recordmodel.h"
#include "records/validation.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSplitter;

namespace crmdesk {

class DraftRecorder;
class DraftStore;
class QueryOptionsPanel;
class RecordForm;
class ReferenceDirectory;
class TrutoClient;
struct Draft;
struct DraftKey;

// Everything about editing one record: the provider, the form, the query options, a live
// preview of the exact request, and Send/Cancel. Sending only happens when nothing blocks it.
// What may be edited and sent is decided by the core's EditPolicyBuilder; this view feeds it
// the account, the provider picked and the live rules, and shows the EditPolicy it builds.
class RecordEditorView : public QWidget
{
    Q_OBJECT
public:
    RecordEditorView(const ResourceSchema &schema, TrutoClient *client, QWidget *parent = nullptr);
    ~RecordEditorView() override;

    RecordModel *model() const { return m_model; }
    RecordForm *form() const { return m_form; }
    QueryOptionsPanel *queryOptions() const { return m_query; }

    // The account the record belongs to, and what it allows. A new account also selects its
    // provider; the same account again (its capabilities arrived) keeps the provider picked.
    void setAccount(const AccountCapabilities &account);
    QString accountId() const { return m_rules.account().id(); }
    // The provider whose rules apply; every edit is kept when it changes.
    void setProvider(const QString &provider);
    QString provider() const;
    // The live account's rules for its own provider (bundled documentation merged with
    // meta/update), and where they came from.
    void setLiveFieldRules(const FieldPolicy &merged, const QString &note);
    const EditPolicy &editPolicy() const { return m_policy; }
    // The provider's mapping from unified to raw paths, for the inspector's side-by-side view.
    void setFieldMapping(const QHash<QString, QString> &mapping) { m_fieldMapping = mapping; }
    const QHash<QString, QString> &fieldMapping() const { return m_fieldMapping; }
    // Where reference fields read the names of owners, accounts, contacts... (cached per
    // account, shared by every form of the window).
    void setReferenceDirectory(ReferenceDirectory *directory);
    // How the user arranged the view (form and side panel widths, closed sections), to put
    // back in the next record's view and the next session. Unreadable state is ignored.
    QByteArray layoutState() const;
    void restoreLayoutState(const QByteArray &state);
    // The account's custom field definitions for this resource's entity (contract §14): typed
    // editors in the form, and their rules (required, read-only, types) among what blocks Send.
    void setCustomFieldDefinitions(const QList<CustomField> &definitions);
    // Keeps every edit on disk as it is made (see DraftRecorder).
    void enableDrafts(DraftStore *store, const DraftKey &key);
    // Puts a draft's edits back once the record has loaded, warning when the server changed it.
    void restoreDraftAfterLoad(const Draft &draft);
    // Before sending, re-read the record and ask before overwriting a newer version (§16.1).
    void setServerChangeCheck(bool enabled, Confirmation prompt = {});
    void setEnvironmentLabel(const QString &label);

    // GET by id (never from a list row), then fill the form.
    void loadRecord(const QString &id);
    // PATCH the changed fields. Refused (returns false) while something blocks sending.
    bool send();
    void cancel();
    bool isBusy() const { return m_call != nullptr; }

    QList<ValidationIssue> issues() const;
    QStringList blockingProblems() const;
    // The PATCH the form would send now, and how it goes on the wire.
    PatchRequest patchRequest() const;
    SentRequest previewRequest() const;
    QString title() const;

Q_SIGNALS:
    void titleChanged();
    void responseReceived(const crmdesk::ApiResult &result);
    void recordLoaded();
    void sent(const crmdesk::ApiResult &result);
    // A stream-format send: the body arrives in pieces, and ends with streamFinished().
    void streamStarted(const crmdesk::SentRequest &request);
    void streamBytes(const QByteArray &chunk);
    void streamFinished(const crmdesk::ApiResult &result);
    // The user moved the splitter or opened or closed a section.
    void layoutChanged();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyPolicy();
    void refresh();
    void sendNow();
    void onFreshCopy(const ApiResult &result);
    void onFinishedSending(const ApiResult &result);
    void onLoaded(const ApiResult &result);
    void setBusy(ApiCall *call, const QString &what);

    const ResourceSchema &m_schema;
    TrutoClient *m_client;
    RecordModel *m_model;
    RecordForm *m_form;
    QueryOptionsPanel *m_query;
    QSplitter *m_splitter;
    bool m_splitterPlaced = false; // sized once to the view's width, or restored
    QPointer<ReferenceDirectory> m_references;
    QComboBox *m_provider;
    QLabel *m_environment;
    QLabel *m_policyNote;
    QLabel *m_summary;
    QPlainTextEdit *m_preview;
    QPushButton *m_send;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    EditPolicyBuilder m_rules;
    EditPolicy m_policy;
    QList<CustomField> m_customFields;
    QString m_idempotencyKey; // one per edit: kept across retries, new once the edit changes
    QString m_recordId;
    QPointer<ApiCall> m_call;
    QHash<QString, QString> m_fieldMapping;
    DraftRecorder *m_drafts = nullptr;
    std::function<void()> m_afterLoad; // one-shot work once the record has loaded
    bool m_checkServerChanges = false;
    Confirmation m_overwritePrompt;
};

} // namespace crmdesk
