// Custom field definitions (app/policy, contract §14) over arbitrary GET /unified/crm/fields
// answers: reading every field's kind, options, required and read-only marks, picking those of
// each resource, and checking values of every JSON type against each definition, as the form
// and the bulk dry run do.
//
// Input: line 1 a JSON value to check against every definition, then the fields list body.

#include "fuzzsupport.h"

#include "policy/customfielddefinitions.h"
#include "policy/customfieldvalidation.h"
#include "schema/schema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace crmdesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crmdesk::fuzz::application();
    crmdesk::fuzz::InputReader input(crmdesk::fuzz::inputBytes(data, size));
    const QByteArray valueLine = input.line();
    const QJsonDocument list = QJsonDocument::fromJson(input.rest());
    if (!list.isObject())
        return 0;
    const CustomFieldDefinitions definitions = CustomFieldDefinitions::fromListResponse(list.object());
    // The value as JSON when it parses (wrapped, so scalars do too), else as text.
    const QJsonDocument wrapped = QJsonDocument::fromJson("[" + valueLine + "]");
    const QJsonValue value = wrapped.isArray() && !wrapped.array().isEmpty() ? wrapped.array().first()
                                                                            : QJsonValue(QString::fromUtf8(valueLine));
    const Schema &schema = Schema::bundled();
    for (const QString &name : schema.resources()) {
        const ResourceSchema &resource = *schema.resource(name);
        (void)definitions.editableNamesFor(resource);
        const QList<CustomField> fields = definitions.definitionsFor(resource);
        QJsonObject edited;
        for (const CustomField &field : fields) {
            (void)validateCustomFieldValue(field, value);
            (void)field.hasOption(value.toString());
            (void)definitions.find(field.name, field.entityType);
            edited.insert(field.name, value);
        }
        (void)validateCustomFields(fields, QJsonObject(), edited);
    }
    return 0;
}
