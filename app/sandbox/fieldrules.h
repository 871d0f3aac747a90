#pragma once

#include "schema/fieldstate.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace crmdesk {
class ResourceSchema;
struct FieldSpec;
} // namespace crmdesk

namespace crmdesk::sandbox {

class ProviderMapping;

// What one account's provider does with each top-level field of one resource on update: the
// bundled schema's state for the provider (ResourceSchema::stateOf), replaced where the account
// has its own rules (accounts.json "schema_overrides", the way a live account's merged mapping
// can differ from the documentation, contract §13), and limited to what the provider's mapping
// can store. PATCH validation and meta/update both read it, so they never disagree.
class FieldRules
{
public:
    // overrides: this resource's entry of the account's schema_overrides
    // (field -> "required" | "supported" | "unsupported"; "query.<name>" for query parameters).
    FieldRules(const ResourceSchema *schema, const QString &provider, QJsonObject overrides,
               const ProviderMapping *mapping);

    const QString &provider() const { return m_provider; }
    const ResourceSchema *schema() const { return m_schema; }

    FieldState bodyState(const QString &field) const;
    FieldState queryState(const QString &parameter) const;
    // Whether PATCH stores the field: documented (or overridden) as not unsupported, and mapped.
    bool accepts(const QString &field) const;
    bool isRequired(const QString &field) const { return bodyState(field).required; }
    // In schema order.
    QStringList acceptedBodyFields() const;
    QStringList requiredBodyFields() const;
    QStringList requiredQueryParameters() const;

private:
    FieldState applyOverride(FieldState state, const QString &key) const;

    const ResourceSchema *m_schema;
    QString m_provider; // as the schema spells it, when it names the provider
    QJsonObject m_overrides;
    const ProviderMapping *m_mapping;
};

} // namespace crmdesk::sandbox
