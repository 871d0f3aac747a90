#include "records/validation.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

namespace crmdesk {

namespace {
QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return QStringLiteral("true/false");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("text");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("empty");
    }
}

void checkScalar(const FieldSpec &field, const QString &path, const QJsonValue &value,
                 const QStringList &allowed, QList<ValidationIssue> &issues)
{
    if (value.isNull() || value.isUndefined())
        return; // clearing is always expressible; "required" is checked separately
    const QString type = field.type;
    if (type == QLatin1String("number")) {
        if (!value.isDouble())
            issues.append({path, QStringLiteral("%1 must be a number, not \"%2\"")
                                     .arg(path, value.toVariant().toString())});
        return;
    }
    if (type == QLatin1String("boolean")) {
        if (!value.isBool())
            issues.append({path, QStringLiteral("%1 must be true or false").arg(path)});
        return;
    }
    if (type == QLatin1String("string") || type.isEmpty()) {
        if (!value.isString() && !type.isEmpty()) {
            issues.append({path, QStringLiteral("%1 must be text, not %2").arg(path, typeName(value))});
            return;
        }
        const QString text = value.toString();
        if (field.format == QLatin1String("date-time") && !isIsoDateTime(text)) {
            issues.append({path, QStringLiteral("%1 must be an ISO 8601 date and time with a time "
                                                "zone, like 2026-11-23T14:30:00Z")
                                     .arg(path)});
        } else if (field.name == QLatin1String("email") && !looksLikeEmail(text)) {
            issues.append({path, QStringLiteral("%1 is not an e-mail address: \"%2\"").arg(path, text)});
        } else if (!allowed.isEmpty() && !text.isEmpty() && !allowed.contains(text)) {
            issues.append({path, QStringLiteral("%1 must be one of %2")
                                     .arg(path, allowed.join(QLatin1String(", ")))});
        }
    }
}

void checkObject(const FieldSpec &field, const QString &path, const QJsonObject &object,
                 QList<ValidationIssue> &issues)
{
    for (const FieldSpec &child : field.children) {
        const QString childPath = path + u'.' + child.name;
        const QJsonValue value = object.value(child.name);
        if (child.apiRequired && isEmptyValue(value)) {
            issues.append({childPath, QStringLiteral("%1 is required").arg(childPath)});
            continue;
        }
        checkScalar(child, childPath, value, child.enumValues, issues);
    }
}
} // namespace

bool isIsoDateTime(const QString &text)
{
    // ISO 8601 with a date, a time and a zone (Z or an offset): a date-time without a zone
    // means different instants to different providers.
    static const QRegularExpression shape(QStringLiteral(
        R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$)"));
    if (!shape.match(text).hasMatch())
        return false;
    return QDateTime::fromString(text, Qt::ISODateWithMs).isValid()
           || QDateTime::fromString(text, Qt::ISODate).isValid();
}

bool looksLikeEmail(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral(R"(^[^@\s]+@[^@\s]+\.[^@\s.]+$)"));
    return shape.match(text).hasMatch();
}

QList<ValidationIssue> validateValue(const FieldSpec &field, const QJsonValue &value,
                                     const FieldState &state)
{
    QList<ValidationIssue> issues;
    const QString &path = field.path;
    if (value.isNull() || value.isUndefined())
        return issues;
    if (field.isFreeForm()) {
        if (!value.isObject())
            issues.append({path, QStringLiteral("%1 must be a JSON object").arg(path)});
        return issues;
    }
    if (field.isArray()) {
        if (!value.isArray()) {
            issues.append({path, QStringLiteral("%1 must be a list").arg(path)});
            return issues;
        }
        const QJsonArray items = value.toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString itemPath = path + u'.' + QString::number(i);
            if (field.type == QLatin1String("object[]")) {
                if (!items.at(i).isObject())
                    issues.append({itemPath, QStringLiteral("%1 must be an object").arg(itemPath)});
                else
                    checkObject(field, itemPath, items.at(i).toObject(), issues);
            } else if (!items.at(i).isString()) {
                issues.append({itemPath, QStringLiteral("%1 must be text").arg(itemPath)});
            }
        }
        return issues;
    }
    if (field.type == QLatin1String("object")) {
        if (!value.isObject())
            issues.append({path, QStringLiteral("%1 must be an object").arg(path)});
        else
            checkObject(field, path, value.toObject(), issues);
        return issues;
    }
    checkScalar(field, path, value, state.enumValues, issues);
    return issues;
}

QList<ValidationIssue> validateRecord(const RecordModel &model, const FieldPolicy &policy)
{
    QList<ValidationIssue> issues;
    const ResourceSchema &schema = model.schema();
    for (const FieldSpec &field : schema.body) {
        const FieldState state = policy.state(field.path);
        if (model.isChanged(field.name) && state.editable())
            issues.append(validateValue(field, model.value(field.name), state));
        if (state.required && isEmptyValue(model.value(field.name))) {
            issues.append({field.name, QStringLiteral("%1 is required by %2")
                                           .arg(field.name, policy.provider())});
        }
    }
    for (const ResourceRule &rule : schema.rules) {
        if (rule.kind != QLatin1String("one_of_required"))
            continue;
        const bool anySet = std::any_of(rule.fields.cbegin(), rule.fields.cend(),
                                        [&model](const QString &field) {
                                            return !isEmptyValue(model.value(field));
                                        });
        if (!anySet && !rule.fields.isEmpty())
            issues.append({rule.fields.first(), rule.message});
    }
    return issues;
}

} // namespace crmdesk
