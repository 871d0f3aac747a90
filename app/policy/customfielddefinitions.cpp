#include "policy/customfielddefinitions.h"

#include "schema/resourceschema.h"

#include <QJsonArray>

namespace crmdesk {

CustomFieldDefinitions CustomFieldDefinitions::fromListResponse(const QJsonObject &response)
{
    CustomFieldDefinitions out;
    for (const QJsonValue &value : response.value(QLatin1String("result")).toArray()) {
        CustomField field = CustomField::fromJson(value.toObject());
        if (!field.name.isEmpty())
            out.m_fields.append(std::move(field));
    }
    return out;
}

QList<CustomField> CustomFieldDefinitions::definitionsFor(const ResourceSchema &schema) const
{
    return definitionsFor(schema.customFieldEntity);
}

QList<CustomField> CustomFieldDefinitions::definitionsFor(const QString &entity) const
{
    QList<CustomField> out;
    for (const CustomField &field : m_fields) {
        if (field.belongsTo(entity))
            out.append(field);
    }
    return out;
}

std::optional<CustomField> CustomFieldDefinitions::find(const QString &name,
                                                        const QString &entity) const
{
    for (const CustomField &field : m_fields) {
        if (field.name == name && (entity.isEmpty() || field.belongsTo(entity)))
            return field;
    }
    return std::nullopt;
}

QStringList CustomFieldDefinitions::editableNamesFor(const ResourceSchema &schema) const
{
    QStringList names;
    for (const CustomField &field : definitionsFor(schema)) {
        if (!field.readOnly)
            names.append(field.name);
    }
    return names;
}

} // namespace crmdesk
