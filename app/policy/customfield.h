#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace crmdesk {

// One choice of a select field, as the fields list gives it (contract §14).
struct CustomFieldOption
{
    QString label;
    QString value;
    friend bool operator==(const CustomFieldOption &, const CustomFieldOption &) = default;
};

// One custom field definition from GET /unified/crm/fields (contract §14), typed for an editor.
//
// How Truto's field object becomes a kind (Truto's `type` is one of string, text, rich_text,
// number, boolean, date, datetime, time, enum, array, file, address; the unified object has no
// currency, multi-select or user flag, so those come from what providers themselves say, which
// Truto passes on in the field's `remote_data`, or from an explicit hint on the field):
//
//  * reference_entity `user`, `users` or `owner`, or a provider's user type (Pipedrive
//    field_type `user`, Zoho data_type `ownerlookup`/`userlookup`, HubSpot referencedObjectType
//    `OWNER`, Close type `user`)                                            -> User
//  * any other reference_entity (contact, account, opportunity, lead)       -> Reference
//  * string                                                                 -> Text
//  * text, rich_text                                                        -> LongText
//  * number with a currency hint (`format: currency`, a `currency` member, Pipedrive
//    `monetary`, Zoho `currency`, HubSpot showCurrencySymbol, Insightly/Close `CURRENCY`)
//                                                                           -> Currency
//  * number                                                                 -> Number
//  * boolean                                                                -> Boolean
//  * date                                                                   -> Date
//  * datetime                                                               -> DateTime
//  * enum with a multiple-values hint (`multiple: true`, HubSpot `checkbox`, Pipedrive `set`,
//    Zoho `multiselectpicklist`, Close accepts_multiple_values, Freshsales/Insightly
//    multi-select types)                                                     -> MultiSelect
//  * enum                                                                   -> SingleSelect
//  * array with options                                                     -> MultiSelect
//  * time, file, address, array without options, anything else             -> Unknown
//    (shown as text or JSON by the form; the value is not checked)
struct CustomField
{
    enum class Kind {
        Text,
        LongText,
        Number,
        Currency,
        Date,
        DateTime,
        Boolean,
        SingleSelect,
        MultiSelect,
        User,
        Reference,
        Unknown,
    };

    QString name; // the key in custom_fields
    QString label;
    QString description;
    QString entityType; // contact, lead, opportunity...; empty: every entity
    Kind kind = Kind::Unknown;
    QString trutoType; // the field's `type` as sent
    QList<CustomFieldOption> options; // visible options only
    bool required = false;
    bool readOnly = false;
    QString readOnlyReason; // for the disabled editor; empty when editable
    QString referenceEntity; // User and Reference: what the id points to
    QString currency; // Currency: the ISO code when the field names one ("EUR"); else empty

    static CustomField fromJson(const QJsonObject &field);
    friend bool operator==(const CustomField &, const CustomField &) = default;

    // The label, or the name when the provider gave none: for messages.
    QString displayName() const { return label.isEmpty() ? name : label; }
    bool hasOption(const QString &value) const;
    bool belongsTo(const QString &entity) const { return entityType.isEmpty() || entityType == entity; }
};

QString customFieldKindName(CustomField::Kind kind);

} // namespace crmdesk
