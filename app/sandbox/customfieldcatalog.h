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
    // Why the provider would refuse value for the field (an option it does not have), or empty
    // when it accepts it. Read-only fields and JSON types are checked before, by the endpoint.
    static QString rejectionOf(const QJsonObject &field, const QJsonValue &value);
    // Truto's own check of a value against the field's type (contract §7, details.failures):
    // "expected a number" and the like, or empty when the type fits. null always fits.
    static QString typeMismatchOf(const QJsonObject &field, const QJsonValue &value);
    // A select that takes a list of options: type array, or an enum the provider marks as
    // multiple (the same hints app/policy/customfield.h reads).
    static bool isMultiSelect(const QJsonObject &field);

private:
    QHash<QString, QJsonArray> m_fields; // provider (lower case) -> field objects
};

} // namespace crmdesk::sandbox
