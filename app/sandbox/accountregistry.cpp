#include "sandbox/accountregistry.h"

#include "sandbox/faultinjector.h"

#include <QSet>
#include <QUuid>

namespace crmdesk::sandbox {

namespace {
QString text(const QJsonObject &object, QLatin1String key, const QString &fallback = {})
{
    const QJsonValue value = object.value(key);
    return value.isString() ? value.toString() : fallback;
}
} // namespace

QJsonObject Account::toJson(const QString &environmentId) const
{
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("tenant_id"), tenantId},
        {QStringLiteral("environment_id"), environmentId},
        {QStringLiteral("environment_integration_id"), integrationId},
        {QStringLiteral("integration"), QJsonObject{{QStringLiteral("id"), integrationId},
                                                    {QStringLiteral("name"), integration},
                                                    {QStringLiteral("label"), label},
                                                    {QStringLiteral("category"), category}}},
        {QStringLiteral("status"), status},
        {QStringLiteral("is_sandbox"), isSandbox},
        {QStringLiteral("region"), region},
        {QStringLiteral("authentication_method"), authenticationMethod},
        {QStringLiteral("context"), context},
        {QStringLiteral("created_at"), createdAt},
        {QStringLiteral("updated_at"), updatedAt},
    };
}

std::optional<AccountRegistry> AccountRegistry::fromJson(const QJsonObject &json, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = QStringLiteral("accounts.json: ") + message;
        return std::nullopt;
    };
    AccountRegistry registry;
    registry.m_environmentId = text(json, QLatin1String("environment_id"));
    const QJsonObject integrations = json.value(QLatin1String("integrations")).toObject();
    QSet<QString> seen;
    for (const QJsonValue &value : json.value(QLatin1String("accounts")).toArray()) {
        const QJsonObject object = value.toObject();
        Account account;
        account.id = text(object, QLatin1String("id"));
        if (QUuid::fromString(account.id).isNull())
            return fail(QStringLiteral("account id '%1' is not a UUID").arg(account.id));
        if (seen.contains(account.id))
            return fail(QStringLiteral("account id %1 appears twice").arg(account.id));
        seen.insert(account.id);
        account.integration = text(object, QLatin1String("integration"));
        const QJsonObject integration = integrations.value(account.integration).toObject();
        if (integration.isEmpty())
            return fail(QStringLiteral("account %1 names unknown integration '%2'")
                            .arg(account.id, account.integration));
        account.integrationId = text(integration, QLatin1String("id"));
        account.provider = text(integration, QLatin1String("provider"));
        account.label = text(integration, QLatin1String("label"), account.provider);
        account.category = text(integration, QLatin1String("category"), QStringLiteral("crm"));
        account.authenticationMethod = text(
            object, QLatin1String("authentication_method"),
            text(integration, QLatin1String("authentication_method"), QStringLiteral("oauth2")));
        account.records = text(object, QLatin1String("records"),
                               text(integration, QLatin1String("records"), account.integration));
        account.tenantId = text(object, QLatin1String("tenant_id"));
        account.status = text(object, QLatin1String("status"), QStringLiteral("active"));
        account.region = text(object, QLatin1String("region"), QStringLiteral("wnam"));
        account.createdAt = text(object, QLatin1String("created_at"));
        account.updatedAt = text(object, QLatin1String("updated_at"), account.createdAt);
        account.fault = text(object, QLatin1String("fault"));
        account.description = text(object, QLatin1String("description"));
        account.isSandbox = object.value(QLatin1String("is_sandbox")).toBool();
        account.isBlocked = object.value(QLatin1String("is_blocked")).toBool();
        account.context = object.value(QLatin1String("context")).toObject();
        account.schemaOverrides = object.value(QLatin1String("schema_overrides")).toObject();
        const QString faultError = FaultInjector::validate(account.fault);
        if (!faultError.isEmpty())
            return fail(QStringLiteral("account %1: %2").arg(account.id, faultError));
        registry.m_accounts.append(account);
    }
    if (registry.m_accounts.isEmpty())
        return fail(QStringLiteral("no accounts"));
    return registry;
}

const Account *AccountRegistry::find(const QString &id) const
{
    for (const Account &account : m_accounts) {
        if (account.id.compare(id, Qt::CaseInsensitive) == 0)
            return &account;
    }
    return nullptr;
}

QJsonArray AccountRegistry::toJson() const
{
    QJsonArray out;
    for (const Account &account : m_accounts)
        out.append(account.toJson(m_environmentId));
    return out;
}

QString AccountRegistry::firstActiveAccountFor(const QString &provider) const
{
    const QString wanted = provider.simplified();
    for (const Account &account : m_accounts) {
        const bool matches = account.provider.compare(wanted, Qt::CaseInsensitive) == 0 ||
                             account.integration.compare(wanted, Qt::CaseInsensitive) == 0 ||
                             account.label.compare(wanted, Qt::CaseInsensitive) == 0;
        if (matches && account.status == QLatin1String("active") && !account.isSandbox &&
            !account.isBlocked && !account.isFaultAccount())
            return account.id;
    }
    return {};
}

} // namespace crmdesk::sandbox
