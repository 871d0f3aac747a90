#pragma once

#include "policy/customfield.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace crmdesk {

class ResourceSchema;

// An account's custom field definitions, from GET /unified/crm/fields (contract §14), typed.
class CustomFieldDefinitions
{
public:
    CustomFieldDefinitions() = default;
    // The list answer: {"result": [field, ...]}. Definitions without a name are left out: a
    // value can only be written by name (§14, "Writing").
    static CustomFieldDefinitions fromListResponse(const QJsonObject &response);

    bool isEmpty() const { return m_fields.isEmpty(); }
    const QList<CustomField> &all() const { return m_fields; }

    // The definitions of a resource's records: a definition belongs to an entity (the schema's
    // custom_field_entity); one with no entity belongs everywhere. Read-only ones included.
    QList<CustomField> definitionsFor(const ResourceSchema &schema) const;
    QList<CustomField> definitionsFor(const QString &entity) const;
    // The definition of that name for the resource's entity (or any entity when empty).
    std::optional<CustomField> find(const QString &name, const QString &entity = {}) const;

    // The names a person may set on a record of the resource: read-only ones (is_editable
    // false) are left out.
    QStringList editableNamesFor(const ResourceSchema &schema) const;

private:
    QList<CustomField> m_fields;
};

} // namespace crmdesk
