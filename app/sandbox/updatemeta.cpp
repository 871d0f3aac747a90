#include "sandbox/updatemeta.h"

#include "sandbox/fieldrules.h"
#include "sandbox/providermapping.h"
#include "schema/resourceschema.h"

#include <QJsonArray>

namespace crmdesk::sandbox {

namespace {

QJsonObject schemaOf(const FieldSpec &field, const QString &provider, bool required);

QJsonObject objectSchema(const QList<FieldSpec> &children, const QString &provider)
{
    QJsonObject properties;
    QJsonArray required;
    for (const FieldSpec &child : children) {
        properties.insert(child.name, schemaOf(child, provider, child.apiRequired));
        if (child.apiRequired)
            required.append(child.name);
    }
    QJsonObject schema{{QStringLiteral("type"), QStringLiteral("object")},
                       {QStringLiteral("properties"), properties}};
    if (!required.isEmpty())
        schema.insert(QStringLiteral("required"), required);
    return schema;
}

QJsonObject schemaOf(const FieldSpec &field, const QString &provider, bool required)
{
    QJsonObject schema;
    const QString &type = field.type;
    if (type == QLatin1String("object[]")) {
        schema = {{QStringLiteral("type"), QStringLiteral("array")},
                  {QStringLiteral("items"), objectSchema(field.children, provider)}};
    } else if (type == QLatin1String("object")) {
        schema = objectSchema(field.children, provider);
    } else if (type == QLatin1String("string[]")) {
        schema = {{QStringLiteral("type"), QStringLiteral("array")},
                  {QStringLiteral("items"),
                   QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}};
    } else if (field.isFreeForm()) {
        schema = {{QStringLiteral("type"), QStringLiteral("object")},
                  {QStringLiteral("additionalProperties"), true}};
    } else if (type == QLatin1String("string") || type == QLatin1String("number") ||
               type == QLatin1String("boolean")) {
        schema = {{QStringLiteral("type"), type}};
    }
    // A null type (the page printed none) stays an unconstrained schema.
    if (!field.description.isEmpty())
        schema.insert(QStringLiteral("description"), field.description);
    if (!field.format.isEmpty())
        schema.insert(QStringLiteral("format"), field.format);
    const QStringList values = provider.isEmpty() ? field.enumValues : field.enumFor(provider);
    if (!values.isEmpty())
        schema.insert(QStringLiteral("enum"), QJsonArray::fromStringList(values));
    schema.insert(QStringLiteral("required"), required);
    return schema;
}

QJsonObject requestBodySchema(const FieldRules &rules)
{
    QJsonObject properties;
    QJsonArray required;
    const ResourceSchema *schema = rules.schema();
    for (const FieldSpec &field : schema->body) {
        if (!field.isPassThrough() && !rules.accepts(field.name))
            continue;
        const bool isRequired = !field.isPassThrough() && rules.isRequired(field.name);
        properties.insert(field.name, schemaOf(field, rules.provider(), isRequired));
        if (isRequired)
            required.append(field.name);
    }
    return {{QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("properties"), properties},
            {QStringLiteral("required"), required}};
}

QJsonObject querySchema(const FieldRules &rules)
{
    QJsonObject properties;
    QJsonArray required;
    const ResourceSchema *schema = rules.schema();
    for (const FieldSpec &parameter : schema->trutoQuery) {
        properties.insert(parameter.name, schemaOf(parameter, {}, parameter.apiRequired));
        if (parameter.apiRequired)
            required.append(parameter.name);
    }
    for (const FieldSpec &parameter : schema->query) {
        const FieldState state = rules.queryState(parameter.name);
        if (state.support == Support::Unsupported)
            continue;
        properties.insert(parameter.name, schemaOf(parameter, rules.provider(), state.required));
        if (state.required)
            required.append(parameter.name);
    }
    return {{QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("properties"), properties},
            {QStringLiteral("required"), required}};
}

QJsonObject responseSchema(const FieldRules &rules)
{
    QJsonObject properties;
    for (const FieldSpec &field : rules.schema()->response)
        properties.insert(field.name, schemaOf(field, rules.provider(), false));
    return {{QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("properties"), properties}};
}

} // namespace

QJsonObject UpdateMeta::build(const FieldRules &rules, const ProviderMapping *mapping)
{
    const ResourceSchema *schema = rules.schema();
    return {
        {QStringLiteral("method"), QStringLiteral("update")},
        {QStringLiteral("schema"), responseSchema(rules)},
        {QStringLiteral("documentation_link"), schema->source},
        // The sandbox's own mapping table for this provider (resources/sandbox/mappings.json):
        // unified path -> native path, which the response inspector can follow.
        {QStringLiteral("response_mapping"),
         mapping ? QJsonValue(mapping->toJson()) : QJsonValue()},
        {QStringLiteral("query_schema"), querySchema(rules)},
        {QStringLiteral("request_body_schema"), requestBodySchema(rules)},
        {QStringLiteral("default_query"), QJsonObject()},
        {QStringLiteral("default_body"), QJsonObject()},
    };
}

QJsonObject UpdateMeta::buildForIntegration(const FieldRules &rules, const ProviderMapping *mapping)
{
    QJsonObject meta = build(rules, mapping);
    meta.insert(QStringLiteral("response_schema"), responseSchema(rules));
    return meta;
}

} // namespace crmdesk::sandbox
