#pragma once

#include <QJsonArray>
#include <QStringList>

namespace crmdesk {

class ResourceSchema;

// An account's custom field definitions, from GET /unified/crm/fields (contract §14).
class CustomFieldDefinitions
{
public:
    CustomFieldDefinitions() = default;
    // The list answer: {"result": [field, ...]}.
    static CustomFieldDefinitions fromListResponse(const QJsonObject &response);

    bool isEmpty() const { return m_fields.isEmpty(); }
    // The names a person may set on a record of the resource: a definition belongs to an
    // entity (the schema's custom_field_entity); one with no entity belongs everywhere, and
    // read-only ones (is_editable false) are left out.
    QStringList editableNamesFor(const ResourceSchema &schema) const;

private:
    QJsonArray m_fields;
};

} // namespace crmdesk
