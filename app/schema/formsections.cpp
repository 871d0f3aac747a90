#include "schema/formsections.h"

#include "schema/resourceschema.h"

#include <QHash>

namespace crmdesk {

namespace {
// By field name: the API pages name the same relation the same way on every resource, but do
// not always say what it references (owner and opportunity carry no "references").
const QHash<QString, QString> &referenceByName()
{
    static const QHash<QString, QString> map{
        {QStringLiteral("owner"), QStringLiteral("users")},
        {QStringLiteral("account"), QStringLiteral("accounts")},
        {QStringLiteral("converted_account"), QStringLiteral("accounts")},
        {QStringLiteral("contact"), QStringLiteral("contacts")},
        {QStringLiteral("converted_contact"), QStringLiteral("contacts")},
        {QStringLiteral("lead"), QStringLiteral("leads")},
        {QStringLiteral("opportunity"), QStringLiteral("opportunities")},
    };
    return map;
}

bool isContactDetail(const QString &name)
{
    static const QStringList names{QStringLiteral("email_addresses"), QStringLiteral("phone_numbers"),
                                   QStringLiteral("addresses"),       QStringLiteral("urls"),
                                   QStringLiteral("website"),         QStringLiteral("websites"),
                                   QStringLiteral("social_profiles")};
    return names.contains(name);
}

// Kept by the record or the server rather than typed by a person.
bool isTechnical(const FieldSpec &field)
{
    static const QStringList names{QStringLiteral("remote_data"), QStringLiteral("etag"),
                                   QStringLiteral("created_at"),  QStringLiteral("updated_at"),
                                   QStringLiteral("date_created"), QStringLiteral("last_activity_at")};
    return field.unnamed || names.contains(field.name) || field.type.isEmpty();
}

QString sectionId(FormSection::Kind kind)
{
    switch (kind) {
    case FormSection::Kind::Identity: return QStringLiteral("identity");
    case FormSection::Kind::ContactDetails: return QStringLiteral("contact_details");
    case FormSection::Kind::Relations: return QStringLiteral("relations");
    case FormSection::Kind::CustomFields: return QStringLiteral("custom_fields");
    case FormSection::Kind::Advanced: return QStringLiteral("advanced");
    }
    return {};
}

QString sectionTitle(FormSection::Kind kind)
{
    switch (kind) {
    case FormSection::Kind::Identity: return QStringLiteral("Identity");
    case FormSection::Kind::ContactDetails: return QStringLiteral("Contact details");
    case FormSection::Kind::Relations: return QStringLiteral("Relations");
    case FormSection::Kind::CustomFields: return QStringLiteral("Custom fields");
    case FormSection::Kind::Advanced: return QStringLiteral("Advanced");
    }
    return {};
}
} // namespace

QString referencedResource(const FieldSpec &field)
{
    if (field.type != QLatin1String("object") && field.type != QLatin1String("object[]"))
        return {};
    return referenceByName().value(field.name);
}

FormSection::Kind sectionOf(const FieldSpec &field)
{
    if (field.name == QLatin1String("custom_fields"))
        return FormSection::Kind::CustomFields;
    if (isTechnical(field))
        return FormSection::Kind::Advanced;
    if (isContactDetail(field.name))
        return FormSection::Kind::ContactDetails;
    // A stage also references something (Stages), but it says where a deal stands: Identity.
    if (!referencedResource(field).isEmpty() || field.references == QLatin1String("Projects"))
        return FormSection::Kind::Relations;
    return FormSection::Kind::Identity;
}

QList<FormSection> formSections(const ResourceSchema &schema)
{
    const QList<FormSection::Kind> order{FormSection::Kind::Identity, FormSection::Kind::ContactDetails,
                                         FormSection::Kind::Relations, FormSection::Kind::CustomFields,
                                         FormSection::Kind::Advanced};
    QList<FormSection> sections;
    for (FormSection::Kind kind : order)
        sections.append({kind, sectionId(kind), sectionTitle(kind), {}});
    for (const QString &name : schema.formOrder) {
        if (const FieldSpec *field = schema.find(Section::Body, name))
            sections[int(sectionOf(*field))].fields.append(name);
    }
    sections.removeIf([](const FormSection &section) { return section.fields.isEmpty(); });
    return sections;
}

} // namespace crmdesk
