#include "api/trutoclient.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>

namespace crmdesk {

namespace {

QByteArray encoded(const QString &segment)
{
    return QUrl::toPercentEncoding(segment);
}

QByteArray resourcePath(const QString &resource)
{
    return RecordTarget{resource, {}, {}}.encodedPath();
}

RecordTarget accountOnly(const QString &accountId)
{
    return {{}, {}, accountId};
}

QByteArray accountPath(const QString &accountId)
{
    return "/integrated-account/" + encoded(accountId);
}

QByteArray accountQuery(const QString &accountId)
{
    QueryOptions options;
    options.integratedAccountId = accountId;
    return options.toEncodedQuery();
}

bool isStream(const QueryOptions &options)
{
    return options.responseFormat == ResponseFormat::Stream;
}

} // namespace

RetryPolicy::Limits ConnectionConfig::retryLimits() const
{
    RetryPolicy::Limits limits;
    limits.maxAttempts = maxAttempts;
    limits.baseBackoffMs = baseBackoffMs;
    limits.maxBackoffMs = maxBackoffMs;
    limits.defaultRetryAfterMs = defaultRetryAfterMs;
    limits.maxRetryAfterMs = maxRetryAfterMs;
    return limits;
}

TrutoClient::TrutoClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network)
{
}

void TrutoClient::setConfig(const ConnectionConfig &config)
{
    m_config = config;
}

QByteArray TrutoClient::recordPath(const QString &resource, const QString &id)
{
    return RecordTarget{resource, id, {}}.encodedPath();
}

ApiCall *TrutoClient::updateRecord(const PatchRequest &request)
{
    QueryOptions options = request.options;
    options.integratedAccountId = request.target.accountId;
    return start("PATCH", request.target.encodedPath(), options.toEncodedQuery(),
                 QJsonDocument(request.body).toJson(QJsonDocument::Compact), request.idempotencyKey,
                 request.target, isStream(options));
}

ApiCall *TrutoClient::getRecord(const QString &resource, const QString &id,
                                const QueryOptions &options)
{
    const RecordTarget target{resource, id, options.integratedAccountId};
    return start("GET", target.encodedPath(), options.toEncodedQuery(), {}, {}, target,
                 isStream(options));
}

ApiCall *TrutoClient::resend(const SentRequest &original, const QString &idempotencyKey)
{
    return start(original.method, original.url.path(QUrl::FullyEncoded).toLatin1(),
                 original.url.query(QUrl::FullyEncoded).toLatin1(), original.body,
                 original.method == "GET" ? QString() : idempotencyKey, original.target, false);
}

ApiCall *TrutoClient::listRecords(const QString &resource, const QueryOptions &options)
{
    return start("GET", resourcePath(resource), options.toEncodedQuery(), {}, {},
                 {resource, {}, options.integratedAccountId}, isStream(options));
}

ApiCall *TrutoClient::listIntegratedAccounts(const QueryOptions &options)
{
    // Platform calls count towards the token's limit only (§8.3).
    return start("GET", "/integrated-account", options.toEncodedQuery(), {}, {}, {}, false);
}

ApiCall *TrutoClient::getIntegratedAccount(const QString &accountId)
{
    return start("GET", accountPath(accountId), {}, {}, {}, accountOnly(accountId), false);
}

ApiCall *TrutoClient::getCapabilities(const QString &accountId, const QString &resource)
{
    QByteArray query;
    appendEncoded(query, "type", QStringLiteral("unified"));
    appendEncoded(query, "resource", resource);
    return start("GET", accountPath(accountId) + "/capabilities", query, {}, {},
                 accountOnly(accountId), false);
}

ApiCall *TrutoClient::getUpdateMeta(const QString &resource, const QString &accountId)
{
    return start("GET", resourcePath(resource) + "/meta/update", accountQuery(accountId), {}, {},
                 {resource, {}, accountId}, false);
}

ApiCall *TrutoClient::listFields(const QString &accountId, const QString &entityType)
{
    QByteArray query = accountQuery(accountId);
    appendEncoded(query, "entity_type", entityType);
    return start("GET", "/unified/crm/fields", query, {}, {},
                 {QStringLiteral("fields"), {}, accountId}, false);
}

SentRequest TrutoClient::previewUpdate(const PatchRequest &request) const
{
    QueryOptions options = request.options;
    options.integratedAccountId = request.target.accountId;
    return buildRequest("PATCH", request.target.encodedPath(), options.toEncodedQuery(),
                        QJsonDocument(request.body).toJson(QJsonDocument::Compact),
                        request.idempotencyKey, request.target);
}

ApiCall *TrutoClient::start(const QByteArray &method, const QByteArray &encodedPath,
                            const QByteArray &encodedQuery, const QByteArray &body,
                            const QString &idempotencyKey, const RecordTarget &target,
                            bool streaming)
{
    const SentRequest sent = buildRequest(method, encodedPath, encodedQuery, body, idempotencyKey, target);
    ApiCall::Options options;
    options.transferTimeoutMs = m_config.transferTimeoutMs;
    options.retryPolicy = RetryPolicy(m_config.retryLimits());
    options.streaming = streaming;
    // The throttle is keyed on the account (contract §8.3); platform calls count towards the
    // token's limit only.
    options.accountId = encodedPath.startsWith("/unified/") ? target.accountId : QString();
    auto *call = new ApiCall(m_network, &m_limiter, networkRequest(sent), sent, options, this);
    QMetaObject::invokeMethod(call, &ApiCall::start, Qt::QueuedConnection);
    return call;
}

SentRequest TrutoClient::buildRequest(const QByteArray &method, const QByteArray &encodedPath,
                                      const QByteArray &encodedQuery, const QByteArray &body,
                                      const QString &idempotencyKey,
                                      const RecordTarget &target) const
{
    SentRequest sent;
    sent.method = method;
    sent.target = target;
    // Every part is encoded already; StrictMode makes QUrl take the bytes as they are instead
    // of re-interpreting them (contract §3, §5.3 rule 5).
    QByteArray url = m_config.baseUrl
                         .adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment)
                         .toEncoded()
                     + encodedPath;
    if (!encodedQuery.isEmpty())
        url += '?' + encodedQuery;
    sent.url = QUrl::fromEncoded(url, QUrl::StrictMode);
    sent.body = body;
    sent.idempotencyKey = idempotencyKey;

    if (!m_config.token.isEmpty())
        sent.headers.append({QByteArray("Authorization"), QByteArray(kRedactedAuthorization)});
    sent.headers.append({QByteArray("Accept"), QByteArray("application/json")});
    // Only a request with a body has a content type to declare.
    if (!body.isEmpty())
        sent.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    if (!idempotencyKey.isEmpty())
        sent.headers.append({QByteArray("Idempotency-Key"), idempotencyKey.toUtf8()});
    for (const auto &[name, value] : m_config.extraHeaders) {
        if (sent.header(name).isEmpty())
            sent.headers.append({name, value});
    }
    return sent;
}

QNetworkRequest TrutoClient::networkRequest(const SentRequest &sent) const
{
    QNetworkRequest request(sent.url);
    for (const auto &[name, value] : sent.headers) {
        const bool isAuthorization = name.compare("Authorization", Qt::CaseInsensitive) == 0;
        request.setRawHeader(name, isAuthorization ? "Bearer " + m_config.token.toUtf8() : value);
    }
    // A redirect would carry the token to a host the user never chose; show it instead.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    // Truto never caches and an edit must start from the provider's current record (§10, §15),
    // so a cache the application may have installed on the manager is bypassed.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    return request;
}

} // namespace crmdesk
