#include "sandbox/fieldrules.h"

#include "sandbox/providermapping.h"
#include "schema/resourceschema.h"

namespace crmdesk::sandbox {

FieldRules::FieldRules(const ResourceSchema *schema, const QString &provider, QJsonObject overrides,
                       const ProviderMapping *mapping)
    : m_schema(schema), m_provider(provider), m_overrides(std::move(overrides)), m_mapping(mapping)
{
    if (m_schema) {
        if (const auto canonical = m_schema->canonicalProvider(provider))
            m_provider = *canonical;
    }
}

FieldState FieldRules::applyOverride(FieldState state, const QString &key) const
{
    const QString rule = m_overrides.value(key).toString();
    if (rule == QLatin1String("unsupported")) {
        state.support = Support::Unsupported;
        state.required = false;
        state.reason = QStringLiteral("Not mapped for this account");
    } else if (rule == QLatin1String("required")) {
        state.support = Support::Supported;
        state.required = true;
        state.reason = QStringLiteral("Required by this account");
    } else if (rule == QLatin1String("supported")) {
        state.support = Support::Supported;
        state.required = false;
        state.reason = QStringLiteral("Supported by this account");
    } else {
        return state;
    }
    state.origin = StateOrigin::LiveAccount;
    return state;
}

FieldState FieldRules::bodyState(const QString &field) const
{
    FieldState state;
    if (m_schema) {
        if (const FieldSpec *spec = m_schema->find(Section::Body, field))
            state = m_schema->stateOf(Section::Body, *spec, m_provider);
        else
            state.reason = QStringLiteral("%1 is not an update field").arg(field);
    }
    return applyOverride(state, field);
}

FieldState FieldRules::queryState(const QString &parameter) const
{
    FieldState state;
    if (m_schema) {
        if (const FieldSpec *spec = m_schema->find(Section::Query, parameter))
            state = m_schema->stateOf(Section::Query, *spec, m_provider);
    }
    return applyOverride(state, QStringLiteral("query.") + parameter);
}

bool FieldRules::accepts(const QString &field) const
{
    if (!m_schema || !m_mapping || !m_mapping->maps(field))
        return false;
    const bool documented = m_schema->find(Section::Body, field) != nullptr;
    if (!documented && !m_overrides.contains(field))
        return false; // response-only fields (id, updated_at) are never written
    return bodyState(field).support != Support::Unsupported;
}

QStringList FieldRules::acceptedBodyFields() const
{
    QStringList out;
    if (!m_schema)
        return out;
    for (const FieldSpec &field : m_schema->body) {
        if (accepts(field.name))
            out.append(field.name);
    }
    return out;
}

QStringList FieldRules::requiredBodyFields() const
{
    QStringList out;
    if (!m_schema)
        return out;
    for (const FieldSpec &field : m_schema->body) {
        if (!field.isPassThrough() && isRequired(field.name))
            out.append(field.name);
    }
    for (auto it = m_overrides.constBegin(); it != m_overrides.constEnd(); ++it) {
        if (!it.key().startsWith(QLatin1String("query.")) && !out.contains(it.key()) &&
            isRequired(it.key()))
            out.append(it.key());
    }
    return out;
}

QStringList FieldRules::requiredQueryParameters() const
{
    QStringList out;
    if (!m_schema)
        return out;
    for (const FieldSpec &parameter : m_schema->query) {
        if (queryState(parameter.name).required)
            out.append(parameter.name);
    }
    return out;
}

} // namespace crmdesk::sandbox
