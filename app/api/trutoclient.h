#pragma once

#include "api/apicall.h"
#include "api/apiresult.h"
#include "api/queryoptions.h"
#include "api/ratelimiter.h"
#include "api/recordtarget.h"
#include "api/retrypolicy.h"

#include <QJsonObject>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace crmdesk {

// Where to send calls and with what credentials. The token lives only in memory.
struct ConnectionConfig
{
    QUrl baseUrl = QUrl(QStringLiteral("https://api.truto.one"));
    QString token;
    int transferTimeoutMs = 30000; // contract §10
    int maxAttempts = 3;          // tries in total for retryable failures
    int baseBackoffMs = 1000;     // 5xx backoff: base, 2*base, 4*base ... capped
    int maxBackoffMs = 8000;
    int defaultRetryAfterMs = 10000; // 429 without Retry-After or ratelimit-reset
    int maxRetryAfterMs = 60000;     // a 429 asking for longer is reported, not waited out
    // Sent with every call after the contract's own headers, which they cannot replace
    // (for example X-Sandbox-Fault against the offline sandbox server).
    HeaderList extraHeaders;

    RetryPolicy::Limits retryLimits() const;
};

// The client of Truto's Unified CRM API. Every call is asynchronous and returns an ApiCall
// owned by the client that emits finished() exactly once and then deletes itself. The call
// starts on the next turn of the event loop, so signals can be connected after it returns.
class TrutoClient : public QObject
{
    Q_OBJECT
public:
    explicit TrutoClient(QNetworkAccessManager *network, QObject *parent = nullptr);

    // Applies to calls made afterwards.
    void setConfig(const ConnectionConfig &config);
    const ConnectionConfig &config() const { return m_config; }

    // PATCH /unified/crm/{resource}/{id}; retries reuse the request's idempotency key. The
    // target's account is the integrated_account_id sent.
    ApiCall *updateRecord(const PatchRequest &request);
    ApiCall *getRecord(const QString &resource, const QString &id, const QueryOptions &options);
    // One page: options.limit and options.nextCursor select it; ListPage reads the answer.
    ApiCall *listRecords(const QString &resource, const QueryOptions &options);
    ApiCall *listIntegratedAccounts(const QueryOptions &options);
    ApiCall *getIntegratedAccount(const QString &accountId);
    // type=unified; resource narrows the answer to one resource (contract §12).
    ApiCall *getCapabilities(const QString &accountId, const QString &resource = {});
    ApiCall *getUpdateMeta(const QString &resource, const QString &accountId);
    // entity_type is our best guess at the filter's name (contract §14, inferred).
    ApiCall *listFields(const QString &accountId, const QString &entityType = {});

    // Sends an earlier request again (from history) to the current connection: the same method,
    // path, query, body and target, with the current token and a new Idempotency-Key, because
    // the old key would only replay the cached answer (contract §9). Only the path and query of
    // the original URL are used, so a request never follows an old base URL.
    ApiCall *resend(const SentRequest &original, const QString &idempotencyKey);

    // The request a PATCH would send, without sending it (previews, snippets, history).
    SentRequest previewUpdate(const PatchRequest &request) const;
    // "/unified/crm/contacts/<percent-encoded id>" (contract §3).
    static QByteArray recordPath(const QString &resource, const QString &id);

    RateLimiter &rateLimiter() { return m_limiter; }

private:
    ApiCall *start(const QByteArray &method, const QByteArray &encodedPath,
                   const QByteArray &encodedQuery, const QByteArray &body,
                   const QString &idempotencyKey, const RecordTarget &target, bool streaming);
    SentRequest buildRequest(const QByteArray &method, const QByteArray &encodedPath,
                             const QByteArray &encodedQuery, const QByteArray &body,
                             const QString &idempotencyKey, const RecordTarget &target) const;
    // The wire form of a SentRequest: the same URL, headers and body, with the real token.
    QNetworkRequest networkRequest(const SentRequest &sent) const;

    QPointer<QNetworkAccessManager> m_network;
    ConnectionConfig m_config;
    RateLimiter m_limiter;
};

} // namespace crmdesk
