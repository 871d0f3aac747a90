#include "sandbox/accountendpoints.h"

#include "sandbox/pagecursor.h"
#include "sandbox/querydecoder.h"
#include "sandbox/sandboxdata.h"
#include "schema/schema.h"

#include <QJsonArray>

namespace crmdesk::sandbox {

namespace {

QString integrationFilter(const QJsonObject &query)
{
    const QJsonValue nested = query.value(QLatin1String("integration"));
    if (nested.isObject())
        return nested.toObject().value(QLatin1String("name")).toString();
    const QString dotted = query.value(QLatin1String("integration.name")).toString();
    return dotted.isEmpty() ? query.value(QLatin1String("integration_name")).toString() : dotted;
}

bool matchesFilters(const Account &account, const QJsonObject &query)
{
    const QString tenant = query.value(QLatin1String("tenant_id")).toString();
    if (!tenant.isEmpty() && tenant != account.tenantId)
        return false;
    const QString status = query.value(QLatin1String("status")).toString();
    if (!status.isEmpty() && status != account.status)
        return false;
    const QJsonValue sandbox = query.value(QLatin1String("is_sandbox"));
    if (sandbox.isString() && QueryDecoder::isTrue(sandbox) != account.isSandbox)
        return false;
    const QString integration = integrationFilter(query);
    return integration.isEmpty() ||
           integration.compare(account.integration, Qt::CaseInsensitive) == 0;
}

QJsonObject unifiedCapability(const QString &resource, const QString &label,
                              const QString &provider, const QStringList &methods)
{
    return {
        {QStringLiteral("model"), QStringLiteral("crm")},
        {QStringLiteral("model_label"), QStringLiteral("CRM")},
        {QStringLiteral("resource"), resource},
        {QStringLiteral("description"), QStringLiteral("%1 in %2").arg(label, provider)},
        {QStringLiteral("docs_url"),
         QStringLiteral("https://truto.one/docs/api-reference/unified-crm-api/%1").arg(resource)},
        {QStringLiteral("methods"), QJsonArray::fromStringList(methods)},
        {QStringLiteral("env_overridden"), false},
    };
}

} // namespace

AccountEndpoints::AccountEndpoints(const SandboxData &data) : m_data(data) {}

SandboxReply AccountEndpoints::list(const SandboxRequest &request) const
{
    const PageRequest page = PageRequest::fromQuery(request.query, kDefaultPageSize, 1000);
    if (!page.error.isEmpty())
        return errorReply(400, page.error);
    QJsonArray matching;
    for (const Account &account : m_data.accounts.accounts()) {
        if (matchesFilters(account, request.query))
            matching.append(account.toJson(m_data.accounts.environmentId()));
    }
    QJsonArray result;
    const qsizetype end = page.limit >= matching.size() - std::min(page.offset, matching.size())
                              ? matching.size()
                              : page.offset + page.limit;
    for (qsizetype i = page.offset; i < end; ++i)
        result.append(matching.at(i));
    const bool more = end < matching.size();
    return SandboxReply::json(
        200, QJsonObject{{QStringLiteral("result"), result},
                         {QStringLiteral("next_cursor"),
                          more ? QJsonValue(PageCursor::encode(end)) : QJsonValue()},
                         {QStringLiteral("limit"), qint64(std::min<qsizetype>(page.limit, 1000))}});
}

SandboxReply AccountEndpoints::get(const Account &account) const
{
    return SandboxReply::json(200, account.toJson(m_data.accounts.environmentId()));
}

SandboxReply AccountEndpoints::capabilities(const Account &account,
                                            const SandboxRequest &request) const
{
    const QString type = request.query.value(QLatin1String("type")).toString(QStringLiteral("all"));
    if (type != QLatin1String("all") && type != QLatin1String("unified") &&
        type != QLatin1String("proxy"))
        return errorReply(400, QStringLiteral("type must be unified, proxy or all"));
    const QString onlyResource = request.query.value(QLatin1String("resource")).toString();
    const QStringList onlyMethods =
        QueryDecoder::stringList(request.query.value(QLatin1String("methods")));

    const auto filtered = [&onlyMethods](const QStringList &methods) {
        if (onlyMethods.isEmpty())
            return methods;
        QStringList kept;
        for (const QString &method : methods) {
            if (onlyMethods.contains(method))
                kept.append(method);
        }
        return kept;
    };

    QJsonArray unified;
    if (type != QLatin1String("proxy")) {
        for (const QString &resource : m_data.resourcesOf(account)) {
            if (!onlyResource.isEmpty() && onlyResource != resource)
                continue;
            const ResourceSchema *schema = m_data.schema->resource(resource);
            unified.append(
                unifiedCapability(resource, schema ? schema->label : resource, account.label,
                                  filtered({QStringLiteral("list"), QStringLiteral("get"),
                                            QStringLiteral("update")})));
        }
        // Read-only reference resources (owners, companies) for the form's pickers.
        if (m_data.directory.hasSeed(account.records)) {
            for (const QString &resource : DirectoryCatalog::resources()) {
                if (!onlyResource.isEmpty() && onlyResource != resource)
                    continue;
                unified.append(unifiedCapability(
                    resource,
                    resource == QLatin1String("users") ? QStringLiteral("Users")
                                                       : QStringLiteral("Accounts"),
                    account.label, filtered({QStringLiteral("list"), QStringLiteral("get")})));
            }
        }
        const bool hasFields = !m_data.customFields.fields(account.provider).isEmpty();
        if (hasFields && (onlyResource.isEmpty() || onlyResource == QLatin1String("fields")))
            unified.append(unifiedCapability(QStringLiteral("fields"), QStringLiteral("Fields"),
                                             account.label, filtered({QStringLiteral("list")})));
    }
    QJsonObject body{
        {QStringLiteral("integration"),
         QJsonObject{{QStringLiteral("id"), account.integrationId},
                     {QStringLiteral("name"), account.integration},
                     {QStringLiteral("label"), account.label},
                     {QStringLiteral("category"), account.category}}},
        {QStringLiteral("environment_id"), m_data.accounts.environmentId()},
        {QStringLiteral("proxy"), QJsonArray()},
        {QStringLiteral("auth"),
         QJsonObject{{QStringLiteral("type"), account.authenticationMethod}}},
        {QStringLiteral("ai_readiness"), QJsonValue()},
        {QStringLiteral("account"),
         QJsonObject{{QStringLiteral("id"), account.id},
                     {QStringLiteral("status"), account.status},
                     {QStringLiteral("authentication_method"), account.authenticationMethod},
                     {QStringLiteral("is_blocked"), account.isBlocked}}},
    };
    if (type != QLatin1String("proxy"))
        body.insert(QStringLiteral("unified"), unified);
    return SandboxReply::json(200, body);
}

} // namespace crmdesk::sandbox
