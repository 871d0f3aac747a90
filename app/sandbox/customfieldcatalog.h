#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace crmdesk::sandbox {

// Custom field definitions per provider, served by GET /unified/crm/fields as field objects
// (contract §14) and used to read and write `custom_fields` in records.
class CustomFieldCatalog
{
public:
    static CustomFieldCatalog fromJson(const QJsonObject &json);

    // Every definition of the provider; with an entity type only those of that entity.
    QJsonArray fields(const QString &provider, const QString &entityType = {}) const;
    // The definition named name for the provider and entity, or an empty object.
    QJsonObject field(const QString &provider, const QString &entityType,
                      const QString &name) const;
    // Why the provider would refuse value for the field, or empty when it accepts it.
    static QString rejectionOf(const QJsonObject &field, const QJsonValue &value);

private:
    QHash<QString, QJsonArray> m_fields; // provider (lower case) -> field objects
};

} // namespace crmdesk::sandbox
