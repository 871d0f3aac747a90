#include "sandbox/sandboxapi.h"

#include "sandbox/requestlimits.h"

#include "sandbox/bodyinflater.h"
#include "sandbox/querydecoder.h"
#include "sandbox/responseformatter.h"
#include "sandbox/sandboxdata.h"
#include "schema/schema.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace crmdesk::sandbox {

namespace {

QString bearerToken(const SandboxRequest &request)
{
    const QByteArray authorization = request.header("authorization").trimmed();
    if (!authorization.startsWith("Bearer ") && !authorization.startsWith("bearer "))
        return {};
    return QString::fromUtf8(authorization.mid(7).trimmed());
}

// JSON with every non-ASCII character escaped, so it fits in a header value.
QByteArray asciiJson(const QJsonObject &object)
{
    const QString text = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    QByteArray out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            out += "\\u" + QByteArray::number(c.unicode(), 16).rightJustified(4, '0');
        else
            out += char(c.unicode());
    }
    return out;
}

} // namespace

SandboxApi::SandboxApi(SandboxData &data, RecordEndpoints::ChangedHandler changed)
    : m_data(data), m_accounts(data), m_metadata(data),
      m_records(data, std::move(changed), [] { return QDateTime::currentDateTimeUtc(); }),
      m_directory(data)
{
}

void SandboxApi::addToken(const QString &token)
{
    if (!token.isEmpty())
        m_tokens.insert(token);
}

SandboxApi::Route SandboxApi::route(const SandboxRequest &request)
{
    using Kind = Route::Kind;
    const QStringList &path = request.path;
    Route route;
    if (!path.isEmpty() && path.first() == QLatin1String("integrated-account")) {
        if (path.size() == 1)
            route.kind = Kind::AccountList;
        else if (path.size() == 2)
            route.kind = Kind::Account;
        else if (path.size() == 3 && path.at(2) == QLatin1String("capabilities"))
            route.kind = Kind::Capabilities;
        if (path.size() >= 2)
            route.accountId = path.at(1);
        return route;
    }
    if (path.size() < 3 || path.at(0) != QLatin1String("unified") ||
        path.at(1) != QLatin1String("crm"))
        return route;
    route.resource = path.at(2);
    const bool metaUpdate = path.size() >= 5 && path.at(path.size() - 2) == QLatin1String("meta") &&
                            path.last() == QLatin1String("update");
    if (path.size() == 3)
        route.kind = route.resource == QLatin1String("fields") ? Kind::Fields : Kind::RecordList;
    else if (path.size() == 5 && metaUpdate)
        route.kind = Kind::UpdateMeta;
    else if (path.size() == 6 && metaUpdate) {
        route.kind = Kind::IntegrationUpdateMeta;
        route.integration = path.at(3);
    } else if (path.size() == 4) {
        route.kind = Kind::Record;
        route.recordId = path.at(3);
    }
    return route;
}

void SandboxApi::setRateLimit(int perAccount, int windowSeconds)
{
    m_perAccount = std::max(1, perAccount);
    m_rateLimit.setWindowSeconds(std::max(1, windowSeconds));
}

SandboxReply SandboxApi::handle(const SandboxRequest &request)
{
    // Oversized input is refused before anything reads it further, with or without a token.
    if (std::optional<SandboxReply> tooLarge = limitViolation(request))
        return *tooLarge;
    const QString token = bearerToken(request);
    if (token.isEmpty() || !m_tokens.contains(token)) {
        return errorReply(401, token.isEmpty()
                                   ? QStringLiteral("Missing bearer token in the Authorization "
                                                    "header")
                                   : QStringLiteral("Invalid API token"));
    }

    const Route route = SandboxApi::route(request);
    const QString accountId =
        !route.accountId.isEmpty()
            ? route.accountId
            : request.query.value(QLatin1String("integrated_account_id")).toString();
    const Account *account = accountId.isEmpty() ? nullptr : m_data.accounts.find(accountId);

    // Faults come from the header or from a reserved account, never by accident.
    FaultPlan plan = m_faults.plan(account ? account->fault : QString(),
                                   QString::fromUtf8(request.header("x-sandbox-fault")),
                                   QString::fromUtf8(request.header("idempotency-key")),
                                   QString::fromLatin1(request.method + ' ' + request.encodedPath +
                                                       '?' + request.encodedQuery));

    // Contract §8.3: 50 per 10 s per integrated account on unified calls, 500 per token else.
    const bool perAccount = account && route.accountId.isEmpty();
    const RateLimitWindow::State rate = m_rateLimit.count(
        perAccount ? QString(u"account:" + account->id) : QString(u"token:" + token),
        perAccount ? m_perAccount : RateLimitWindow::kPerToken,
        QDateTime::currentDateTimeUtc());

    SandboxReply reply;
    if (!plan.error.isEmpty()) {
        reply = errorReply(400, plan.error);
        plan = FaultPlan();
    } else if (const auto refused = refusal(route, request)) {
        reply = *refused;
    } else {
        reply = answer(route, request, account, plan, rate, token);
    }
    addHeaders(reply, request, plan, rate);
    applyDelivery(reply, plan);
    return reply;
}

std::optional<SandboxReply> SandboxApi::refusal(const Route &route,
                                                const SandboxRequest &request) const
{
    const bool strict =
        m_strictQuery ||
        QueryDecoder::isTrue(QString::fromLatin1(request.header("x-sandbox-strict-query")));
    if (strict) {
        const QString violation = QueryDecoder::strictViolation(request.encodedQuery);
        if (!violation.isEmpty())
            return errorReply(400, QStringLiteral("Strict query encoding: ") + violation);
    }
    const bool methodAllowed =
        request.method == "GET" || (route.kind == Route::Kind::Record && request.method == "PATCH");
    if (route.kind == Route::Kind::None || !methodAllowed) {
        return errorReply(404, QStringLiteral("No route for %1 %2")
                                   .arg(QString::fromLatin1(request.method),
                                        QString::fromLatin1(request.encodedPath)));
    }
    return std::nullopt;
}

SandboxReply SandboxApi::answer(const Route &route, const SandboxRequest &request,
                                const Account *account, const FaultPlan &plan,
                                const RateLimitWindow::State &rate, const QString &token)
{
    if (plan.status != 0)
        return faultReply(plan);
    if (m_enforceRateLimit && rate.exceeded) {
        // Truto's own tier answers 429 with Retry-After: 10, its window (contract §8.3).
        SandboxReply reply =
            errorReply(429, QStringLiteral("Rate limit exceeded: %1 requests per %2 seconds")
                                .arg(rate.limit)
                                .arg(m_rateLimit.windowSeconds()));
        reply.setHeader("retry-after", QByteArray::number(m_rateLimit.windowSeconds()));
        return reply;
    }
    const QString idempotencyKey = QString::fromUtf8(request.header("idempotency-key"));
    if (request.method != "PATCH" || idempotencyKey.isEmpty())
        return dispatch(route, request, account);

    const QByteArray fingerprint = IdempotencyCache::fingerprint(request);
    const IdempotencyCache::Lookup cached =
        m_idempotency.lookup(token, idempotencyKey, fingerprint);
    switch (cached.outcome) {
    case IdempotencyCache::Outcome::Replay: {
        SandboxReply reply = cached.reply;
        reply.setHeader("idempotent-replayed", "true");
        return reply;
    }
    case IdempotencyCache::Outcome::Mismatch:
        return errorReply(422, QStringLiteral("This Idempotency-Key was already used with a "
                                              "different request"));
    case IdempotencyCache::Outcome::Miss:
        break;
    }
    SandboxReply reply = dispatch(route, request, account);
    m_idempotency.store(token, idempotencyKey, fingerprint, reply);
    return reply;
}

void SandboxApi::addHeaders(SandboxReply &reply, const SandboxRequest &request,
                            const FaultPlan &plan, const RateLimitWindow::State &rate)
{
    reply.setHeader("ratelimit-limit", QByteArray::number(rate.limit));
    reply.setHeader("ratelimit-remaining",
                    QByteArray::number(reply.status == 429 ? 0 : rate.remaining));
    reply.setHeader(
        "ratelimit-reset",
        QByteArray::number(plan.status == 429 ? plan.retryAfterSeconds : rate.resetSeconds));
    // What the server decoded from the query (contract §5), for tests and the inspector.
    reply.setHeader("x-sandbox-query", asciiJson(request.query));
    if (plan.attempt > 0)
        reply.setHeader("x-sandbox-fault-attempt", QByteArray::number(plan.attempt));
}

std::optional<SandboxReply> SandboxApi::unifiedPreconditions(const Route &route,
                                                             const SandboxRequest &request,
                                                             const Account *account) const
{
    const QString accountId =
        request.query.value(QLatin1String("integrated_account_id")).toString();
    if (accountId.isEmpty()) {
        return errorReply(
            400, QStringLiteral("integrated_account_id is required"),
            {{QStringLiteral("truto_error_insight"),
              QJsonObject{{QStringLiteral("missing_required_query_parameters"),
                           insightEntry(QStringLiteral("Unified API calls need the integrated "
                                                       "account to use"),
                                        QJsonArray{QStringLiteral("integrated_account_id")})}}}});
    }
    if (!account)
        return errorReply(404, QStringLiteral("Integrated account %1 not found").arg(accountId));
    if (account->isBlocked) {
        return errorReply(503, QStringLiteral("Integrated account %1 is blocked. Contact "
                                              "support to unblock it.")
                                   .arg(account->id));
    }
    const bool callsProvider = route.kind == Route::Kind::RecordList ||
                               route.kind == Route::Kind::Record ||
                               route.kind == Route::Kind::Fields;
    if (callsProvider && account->status == QLatin1String("needs_reauth")) {
        // The provider rejects the stored credentials (contract §8.1: a remote 401).
        return remoteErrorReply(
            401,
            QStringLiteral("The credentials of this integrated account are no longer valid. "
                           "Reconnect the account."),
            QJsonObject{{QStringLiteral("status"), QStringLiteral("error")},
                        {QStringLiteral("message"), QStringLiteral("Authentication failed: "
                                                                   "invalid or expired token")}});
    }
    if (DirectoryCatalog::isDirectoryResource(route.resource)) {
        // Users and accounts are served read-only for every seeded provider (list and get).
        if (route.kind == Route::Kind::UpdateMeta)
            return errorReply(404, QStringLiteral("The unified CRM %1 resource has no update "
                                                  "method")
                                       .arg(route.resource));
        if (route.kind != Route::Kind::Fields && !m_data.directory.hasSeed(account->records))
            return errorReply(404, QStringLiteral("%1 does not support the unified CRM %2 "
                                                  "resource")
                                       .arg(account->label, route.resource));
        return std::nullopt;
    }
    if (route.kind != Route::Kind::Fields && !m_data.mapping(*account, route.resource)) {
        if (!m_data.schema->resource(route.resource))
            return errorReply(
                404, QStringLiteral("Unknown unified CRM resource '%1'").arg(route.resource));
        return errorReply(404, QStringLiteral("%1 does not support the unified CRM %2 resource")
                                   .arg(account->label, route.resource));
    }
    return std::nullopt;
}

SandboxReply SandboxApi::dispatch(const Route &route, const SandboxRequest &request,
                                  const Account *account)
{
    using Kind = Route::Kind;
    switch (route.kind) {
    case Kind::AccountList:
        return m_accounts.list(request);
    case Kind::Account:
    case Kind::Capabilities:
        if (!account)
            return errorReply(
                404, QStringLiteral("Integrated account %1 not found").arg(route.accountId));
        return route.kind == Kind::Account ? m_accounts.get(*account)
                                           : m_accounts.capabilities(*account, request);
    case Kind::IntegrationUpdateMeta:
        return m_metadata.updateMetaForIntegration(route.integration, route.resource);
    case Kind::Fields:
    case Kind::UpdateMeta:
    case Kind::RecordList:
    case Kind::Record:
        break;
    case Kind::None:
        return errorReply(404, QStringLiteral("Not found"));
    }
    if (const auto refused = unifiedPreconditions(route, request, account))
        return *refused;
    switch (route.kind) {
    case Kind::Fields:
        return m_metadata.fields(*account, request);
    case Kind::UpdateMeta:
        return m_metadata.updateMeta(*account, route.resource);
    case Kind::RecordList:
        if (DirectoryCatalog::isDirectoryResource(route.resource))
            return m_directory.list(*account, route.resource, request);
        return m_records.list(*account, route.resource, request);
    case Kind::Record:
        if (DirectoryCatalog::isDirectoryResource(route.resource)) {
            return request.method == "PATCH"
                       ? DirectoryEndpoints::refuseWrite(route.resource)
                       : m_directory.get(*account, route.resource, route.recordId, request);
        }
        return request.method == "PATCH"
                   ? m_records.patch(*account, route.resource, route.recordId, request)
                   : m_records.get(*account, route.resource, route.recordId, request);
    default:
        break;
    }
    return errorReply(404, QStringLiteral("Not found"));
}

SandboxReply SandboxApi::faultReply(const FaultPlan &plan)
{
    switch (plan.status) {
    case 429: {
        // A provider's rate limit as Truto forwards it (contract §7, §8.3).
        SandboxReply reply = remoteErrorReply(
            429, QStringLiteral("Rate limit exceeded (sandbox fault)"),
            QJsonObject{{QStringLiteral("message"), QStringLiteral("Too many requests")}},
            {{QStringLiteral("rate_limit_error"),
              insightEntry(QStringLiteral("The provider's rate limit was reached; retry after "
                                          "the Retry-After header"))}});
        reply.setHeader("retry-after", QByteArray::number(plan.retryAfterSeconds));
        return reply;
    }
    case 422:
        return remoteErrorReply(
            422, QStringLiteral("Validation failed at the provider (sandbox fault)"),
            QJsonObject{
                {QStringLiteral("errors"),
                 QJsonArray{QJsonObject{{QStringLiteral("field"), QStringLiteral("phone")},
                                        {QStringLiteral("code"), QStringLiteral("invalid")}}}}});
    case 500:
        return errorReply(
            500,
            QStringLiteral("Internal server error (sandbox fault, attempt %1)").arg(plan.attempt));
    case 502:
        return errorReply(502, QStringLiteral("The provider did not answer cleanly (sandbox "
                                              "fault)"));
    case 503:
        return errorReply(503, QStringLiteral("The integrated account is blocked (sandbox fault)"));
    case 504:
        return errorReply(504, QStringLiteral("The provider did not answer in time (sandbox "
                                              "fault)"));
    default:
        break;
    }
    return errorReply(plan.status, QStringLiteral("Sandbox fault"));
}

void SandboxApi::applyDelivery(SandboxReply &reply, const FaultPlan &plan)
{
    reply.delivery.latencyMs = plan.latencyMs;
    reply.delivery.hang = plan.hang;
    const bool succeeded = reply.status >= 200 && reply.status < 300;
    if (plan.largeBodyBytes > 0 && succeeded) {
        if (reply.delivery.chunked) {
            const QByteArray ndjson =
                BodyInflater::inflateNdjson(reply.delivery.chunks.join(), plan.largeBodyBytes);
            reply.delivery.chunks = ResponseFormatter::streamChunks(ndjson);
        } else {
            reply.body = BodyInflater::inflateJson(reply.body, plan.largeBodyBytes);
        }
    }
    if (plan.drop) {
        qint64 size = reply.body.size();
        if (reply.delivery.chunked) {
            size = 0;
            for (const QByteArray &chunk : std::as_const(reply.delivery.chunks))
                size += chunk.size();
        }
        reply.delivery.dropAfterBytes =
            plan.dropAfterBytes >= 0 ? std::min(plan.dropAfterBytes, size) : size / 2;
    }
}

} // namespace crmdesk::sandbox
