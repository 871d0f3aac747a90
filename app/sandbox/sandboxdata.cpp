#include "sandbox/sandboxdata.h"

#include "schema/jsonvalues.h"
#include "schema/schema.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>

namespace crmdesk::sandbox {

namespace {

QList<StoredRecord> storedRecords(const ProviderMapping &mapping, const QJsonArray &natives,
                                  QString *error)
{
    QList<StoredRecord> out;
    for (const QJsonValue &value : natives) {
        const QJsonObject native = value.toObject();
        const QString id = mapping.idOf(native);
        if (id.isEmpty()) {
            if (error)
                *error = QStringLiteral("a %1 %2 record has no id")
                             .arg(mapping.provider(), mapping.resource());
            return {};
        }
        out.append({id, native});
    }
    return out;
}

} // namespace

std::optional<SandboxData> SandboxData::load(const Schema &schema, const QString &directory,
                                             QString *error)
{
    const QDir dir(directory);
    SandboxData data;
    data.schema = &schema;

    const auto accounts = readJsonObjectFile(dir.filePath(QStringLiteral("accounts.json")), error);
    if (!accounts)
        return std::nullopt;
    auto registry = AccountRegistry::fromJson(*accounts, error);
    if (!registry)
        return std::nullopt;
    data.accounts = std::move(*registry);

    const auto mappings = readJsonObjectFile(dir.filePath(QStringLiteral("mappings.json")), error);
    if (!mappings)
        return std::nullopt;
    auto table = MappingTable::fromJson(*mappings, error);
    if (!table)
        return std::nullopt;
    data.mappings = std::move(*table);

    const auto fields = readJsonObjectFile(dir.filePath(QStringLiteral("fields.json")), error);
    if (!fields)
        return std::nullopt;
    data.customFields = CustomFieldCatalog::fromJson(*fields);

    const auto directoryJson =
        readJsonObjectFile(dir.filePath(QStringLiteral("directory.json")), error);
    if (!directoryJson)
        return std::nullopt;
    auto catalog = DirectoryCatalog::fromJson(*directoryJson, error);
    if (!catalog)
        return std::nullopt;
    data.directory = std::move(*catalog);

    // Every account starts from its provider's seed file; several accounts may share one.
    QHash<QString, QJsonObject> seeds;
    for (const Account &account : data.accounts.accounts()) {
        if (!seeds.contains(account.records)) {
            const auto seed = readJsonObjectFile(
                dir.filePath(QStringLiteral("records-%1.json").arg(account.records)), error);
            if (!seed)
                return std::nullopt;
            seeds.insert(account.records, *seed);
        }
        const QJsonObject seed = seeds.value(account.records);
        for (auto it = seed.constBegin(); it != seed.constEnd(); ++it) {
            if (!it.value().isArray())
                continue; // "provider", "about"
            const ProviderMapping *mapping = data.mapping(account, it.key());
            if (!mapping) {
                if (error)
                    *error = QStringLiteral("records-%1.json has %2, but mappings.json has no "
                                            "%2 table for %3")
                                 .arg(account.records, it.key(), account.provider);
                return std::nullopt;
            }
            QString problem;
            const QList<StoredRecord> records =
                storedRecords(*mapping, it.value().toArray(), &problem);
            if (!problem.isEmpty()) {
                if (error)
                    *error = QStringLiteral("records-%1.json: %2").arg(account.records, problem);
                return std::nullopt;
            }
            data.records.setRecords(account.id, it.key(), records);
        }
    }
    return data;
}

const ProviderMapping *SandboxData::mapping(const Account &account, const QString &resource) const
{
    return mappings.find(account.provider, resource);
}

FieldRules SandboxData::rules(const Account &account, const QString &resource) const
{
    return FieldRules(schema->resource(resource), account.provider,
                      account.schemaOverrides.value(resource).toObject(),
                      mapping(account, resource));
}

QJsonArray SandboxData::customFieldsFor(const Account &account, const QString &resource) const
{
    // Each resource's schema names the entity_type of its custom field definitions.
    const ResourceSchema *resourceSchema = schema->resource(resource);
    return resourceSchema ? customFields.fields(account.provider, resourceSchema->customFieldEntity)
                          : QJsonArray();
}

QJsonObject SandboxData::unified(const Account &account, const QString &resource,
                                 const QJsonObject &native) const
{
    const ProviderMapping *providerMapping = mapping(account, resource);
    return providerMapping ? providerMapping->toUnified(native, customFieldsFor(account, resource))
                           : QJsonObject();
}

QStringList SandboxData::resourcesOf(const Account &account) const
{
    QStringList out;
    const QStringList withRecords = records.resources(account.id);
    for (const QString &resource : schema->resources()) {
        if (mapping(account, resource) && withRecords.contains(resource))
            out.append(resource);
    }
    return out;
}

QJsonObject SandboxData::recordsOf(const Account &account) const
{
    QJsonObject out;
    for (const QString &resource : records.resources(account.id)) {
        QJsonArray natives;
        const QList<StoredRecord> stored = records.records(account.id, resource);
        for (const StoredRecord &record : stored)
            natives.append(record.native);
        out.insert(resource, natives);
    }
    return out;
}

bool SandboxData::restoreRecords(const Account &account, const QJsonObject &saved, QString *error)
{
    for (auto it = saved.constBegin(); it != saved.constEnd(); ++it) {
        const ProviderMapping *providerMapping = mapping(account, it.key());
        if (!providerMapping) {
            if (error)
                *error = QStringLiteral("saved records of %1 name unknown resource %2")
                             .arg(account.id, it.key());
            return false;
        }
        QString problem;
        const QList<StoredRecord> restored =
            storedRecords(*providerMapping, it.value().toArray(), &problem);
        if (!problem.isEmpty()) {
            if (error)
                *error = problem;
            return false;
        }
        records.setRecords(account.id, it.key(), restored);
    }
    return true;
}

} // namespace crmdesk::sandbox
