#include "schema/resourceschema.h"

#include <QJsonArray>

#include <algorithm>

namespace crmdesk {

namespace {
QList<FieldSpec> fieldsFrom(const QJsonValue &value)
{
    QList<FieldSpec> out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        out.append(FieldSpec::fromJson(item.toObject()));
    return out;
}

QStringList sortedProviders(const FieldSpec &field)
{
    QStringList names = field.providers.keys();
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    return names;
}

const FieldSpec *findIn(const QList<FieldSpec> &fields, const QString &path)
{
    for (const FieldSpec &field : fields) {
        if (field.path == path)
            return &field;
        if (path.startsWith(field.path + u'.')) {
            if (const FieldSpec *child = findIn(field.children, path))
                return child;
        }
    }
    return nullptr;
}

void collect(const ResourceSchema &schema, Section section, const QList<FieldSpec> &fields,
             const QString &provider, const FieldState *parent,
             QList<QPair<const FieldSpec *, FieldState>> &out)
{
    for (const FieldSpec &field : fields) {
        const FieldState state = schema.stateOf(section, field, provider, parent);
        out.append({&field, state});
        collect(schema, section, field.children, provider, &state, out);
    }
}
} // namespace

ResourceSchema ResourceSchema::fromJson(const QJsonObject &json)
{
    ResourceSchema schema;
    schema.name = json.value(QLatin1String("resource")).toString();
    schema.label = json.value(QLatin1String("label")).toString();
    schema.source = json.value(QLatin1String("source")).toString();
    const QJsonArray providers = json.value(QLatin1String("providers")).toArray();
    for (const QJsonValue &provider : providers)
        schema.providers.append(provider.toString());
    const QJsonArray without = json.value(QLatin1String("providers_without_field_data")).toArray();
    for (const QJsonValue &provider : without) {
        const QString name = provider.isObject()
                                 ? provider.toObject().value(QLatin1String("name")).toString()
                                 : provider.toString();
        schema.providersWithoutFieldData.append(name);
    }
    const QJsonArray rules = json.value(QLatin1String("rules")).toArray();
    for (const QJsonValue &value : rules) {
        const QJsonObject rule = value.toObject();
        ResourceRule parsed;
        parsed.kind = rule.value(QLatin1String("kind")).toString();
        for (const QJsonValue &field : rule.value(QLatin1String("fields")).toArray())
            parsed.fields.append(field.toString());
        parsed.message = rule.value(QLatin1String("message")).toString();
        schema.rules.append(parsed);
    }
    schema.query = fieldsFrom(json.value(QLatin1String("query")));
    schema.trutoQuery = fieldsFrom(json.value(QLatin1String("truto_query")));
    schema.body = fieldsFrom(json.value(QLatin1String("body")));
    schema.response = fieldsFrom(json.value(QLatin1String("response")));
    for (const QJsonValue &name : json.value(QLatin1String("form_order")).toArray()) {
        if (schema.find(Section::Body, name.toString()) && !schema.formOrder.contains(name.toString()))
            schema.formOrder.append(name.toString());
    }
    for (const FieldSpec &field : std::as_const(schema.body)) {
        if (!schema.formOrder.contains(field.name))
            schema.formOrder.append(field.name);
    }
    schema.customFieldEntity = json.value(QLatin1String("custom_field_entity")).toString();
    return schema;
}

const QList<FieldSpec> &ResourceSchema::section(Section section) const
{
    switch (section) {
    case Section::Query:
        return query;
    case Section::TrutoQuery:
        return trutoQuery;
    case Section::Body:
        return body;
    case Section::Response:
        break;
    }
    return response;
}

QStringList ResourceSchema::allProviders() const
{
    QStringList all = providers;
    for (const QString &name : providersWithoutFieldData) {
        if (!all.contains(name))
            all.append(name);
    }
    std::sort(all.begin(), all.end(), [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    return all;
}

std::optional<QString> ResourceSchema::canonicalProvider(const QString &name) const
{
    const QString wanted = name.simplified();
    for (const QString &provider : allProviders()) {
        if (provider.compare(wanted, Qt::CaseInsensitive) == 0)
            return provider;
    }
    return std::nullopt;
}

const FieldSpec *ResourceSchema::find(Section which, const QString &path) const
{
    return findIn(section(which), path);
}

FieldState ResourceSchema::stateOf(Section section, const FieldSpec &field,
                                   const QString &provider, const FieldState *parent) const
{
    FieldState state;
    state.enumValues = provider.isEmpty() ? field.enumValues : field.enumFor(provider);
    state.supportedBy = sortedProviders(field);

    if (parent) {
        // A sub-field goes wherever its parent goes; it is required when the parent is
        // required and the API requires the sub-field inside it.
        state.support = parent->support;
        state.required = parent->required && field.apiRequired;
        state.reason = parent->reason;
        state.supportedBy = parent->supportedBy;
        return state;
    }
    if (section == Section::TrutoQuery || field.isPassThrough()) {
        state.support = Support::Supported;
        state.required = field.apiRequired;
        state.reason = section == Section::TrutoQuery
                           ? QStringLiteral("Truto parameter, accepted for every provider")
                           : QStringLiteral("Passed to the provider as is");
        return state;
    }
    if (provider.isEmpty()) {
        state.support = Support::Supported;
        state.required = field.apiRequired;
        state.reason = QStringLiteral("No provider selected");
        return state;
    }
    if (!field.hasProviderData()) {
        state.support = Support::Unknown;
        state.required = field.apiRequired;
        state.reason = QStringLiteral("The documentation names no provider for %1").arg(field.name);
        return state;
    }
    if (!allProviders().contains(provider)) {
        state.reason = QStringLiteral("%1 is not named in the documentation of %2")
                           .arg(provider, name);
        return state;
    }
    if (providersWithoutFieldData.contains(provider) && !providers.contains(provider)) {
        state.reason = QStringLiteral("%1 supports updating %2, but the documentation maps no "
                                      "fields for it")
                           .arg(provider, name);
        return state;
    }
    const auto mark = field.providers.constFind(provider);
    if (mark != field.providers.cend()) {
        state.support = Support::Supported;
        state.required = mark.value() == ProviderMark::Required || field.apiRequired;
        state.reason = state.required ? QStringLiteral("Required by %1").arg(provider)
                                      : QStringLiteral("Supported by %1").arg(provider);
        return state;
    }
    if (field.providersComplete) {
        state.support = Support::Unsupported;
        state.reason = state.supportedBy.isEmpty()
                           ? QStringLiteral("Not mapped for %1").arg(provider)
                           : QStringLiteral("Not mapped for %1. Supported by: %2")
                                 .arg(provider, state.supportedBy.join(QLatin1String(", ")));
        return state;
    }
    const int named = int(field.providers.size());
    state.support = Support::Unknown;
    state.reason = QStringLiteral("The documentation counts %1 supporting providers but names "
                                  "%2 of them; %3 is not among those named")
                       .arg(field.supportedCount.value_or(0))
                       .arg(named)
                       .arg(provider);
    return state;
}

QList<QPair<const FieldSpec *, FieldState>> ResourceSchema::statesOf(Section which,
                                                                    const QString &provider) const
{
    QList<QPair<const FieldSpec *, FieldState>> out;
    collect(*this, which, section(which), provider, nullptr, out);
    return out;
}

FieldPolicy ResourceSchema::policyFor(const QString &provider) const
{
    FieldPolicy policy(name, provider);
    const auto states = statesOf(Section::Body, provider);
    for (const auto &[field, state] : states)
        policy.set(field->path, state);
    const auto queryStates = statesOf(Section::Query, provider);
    for (const auto &[field, state] : queryStates)
        policy.set(QStringLiteral("query.") + field->path, state);
    return policy;
}

} // namespace crmdesk
