#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace crmdesk::sandbox {

// The read-only unified resources the sandbox serves for reference pickers: `users` (owners)
// and `accounts` (companies), per seed (records-<seed>.json's name), from directory.json.
//
// They are kept as unified records, not native ones: nothing writes them, so the mapping
// machinery (which exists to make PATCH round-trip through each provider's shape) would add
// 26 tables and buy nothing a picker can see. See app/sandbox/README.md "Users and accounts".
class DirectoryCatalog
{
public:
    // {"<seed>": {"users": [unified user, ...], "accounts": [unified account, ...]}}; other
    // top-level members ("about") are ignored. Every record needs a string id, unique per list.
    static std::optional<DirectoryCatalog> fromJson(const QJsonObject &json, QString *error);

    static QStringList resources(); // users, accounts
    static bool isDirectoryResource(const QString &resource);

    bool hasSeed(const QString &seed) const;
    QJsonArray records(const QString &seed, const QString &resource) const;
    std::optional<QJsonObject> find(const QString &seed, const QString &resource,
                                    const QString &id) const;

private:
    QHash<QString, QJsonObject> m_seeds; // seed -> {resource: [record, ...]}
};

} // namespace crmdesk::sandbox
