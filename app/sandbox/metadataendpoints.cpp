#include "sandbox/metadataendpoints.h"

#include "sandbox/sandboxdata.h"
#include "sandbox/updatemeta.h"
#include "schema/schema.h"

namespace crmdesk::sandbox {

MetadataEndpoints::MetadataEndpoints(const SandboxData &data) : m_data(data) {}

SandboxReply MetadataEndpoints::updateMeta(const Account &account, const QString &resource) const
{
    if (!m_data.schema->resource(resource))
        return errorReply(404, QStringLiteral("Unknown unified CRM resource '%1'").arg(resource));
    return SandboxReply::json(
        200, UpdateMeta::build(m_data.rules(account, resource), m_data.mapping(account, resource)));
}

SandboxReply MetadataEndpoints::updateMetaForIntegration(const QString &integration,
                                                         const QString &resource) const
{
    const ResourceSchema *schema = m_data.schema->resource(resource);
    for (const Account &account : m_data.accounts.accounts()) {
        if (!schema || account.integration.compare(integration, Qt::CaseInsensitive) != 0)
            continue;
        const ProviderMapping *mapping = m_data.mapping(account, resource);
        if (!mapping)
            break;
        // The integration's own mapping: no account overrides.
        const FieldRules rules(schema, account.provider, {}, mapping);
        return SandboxReply::json(200, UpdateMeta::buildForIntegration(rules, mapping));
    }
    return errorReply(404, QStringLiteral("Integration '%1' has no unified %2 update method")
                               .arg(integration, resource));
}

SandboxReply MetadataEndpoints::fields(const Account &account, const SandboxRequest &request) const
{
    QString entity = request.query.value(QLatin1String("entity_type")).toString();
    if (entity.isEmpty())
        entity = request.query.value(QLatin1String("entity")).toString();
    const QJsonArray fields = m_data.customFields.fields(account.provider, entity);
    return SandboxReply::json(200,
                              QJsonObject{{QStringLiteral("result"), fields},
                                          {QStringLiteral("next_cursor"), QJsonValue()},
                                          {QStringLiteral("prev_cursor"), QJsonValue()},
                                          {QStringLiteral("result_count"), int(fields.size())}});
}

} // namespace crmdesk::sandbox
