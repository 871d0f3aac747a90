#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace crmdesk {

class ResourceSchema;
struct FieldSpec;

// One group of a form, in the order a person reads a record: who or what it is, how to reach
// them, what it is linked to, the account's own fields, and the technical rest.
struct FormSection
{
    enum class Kind { Identity, ContactDetails, Relations, CustomFields, Advanced };
    Kind kind = Kind::Identity;
    QString id;    // "identity", for object names and the remembered layout
    QString title; // "Identity"
    QStringList fields; // top-level body fields, in form order
};

// The resource's form fields (ResourceSchema::formOrder) grouped into sections; sections with
// no field are left out.
QList<FormSection> formSections(const ResourceSchema &schema);
FormSection::Kind sectionOf(const FieldSpec &field);

// The unified list a reference field's ids come from ("users" for an owner, "accounts",
// "contacts", "leads", "opportunities"), or empty when the field is no reference to a record
// that can be listed by name (a stage, a project, or not a reference at all).
QString referencedResource(const FieldSpec &field);

} // namespace crmdesk
