#include "policy/customfielddefinitions.h"

#include "schema/resourceschema.h"

#include <QJsonObject>

namespace crmdesk {

CustomFieldDefinitions CustomFieldDefinitions::fromListResponse(const QJsonObject &response)
{
    CustomFieldDefinitions out;
    out.m_fields = response.value(QLatin1String("result")).toArray();
    return out;
}

QStringList CustomFieldDefinitions::editableNamesFor(const ResourceSchema &schema) const
{
    QStringList names;
    for (const QJsonValue &value : m_fields) {
        const QJsonObject field = value.toObject();
        const QString owner = field.value(QLatin1String("entity_type")).toString();
        if (field.value(QLatin1String("is_editable")).toBool(true)
            && (owner.isEmpty() || owner == schema.customFieldEntity))
            names.append(field.value(QLatin1String("name")).toString());
    }
    return names;
}

} // namespace crmdesk
