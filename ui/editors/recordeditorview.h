#pragma once

#include "api/apicall.h"
#include "api/apiresult.h"
#include "dialogs/confirmation.h"
#include "records/recordmodel.h"
#include "records/validation.h"
#include "schema/fieldstate.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace crmdesk {

class DraftRecorder;
class DraftStore;
class QueryOptionsPanel;
class RecordForm;
class TrutoClient;
struct Draft;
struct DraftKey;

// Everything about editing one record: the provider, the form, the query options, a live
// preview of the exact request, and Send/Cancel. Sending only happens when nothing blocks it.
class RecordEditorView : public QWidget
{
    Q_OBJECT
public:
    RecordEditorView(const ResourceSchema &schema, TrutoClient *client, QWidget *parent = nullptr);
    ~RecordEditorView() override;

    RecordModel *model() const { return m_model; }
    RecordForm *form() const { return m_form; }
    QueryOptionsPanel *queryOptions() const { return m_query; }

    void setAccount(const QString &accountId, const QString &provider);
    // The provider whose rules apply; every edit is kept when it changes.
    void setProvider(const QString &provider);
    QString provider() const;
    // Replaces the documented policy, e.g. with one merged with the live account's metadata;
    // the note says where the field rules came from.
    void setFieldPolicy(const FieldPolicy &policy, const QString &note = {});
    // The provider's mapping from unified to raw paths, for the inspector's side-by-side view.
    void setFieldMapping(const QHash<QString, QString> &mapping) { m_fieldMapping = mapping; }
    const QHash<QString, QString> &fieldMapping() const { return m_fieldMapping; }
    // Offers the account's custom field names in the custom fields editor.
    void setCustomFieldNames(const QStringList &names);
    // Keeps every edit on disk as it is made (see DraftRecorder).
    void enableDrafts(DraftStore *store, const DraftKey &key);
    // Puts a draft's edits back once the record has loaded, warning when the server changed it.
    void restoreDraftAfterLoad(const Draft &draft);
    // Before sending, re-read the record and ask before overwriting a newer version (§16.1).
    void setServerChangeCheck(bool enabled, Confirmation prompt = {});
    void setEnvironmentLabel(const QString &label);
    // Writes are refused with this reason (sandbox or blocked accounts), or allowed when empty.
    void setReadOnlyReason(const QString &reason);

    // GET by id (never from a list row), then fill the form.
    void loadRecord(const QString &id);
    // PATCH the changed fields. Refused (returns false) while something blocks sending.
    bool send();
    void cancel();
    bool isBusy() const { return m_call != nullptr; }

    QList<ValidationIssue> issues() const;
    QStringList blockingProblems() const;
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

private:
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
    QComboBox *m_provider;
    QLabel *m_environment;
    QLabel *m_policyNote;
    QLabel *m_summary;
    QPlainTextEdit *m_preview;
    QPushButton *m_send;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QString m_readOnlyReason;
    FieldPolicy m_policy;
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
