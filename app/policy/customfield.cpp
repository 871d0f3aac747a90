#include "policy/customfield.h"

#include <QJsonArray>

namespace crmdesk {

namespace {

QString lower(const QJsonValue &value)
{
    return value.toString().toLower();
}

// The provider's own description of the field (Truto's remote_data), plus the unified object
// itself, so a hint may sit in either.
bool hasHint(const QJsonObject &field, const QStringList &keys, const QStringList &values)
{
    const QJsonObject remote = field.value(QLatin1String("remote_data")).toObject();
    for (const QJsonObject &source : {field, remote}) {
        for (const QString &key : keys) {
            if (values.contains(lower(source.value(key))))
                return true;
        }
    }
    return false;
}

bool isCurrency(const QJsonObject &field)
{
    const QJsonObject remote = field.value(QLatin1String("remote_data")).toObject();
    if (field.contains(QLatin1String("currency")) || remote.value(QLatin1String("showCurrencySymbol")).toBool())
        return true;
    return hasHint(field,
                   {QStringLiteral("format"), QStringLiteral("field_type"), QStringLiteral("data_type"),
                    QStringLiteral("type"), QStringLiteral("FIELD_TYPE"), QStringLiteral("numberDisplayFormat")},
                   {QStringLiteral("currency"), QStringLiteral("monetary")});
}

bool isMultiple(const QJsonObject &field)
{
    const QJsonObject remote = field.value(QLatin1String("remote_data")).toObject();
    if (field.value(QLatin1String("multiple")).toBool() ||
        remote.value(QLatin1String("accepts_multiple_values")).toBool())
        return true;
    return hasHint(field,
                   {QStringLiteral("fieldType"), QStringLiteral("field_type"), QStringLiteral("data_type"),
                    QStringLiteral("type"), QStringLiteral("FIELD_TYPE")},
                   {QStringLiteral("checkbox"), QStringLiteral("set"),
                    QStringLiteral("multiselectpicklist"), QStringLiteral("multi_select_dropdown"),
                    QStringLiteral("multiselect"), QStringLiteral("multi_select")});
}

bool isUser(const QJsonObject &field, const QString &referenceEntity)
{
    static const QStringList users{QStringLiteral("user"), QStringLiteral("users"), QStringLiteral("owner")};
    if (users.contains(referenceEntity.toLower()))
        return true;
    const QJsonObject remote = field.value(QLatin1String("remote_data")).toObject();
    if (lower(remote.value(QLatin1String("referencedObjectType"))) == QLatin1String("owner"))
        return true;
    return hasHint(QJsonObject{{QStringLiteral("remote_data"), remote}},
                   {QStringLiteral("field_type"), QStringLiteral("data_type"), QStringLiteral("type")},
                   {QStringLiteral("user"), QStringLiteral("ownerlookup"), QStringLiteral("userlookup")});
}

CustomField::Kind kindOf(const QJsonObject &field, const QString &type, const QString &referenceEntity,
                         bool hasOptions)
{
    using Kind = CustomField::Kind;
    if (isUser(field, referenceEntity))
        return Kind::User;
    if (!referenceEntity.isEmpty())
        return Kind::Reference;
    if (type == QLatin1String("string"))
        return Kind::Text;
    if (type == QLatin1String("text") || type == QLatin1String("rich_text"))
        return Kind::LongText;
    if (type == QLatin1String("number"))
        return isCurrency(field) ? Kind::Currency : Kind::Number;
    if (type == QLatin1String("boolean"))
        return Kind::Boolean;
    if (type == QLatin1String("date"))
        return Kind::Date;
    if (type == QLatin1String("datetime"))
        return Kind::DateTime;
    if (type == QLatin1String("enum"))
        return isMultiple(field) ? Kind::MultiSelect : Kind::SingleSelect;
    if (type == QLatin1String("array") && hasOptions)
        return Kind::MultiSelect;
    return Kind::Unknown;
}

QString readOnlyReasonOf(const QJsonObject &field)
{
    const QJsonObject remote = field.value(QLatin1String("remote_data")).toObject();
    for (const QJsonObject &source : {field, remote}) {
        const QString reason = source.value(QLatin1String("read_only_reason")).toString();
        if (!reason.isEmpty())
            return reason;
        if (source.value(QLatin1String("calculated")).toBool() ||
            source.value(QLatin1String("is_formula")).toBool() ||
            lower(source.value(QLatin1String("fieldType"))) == QLatin1String("calculation_equation") ||
            lower(source.value(QLatin1String("data_type"))) == QLatin1String("formula"))
            return QStringLiteral("Calculated by the provider, so it cannot be edited");
    }
    if (!field.value(QLatin1String("is_user_defined")).toBool(true))
        return QStringLiteral("A system field the provider keeps itself; it cannot be edited");
    return QStringLiteral("The provider marks this field read-only");
}

} // namespace

CustomField CustomField::fromJson(const QJsonObject &field)
{
    CustomField out;
    out.name = field.value(QLatin1String("name")).toString();
    out.label = field.value(QLatin1String("label")).toString();
    out.description = field.value(QLatin1String("description")).toString();
    out.entityType = field.value(QLatin1String("entity_type")).toString();
    out.trutoType = field.value(QLatin1String("type")).toString().toLower();
    out.required = field.value(QLatin1String("is_required")).toBool(false);
    out.readOnly = !field.value(QLatin1String("is_editable")).toBool(true);
    out.referenceEntity = field.value(QLatin1String("reference_entity")).toString();
    for (const QJsonValue &value : field.value(QLatin1String("options")).toArray()) {
        const QJsonObject option = value.toObject();
        if (option.value(QLatin1String("is_hidden")).toBool(false))
            continue;
        // Option values are strings in the docs; some providers send numeric ids.
        const QJsonValue raw = option.value(QLatin1String("value"));
        const QString text = raw.isDouble() ? QString::number(raw.toDouble()) : raw.toString();
        const QString optionLabel = option.value(QLatin1String("label")).toString();
        out.options.append({optionLabel.isEmpty() ? text : optionLabel, text});
    }
    out.kind = kindOf(field, out.trutoType, out.referenceEntity, !out.options.isEmpty());
    if (out.kind == Kind::User && out.referenceEntity.isEmpty())
        out.referenceEntity = QStringLiteral("user");
    if (out.readOnly)
        out.readOnlyReason = readOnlyReasonOf(field);
    if (out.kind == Kind::Currency) {
        // A code on the field itself, or the one the provider passes on (Zoho, Pipedrive).
        const QJsonObject remote = field.value(QLatin1String("remote_data")).toObject();
        for (const QJsonValue &code : {field.value(QLatin1String("currency")), remote.value(QLatin1String("currency")),
                                       remote.value(QLatin1String("currency_code"))}) {
            if (code.isString() && code.toString().size() == 3) {
                out.currency = code.toString().toUpper();
                break;
            }
        }
    }
    return out;
}

bool CustomField::hasOption(const QString &value) const
{
    for (const CustomFieldOption &option : options) {
        if (option.value == value)
            return true;
    }
    return false;
}

QString customFieldKindName(CustomField::Kind kind)
{
    switch (kind) {
    case CustomField::Kind::Text: return QStringLiteral("text");
    case CustomField::Kind::LongText: return QStringLiteral("long text");
    case CustomField::Kind::Number: return QStringLiteral("number");
    case CustomField::Kind::Currency: return QStringLiteral("currency");
    case CustomField::Kind::Date: return QStringLiteral("date");
    case CustomField::Kind::DateTime: return QStringLiteral("date and time");
    case CustomField::Kind::Boolean: return QStringLiteral("yes/no");
    case CustomField::Kind::SingleSelect: return QStringLiteral("single select");
    case CustomField::Kind::MultiSelect: return QStringLiteral("multi select");
    case CustomField::Kind::User: return QStringLiteral("user");
    case CustomField::Kind::Reference: return QStringLiteral("reference");
    case CustomField::Kind::Unknown: break;
    }
    return QStringLiteral("unknown");
}

} // namespace crmdesk
