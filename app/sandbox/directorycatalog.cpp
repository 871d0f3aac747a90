#include "sandbox/directorycatalog.h"

#include <QSet>

namespace crmdesk::sandbox {

std::optional<DirectoryCatalog> DirectoryCatalog::fromJson(const QJsonObject &json,
                                                           QString *error)
{
    DirectoryCatalog catalog;
    for (auto seed = json.constBegin(); seed != json.constEnd(); ++seed) {
        if (!seed.value().isObject())
            continue; // "about"
        const QJsonObject lists = seed.value().toObject();
        for (const QString &resource : resources()) {
            QSet<QString> ids;
            for (const QJsonValue &value : lists.value(resource).toArray()) {
                const QString id = value.toObject().value(QLatin1String("id")).toString();
                if (id.isEmpty() || ids.contains(id)) {
                    if (error)
                        *error = QStringLiteral("directory.json: a %1 %2 record has %3 id '%4'")
                                     .arg(seed.key(), resource,
                                          id.isEmpty() ? QStringLiteral("no string")
                                                       : QStringLiteral("a duplicate"),
                                          id);
                    return std::nullopt;
                }
                ids.insert(id);
            }
        }
        catalog.m_seeds.insert(seed.key(), lists);
    }
    return catalog;
}

QStringList DirectoryCatalog::resources()
{
    return {QStringLiteral("users"), QStringLiteral("accounts")};
}

bool DirectoryCatalog::isDirectoryResource(const QString &resource)
{
    return resources().contains(resource);
}

bool DirectoryCatalog::hasSeed(const QString &seed) const
{
    return m_seeds.contains(seed);
}

QJsonArray DirectoryCatalog::records(const QString &seed, const QString &resource) const
{
    return m_seeds.value(seed).value(resource).toArray();
}

std::optional<QJsonObject> DirectoryCatalog::find(const QString &seed, const QString &resource,
                                                  const QString &id) const
{
    for (const QJsonValue &value : records(seed, resource)) {
        const QJsonObject record = value.toObject();
        if (record.value(QLatin1String("id")).toString() == id)
            return record;
    }
    return std::nullopt;
}

} // namespace crmdesk::sandbox
