#include "policy/customfieldvalidation.h"

#include "records/recordmodel.h"
#include "schema/jsonvalues.h"

#include <QDate>
#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace crmdesk {

namespace {

QString pathOf(const CustomField &field)
{
    return QStringLiteral("custom_fields.") + field.name;
}

// Numbers may come as JSON numbers or as numeric text (HubSpot keeps every property as text).
bool isNumber(const QJsonValue &value)
{
    if (value.isDouble())
        return std::isfinite(value.toDouble());
    if (!value.isString())
        return false;
    bool ok = false;
    const double number = value.toString().trimmed().toDouble(&ok);
    return ok && std::isfinite(number);
}

bool isIsoDate(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral(R"(^\d{4}-\d{2}-\d{2}$)"));
    return shape.match(text).hasMatch() && QDate::fromString(text, Qt::ISODate).isValid();
}

// An option is matched by its value; a numeric JSON value matches a numeric option value.
QString optionText(const QJsonValue &value)
{
    return value.isDouble() ? QString::number(value.toDouble()) : value.toString();
}

bool isOptionValue(const QJsonValue &value)
{
    return value.isString() || value.isDouble();
}

QString shown(const QJsonValue &value)
{
    return value.isString() || value.isDouble() ? optionText(value) : QStringLiteral("(not text)");
}

QString optionsList(const CustomField &field)
{
    QStringList labels;
    for (const CustomFieldOption &option : field.options)
        labels.append(option.label);
    return labels.join(QLatin1String(", "));
}

bool isReferenceId(const QJsonValue &value)
{
    if (value.isObject())
        return isOptionValue(value.toObject().value(QLatin1String("id"))) &&
               !optionText(value.toObject().value(QLatin1String("id"))).isEmpty();
    return (value.isString() && !value.toString().isEmpty()) || value.isDouble();
}

} // namespace

QList<ValidationIssue> validateCustomFieldValue(const CustomField &field, const QJsonValue &value)
{
    using Kind = CustomField::Kind;
    if (value.isNull() || value.isUndefined())
        return {};
    const QString path = pathOf(field);
    const QString label = field.displayName();
    const auto issue = [&path](const QString &message) {
        return QList<ValidationIssue>{{path, message}};
    };
    switch (field.kind) {
    case Kind::Text:
    case Kind::LongText:
        if (!value.isString())
            return issue(QStringLiteral("%1 must be text").arg(label));
        break;
    case Kind::Number:
        if (!isNumber(value))
            return issue(QStringLiteral("%1 must be a number, not \"%2\"").arg(label, shown(value)));
        break;
    case Kind::Currency:
        if (!isNumber(value))
            return issue(QStringLiteral("%1 must be an amount (a number), not \"%2\"")
                             .arg(label, shown(value)));
        break;
    case Kind::Date:
        if (!value.isString() || !isIsoDate(value.toString()))
            return issue(QStringLiteral("%1 must be a date like 2026-11-23, not \"%2\"")
                             .arg(label, shown(value)));
        break;
    case Kind::DateTime:
        if (!value.isString() || !isIsoDateTime(value.toString()))
            return issue(QStringLiteral("%1 must be an ISO 8601 date and time with a time zone, "
                                        "like 2026-11-23T14:30:00Z, not \"%2\"")
                             .arg(label, shown(value)));
        break;
    case Kind::Boolean:
        if (!value.isBool())
            return issue(QStringLiteral("%1 must be yes or no (true or false)").arg(label));
        break;
    case Kind::SingleSelect:
        if (!isOptionValue(value) || !field.hasOption(optionText(value)))
            return issue(QStringLiteral("\"%1\" is not an option of %2; choose one of %3")
                             .arg(shown(value), label, optionsList(field)));
        break;
    case Kind::MultiSelect: {
        if (!value.isArray())
            return issue(QStringLiteral("%1 takes a list of options").arg(label));
        QList<ValidationIssue> issues;
        for (const QJsonValue &item : value.toArray()) {
            if (!isOptionValue(item) || !field.hasOption(optionText(item)))
                issues.append({path, QStringLiteral("\"%1\" is not an option of %2; choose from %3")
                                         .arg(shown(item), label, optionsList(field))});
        }
        return issues;
    }
    case Kind::User:
        if (!isReferenceId(value))
            return issue(QStringLiteral("%1 must be a user's id").arg(label));
        break;
    case Kind::Reference:
        if (!isReferenceId(value))
            return issue(QStringLiteral("%1 must be the id of a %2").arg(label, field.referenceEntity));
        break;
    case Kind::Unknown:
        break;
    }
    return {};
}

QList<ValidationIssue> validateCustomFields(const QList<CustomField> &definitions,
                                            const QJsonObject &original,
                                            const QJsonObject &edited)
{
    QList<ValidationIssue> issues;
    for (const CustomField &field : definitions) {
        const QJsonValue before = original.value(field.name);
        const QJsonValue after = edited.value(field.name);
        const bool changed = edited.contains(field.name) && after != before;
        if (changed && field.readOnly) {
            issues.append({pathOf(field), QStringLiteral("%1 is read-only and cannot be changed: %2")
                                              .arg(field.displayName(), field.readOnlyReason)});
            continue;
        }
        if (changed)
            issues += validateCustomFieldValue(field, after);
        // A read-only field cannot be filled in by the person, so its being empty is not theirs
        // to fix.
        const QJsonValue value = edited.contains(field.name) ? after : before;
        if (field.required && !field.readOnly && isEmptyValue(value))
            issues.append({pathOf(field), QStringLiteral("%1 is required").arg(field.displayName())});
    }
    return issues;
}

QList<ValidationIssue> validateCustomFields(const QList<CustomField> &definitions,
                                            const RecordModel &model)
{
    const QString key = QStringLiteral("custom_fields");
    return validateCustomFields(definitions, model.originalValue(key).toObject(),
                                model.value(key).toObject());
}

} // namespace crmdesk
