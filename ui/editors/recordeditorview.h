#pragma once

#include "api/apicall.h"
#include "api/apiresult.h"
#include "records/recordmodel.h"
#include "records/validation.h"
#include "schema/fieldstate.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace crmdesk {

class QueryOptionsPanel;
class RecordForm;
class TrutoClient;

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
    // Replaces the documented policy, e.g. with one merged with the live account's metadata.
    void setFieldPolicy(const FieldPolicy &policy);
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

private:
    void refresh();
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
};

} // namespace crmdesk
