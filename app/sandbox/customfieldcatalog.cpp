#include "sandbox/customfieldcatalog.h"

#include <QDate>
#include <QRegularExpression>

namespace crmdesk::sandbox {

namespace {
// Fills the attributes the field object always has (contract §14), so the data file can stay
// short.
QJsonObject completed(QJsonObject field)
{
    const auto fallback = [&field](const QString &key, const QJsonValue &value) {
        if (!field.contains(key))
            field.insert(key, value);
    };
    fallback(QStringLiteral("id"), field.value(QLatin1String("name")));
    fallback(QStringLiteral("label"), field.value(QLatin1String("name")));
    fallback(QStringLiteral("description"), QString());
    fallback(QStringLiteral("type"), QStringLiteral("string"));
    fallback(QStringLiteral("is_hidden"), false);
    fallback(QStringLiteral("is_unique"), false);
    fallback(QStringLiteral("is_required"), false);
    fallback(QStringLiteral("is_editable"), true);
    fallback(QStringLiteral("is_user_defined"), true);
    fallback(QStringLiteral("options"), QJsonArray());
    fallback(QStringLiteral("reference_entity"), QJsonValue());
    fallback(QStringLiteral("field_groups"), QJsonArray());
    QJsonArray options;
    for (const QJsonValue &value : field.value(QLatin1String("options")).toArray()) {
        QJsonObject option = value.toObject();
        if (!option.contains(QLatin1String("label")))
            option.insert(QStringLiteral("label"), option.value(QLatin1String("value")));
        if (!option.contains(QLatin1String("description")))
            option.insert(QStringLiteral("description"), QString());
        if (!option.contains(QLatin1String("is_hidden")))
            option.insert(QStringLiteral("is_hidden"), false);
        options.append(option);
    }
    field.insert(QStringLiteral("options"), options);
    return field;
}
} // namespace

CustomFieldCatalog CustomFieldCatalog::fromJson(const QJsonObject &json)
{
    CustomFieldCatalog catalog;
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        if (!it.value().isArray())
            continue; // "about" and other notes
        QJsonArray fields;
        for (const QJsonValue &field : it.value().toArray())
            fields.append(completed(field.toObject()));
        catalog.m_fields.insert(it.key().toLower(), fields);
    }
    return catalog;
}

QJsonArray CustomFieldCatalog::fields(const QString &provider, const QString &entityType) const
{
    const QJsonArray all = m_fields.value(provider.toLower());
    if (entityType.isEmpty())
        return all;
    QJsonArray matching;
    for (const QJsonValue &field : all) {
        if (field.toObject().value(QLatin1String("entity_type")).toString() == entityType)
            matching.append(field);
    }
    return matching;
}

QJsonObject CustomFieldCatalog::field(const QString &provider, const QString &entityType,
                                      const QString &name) const
{
    const QJsonArray candidates = fields(provider, entityType);
    for (const QJsonValue &field : candidates) {
        if (field.toObject().value(QLatin1String("name")).toString() == name)
            return field.toObject();
    }
    return {};
}

QString CustomFieldCatalog::rejectionOf(const QJsonObject &field, const QJsonValue &value)
{
    if (value.isNull())
        return {};
    const QString name = field.value(QLatin1String("name")).toString();
    const QString type = field.value(QLatin1String("type")).toString();
    const QJsonArray options = field.value(QLatin1String("options")).toArray();
    if (type != QLatin1String("enum") && !(type == QLatin1String("array") && !options.isEmpty()))
        return {};
    const auto isOption = [&options](const QJsonValue &candidate) {
        for (const QJsonValue &option : options) {
            if (option.toObject().value(QLatin1String("value")) == candidate)
                return true;
        }
        return false;
    };
    const QJsonArray values = value.isArray() ? value.toArray() : QJsonArray{value};
    for (const QJsonValue &item : values) {
        if (!isOption(item))
            return QStringLiteral("'%1' is not an option of field %2")
                .arg(item.isString() ? item.toString() : QStringLiteral("(non-text value)"), name);
    }
    return {};
}

bool CustomFieldCatalog::isMultiSelect(const QJsonObject &field)
{
    const QString type = field.value(QLatin1String("type")).toString();
    if (type == QLatin1String("array"))
        return true;
    if (type != QLatin1String("enum"))
        return false;
    const QJsonObject remote = field.value(QLatin1String("remote_data")).toObject();
    if (field.value(QLatin1String("multiple")).toBool() ||
        remote.value(QLatin1String("accepts_multiple_values")).toBool())
        return true;
    static const QStringList multiTypes{QStringLiteral("checkbox"), QStringLiteral("set"),
                                        QStringLiteral("multiselectpicklist"),
                                        QStringLiteral("multi_select_dropdown"),
                                        QStringLiteral("multiselect")};
    for (const char *key : {"fieldType", "field_type", "data_type", "type", "FIELD_TYPE"}) {
        if (multiTypes.contains(remote.value(QLatin1String(key)).toString().toLower()))
            return true;
    }
    return false;
}

QString CustomFieldCatalog::typeMismatchOf(const QJsonObject &field, const QJsonValue &value)
{
    if (value.isNull())
        return {};
    const QString type = field.value(QLatin1String("type")).toString();
    const QString reference = field.value(QLatin1String("reference_entity")).toString();
    const auto isNumber = [](const QJsonValue &v) {
        bool ok = v.isDouble();
        if (v.isString())
            v.toString().trimmed().toDouble(&ok);
        return ok;
    };
    if (!reference.isEmpty()) {
        // An id: text, a number, or {id}.
        const QJsonValue id = value.isObject() ? value.toObject().value(QLatin1String("id")) : value;
        if ((id.isString() && !id.toString().isEmpty()) || id.isDouble())
            return {};
        return QStringLiteral("expected the id of a %1").arg(reference);
    }
    if (type == QLatin1String("number"))
        return isNumber(value) ? QString() : QStringLiteral("expected a number");
    if (type == QLatin1String("boolean"))
        return value.isBool() ? QString() : QStringLiteral("expected true or false");
    if (type == QLatin1String("date")) {
        static const QRegularExpression shape(QStringLiteral(R"(^\d{4}-\d{2}-\d{2}$)"));
        const QString text = value.toString();
        return value.isString() && shape.match(text).hasMatch() &&
                       QDate::fromString(text, Qt::ISODate).isValid()
                   ? QString()
                   : QStringLiteral("expected a date (YYYY-MM-DD)");
    }
    if (type == QLatin1String("datetime")) {
        static const QRegularExpression shape(QStringLiteral(
            R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$)"));
        return value.isString() && shape.match(value.toString()).hasMatch()
                   ? QString()
                   : QStringLiteral("expected an ISO 8601 date-time with a time zone");
    }
    if (isMultiSelect(field))
        return value.isArray() ? QString() : QStringLiteral("expected a list of option values");
    if (type == QLatin1String("enum"))
        return value.isString() || value.isDouble() ? QString()
                                                    : QStringLiteral("expected one option value");
    if (type == QLatin1String("string") || type == QLatin1String("text") ||
        type == QLatin1String("rich_text"))
        return value.isString() ? QString() : QStringLiteral("expected text");
    return {}; // time, file, address: not checked
}

} // namespace crmdesk::sandbox
