#pragma once

#include "schema/fieldspec.h"
#include "schema/fieldstate.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crmdesk {

enum class Section { Query, TrutoQuery, Body, Response };

// A rule about the record as a whole, e.g. notes: one of contact, account, opportunity.
struct ResourceRule
{
    QString kind; // "one_of_required"
    QStringList fields;
    QString message;
};

// Everything the documentation says about updating one resource.
class ResourceSchema
{
public:
    static ResourceSchema fromJson(const QJsonObject &json);

    QString name;  // "notes"
    QString label; // "Notes"
    QString source;
    QStringList providers;                  // named in the page's field lists
    QStringList providersWithoutFieldData;  // said to support update, named in no field list
    QList<ResourceRule> rules;
    // The form's order: the fields people edit most first ("form_order"), then every other
    // top-level body field in schema order.
    QStringList formOrder;
    // The entity_type of this resource's custom field definitions (contract §14): "contact".
    QString customFieldEntity;
    QList<FieldSpec> query;
    QList<FieldSpec> trutoQuery;
    QList<FieldSpec> body;
    QList<FieldSpec> response;

    const QList<FieldSpec> &section(Section section) const;
    QStringList allProviders() const;
    // The provider's name as documented, matched case-insensitively.
    std::optional<QString> canonicalProvider(const QString &name) const;
    // Finds a field by dotted path ("addresses.city") in a section.
    const FieldSpec *find(Section section, const QString &path) const;

    // The documented state of a field for a provider. An empty provider means "any provider".
    FieldState stateOf(Section section, const FieldSpec &field, const QString &provider,
                       const FieldState *parent = nullptr) const;
    // Every field of a section, depth first, with its state for the provider.
    QList<QPair<const FieldSpec *, FieldState>> statesOf(Section section,
                                                        const QString &provider) const;
    // The body fields' states in one policy, for a form.
    FieldPolicy policyFor(const QString &provider) const;
};

} // namespace crmdesk
