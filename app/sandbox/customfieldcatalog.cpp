#include "sandbox/customfieldcatalog.h"

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
    if (!field.value(QLatin1String("is_editable")).toBool(true))
        return QStringLiteral("Field %1 is read-only").arg(name);
    if (type == QLatin1String("number")) {
        bool ok = value.isDouble();
        if (value.isString())
            value.toString().toDouble(&ok);
        if (!ok)
            return QStringLiteral("Field %1 expects a number").arg(name);
    } else if (type == QLatin1String("boolean")) {
        if (!value.isBool())
            return QStringLiteral("Field %1 expects true or false").arg(name);
    } else if (type == QLatin1String("enum")) {
        const QJsonArray options = field.value(QLatin1String("options")).toArray();
        for (const QJsonValue &option : options) {
            if (option.toObject().value(QLatin1String("value")) == value)
                return {};
        }
        return QStringLiteral("'%1' is not an option of field %2")
            .arg(value.isString() ? value.toString() : QStringLiteral("(non-text value)"), name);
    }
    return {};
}

} // namespace crmdesk::sandbox
