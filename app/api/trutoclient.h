#pragma once

#include "api/apicall.h"
#include "api/apiresult.h"
#include "api/queryoptions.h"
#include "api/ratelimiter.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace crmdesk {

// Where to send calls and with what credentials. The token lives only in memory.
struct ConnectionConfig
{
    QUrl baseUrl = QUrl(QStringLiteral("https://api.truto.one"));
    QString token;
    int transferTimeoutMs = 30000;
    int maxAttempts = 3;          // tries in total for retryable failures
    int baseBackoffMs = 1000;     // 5xx backoff: base, 2*base, 4*base ... capped
    int maxBackoffMs = 8000;
    int defaultRetryAfterMs = 10000; // 429 without Retry-After or ratelimit-reset
};

// The client of Truto's Unified CRM API. Every call is asynchronous and returns an ApiCall
// owned by the client that emits finished() exactly once and then deletes itself.
class TrutoClient : public QObject
{
    Q_OBJECT
public:
    explicit TrutoClient(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setConfig(const ConnectionConfig &config);
    const ConnectionConfig &config() const { return m_config; }

    // PATCH /unified/crm/{resource}/{id}; retries reuse idempotencyKey.
    ApiCall *updateRecord(const QString &resource, const QString &id, const QJsonObject &body,
                          const QueryOptions &options, const QString &idempotencyKey);
    ApiCall *getRecord(const QString &resource, const QString &id, const QueryOptions &options);
    ApiCall *listRecords(const QString &resource, const QueryOptions &options);
    ApiCall *listIntegratedAccounts(const QueryOptions &options);
    ApiCall *getIntegratedAccount(const QString &accountId);
    ApiCall *getCapabilities(const QString &accountId);
    ApiCall *getUpdateMeta(const QString &resource, const QString &accountId);
    ApiCall *listFields(const QString &accountId, const QString &entityType = {});

    // The request a PATCH would send, without sending it (previews, snippets, history).
    SentRequest previewUpdate(const QString &resource, const QString &id, const QJsonObject &body,
                              const QueryOptions &options, const QString &idempotencyKey) const;
    // "/unified/crm/contacts/<percent-encoded id>" (contract §3).
    static QByteArray recordPath(const QString &resource, const QString &id);

    RateLimiter &rateLimiter() { return m_limiter; }

private:
    ApiCall *start(const QByteArray &method, const QByteArray &encodedPath,
                   const QByteArray &encodedQuery, const QByteArray &body,
                   const QString &idempotencyKey, const QString &accountId, bool streaming);
    SentRequest buildRequest(const QByteArray &method, const QByteArray &encodedPath,
                             const QByteArray &encodedQuery, const QByteArray &body,
                             const QString &idempotencyKey) const;

    QNetworkAccessManager *m_network;
    ConnectionConfig m_config;
    RateLimiter m_limiter;
};

} // namespace crmdesk
