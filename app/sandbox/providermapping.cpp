#include "sandbox/providermapping.h"

#include "sandbox/customfieldcatalog.h"
#include "sandbox/datetimeformat.h"
#include "sandbox/jsonpath.h"

#include <QRegularExpression>

#include <cmath>

namespace crmdesk::sandbox {

namespace {

using Transform = FieldMapping::Transform;

const QHash<QString, Transform> &transformNames()
{
    static const QHash<QString, Transform> names{
        {QStringLiteral("copy"), Transform::Copy},
        {QStringLiteral("string"), Transform::String},
        {QStringLiteral("number"), Transform::Number},
        {QStringLiteral("datetime"), Transform::DateTime},
        {QStringLiteral("enum"), Transform::Enum},
        {QStringLiteral("name_part"), Transform::NamePart},
        {QStringLiteral("ref"), Transform::Ref},
        {QStringLiteral("refs"), Transform::Refs},
        {QStringLiteral("ref_list"), Transform::RefList},
        {QStringLiteral("first_ref"), Transform::FirstRef},
        {QStringLiteral("objects"), Transform::Objects},
        {QStringLiteral("first_object"), Transform::FirstObject},
        {QStringLiteral("flat_object"), Transform::FlatObject},
        {QStringLiteral("first_value"), Transform::FirstValue},
        {QStringLiteral("values"), Transform::Values},
        {QStringLiteral("custom_fields"), Transform::CustomFields},
        {QStringLiteral("custom_field_list"), Transform::CustomFieldList},
    };
    return names;
}

const QJsonValue kUndefined(QJsonValue::Undefined);
const QJsonValue kNull(QJsonValue::Null);

// Unified ids are strings; providers often use numbers.
QJsonValue idText(const QJsonValue &value)
{
    if (!value.isDouble())
        return value;
    const double number = value.toDouble();
    if (number == std::floor(number) && std::abs(number) < 1e15)
        return QString::number(qint64(number));
    return QString::number(number, 'g', 17);
}

QString numberText(double number)
{
    return QString::number(number, 'g', 15);
}

// A value written into a native record takes the type the provider uses there: the declared
// native type, else the type of the value already there ("42" stays text, 42 stays a number).
QJsonValue coerceLike(const QJsonValue &value, const QJsonValue &existing,
                      const QString &nativeType = {})
{
    const bool wantNumber =
        nativeType == QLatin1String("number") || (nativeType.isEmpty() && existing.isDouble());
    const bool wantString =
        nativeType == QLatin1String("string") || (nativeType.isEmpty() && existing.isString());
    if (wantNumber && value.isString()) {
        bool ok = false;
        const double number = value.toString().toDouble(&ok);
        if (ok)
            return number;
    }
    if (wantString && value.isDouble())
        return idText(value);
    if (existing.isBool() && value.isString()) {
        if (value.toString() == QLatin1String("true"))
            return true;
        if (value.toString() == QLatin1String("false"))
            return false;
    }
    return value;
}

// What "no value" looks like where the provider keeps a field: "" stays "", [] stays [].
QJsonValue emptyLike(const QJsonValue &existing)
{
    if (existing.isString())
        return QString();
    if (existing.isArray())
        return QJsonArray();
    return kNull;
}

QJsonValue idFrom(const QJsonValue &reference)
{
    return reference.isObject() ? reference.toObject().value(QLatin1String("id")) : reference;
}

QJsonObject readItem(const QJsonObject &nativeItem, const QList<FieldMapping::Item> &items)
{
    QJsonObject out;
    for (const FieldMapping::Item &item : items) {
        const std::optional<QJsonValue> value = valueAt(nativeItem, item.nativePath);
        if (value) {
            out.insert(item.unifiedKey,
                       item.unifiedKey == QLatin1String("id") ? idText(*value) : *value);
        }
    }
    return out;
}

// A unified item replaces the native one: mapped keys it leaves out are cleared; keys the
// mapping does not know (a provider's "primary" flag, its own ids) are kept.
void writeItem(QJsonObject &nativeItem, const QJsonObject &unifiedItem,
               const QList<FieldMapping::Item> &items, const QString &nativeIdType)
{
    for (const FieldMapping::Item &item : items) {
        const std::optional<QJsonValue> existing = valueAt(nativeItem, item.nativePath);
        if (unifiedItem.contains(item.unifiedKey)) {
            const QString type = item.unifiedKey == QLatin1String("id") ? nativeIdType : QString();
            setValueAt(nativeItem, item.nativePath,
                       coerceLike(unifiedItem.value(item.unifiedKey), existing.value_or(kUndefined),
                                  type));
        } else if (existing) {
            setValueAt(nativeItem, item.nativePath, kNull);
        }
    }
}

QString customFieldName(const QJsonValue &definition)
{
    return definition.toObject().value(QLatin1String("name")).toString();
}

QJsonObject customFieldDefinition(const QJsonArray &customFields, const QString &name)
{
    for (const QJsonValue &definition : customFields) {
        if (customFieldName(definition) == name)
            return definition.toObject();
    }
    return {};
}

// A custom field value the account defines and accepts, with its definition.
struct AcceptedCustomField
{
    QString name;
    QJsonValue value;
    QJsonObject definition;
};

// Checks a unified custom_fields object against the account's definitions, as the provider
// would: unknown names are dropped (and reported in `ignored`), a value the definition refuses
// rejects the whole PATCH (`rejection`).
QList<AcceptedCustomField> acceptedCustomFields(const QJsonArray &customFields, const QJsonObject &values,
                                                QStringList *ignored, QString *rejection)
{
    QList<AcceptedCustomField> accepted;
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        const QJsonObject definition = customFieldDefinition(customFields, it.key());
        if (definition.isEmpty()) {
            ignored->append(QStringLiteral("custom_fields.") + it.key());
            continue;
        }
        *rejection = CustomFieldCatalog::rejectionOf(definition, it.value());
        if (!rejection->isEmpty())
            return {};
        accepted.append({it.key(), it.value(), definition});
    }
    return accepted;
}

bool matchesWhen(const FieldMapping &field, const QJsonObject &native)
{
    for (const auto &[path, expected] : field.when) {
        if (valueAt(native, path).value_or(kUndefined) != expected)
            return false;
    }
    return true;
}

std::optional<QJsonValue> readField(const FieldMapping &field, const QJsonObject &native,
                                    const QJsonArray &customFields)
{
    if (!matchesWhen(field, native))
        return std::nullopt;

    if (field.transform == Transform::CustomFields) {
        const std::optional<QJsonValue> container = valueAt(native, field.nativePath);
        if (!container || !container->isObject())
            return std::nullopt;
        const QJsonObject values = container->toObject();
        QJsonObject out;
        for (const QJsonValue &definition : customFields) {
            const QString name = customFieldName(definition);
            if (values.contains(name))
                out.insert(name, values.value(name));
        }
        return out;
    }
    if (field.transform == Transform::FlatObject) {
        const std::optional<QJsonValue> container = valueAt(native, field.nativePath);
        if (!container)
            return std::nullopt;
        const QJsonObject item = readItem(container->toObject(), field.items);
        return isEmptyValue(item) ? QJsonArray() : QJsonArray{item};
    }

    const std::optional<QJsonValue> raw = valueAt(native, field.nativePath);
    if (!raw)
        return std::nullopt;
    const QJsonValue &value = *raw;

    switch (field.transform) {
    case Transform::Copy:
        return value;
    case Transform::String:
        return idText(value);
    case Transform::Number: {
        bool ok = value.isDouble();
        double number = value.toDouble();
        if (value.isString())
            number = value.toString().toDouble(&ok);
        return ok ? QJsonValue(number / field.scale) : value;
    }
    case Transform::DateTime: {
        if (value.isNull() || (value.isString() && value.toString().isEmpty()))
            return value;
        const std::optional<QDateTime> parsed = DateTimeFormat::parseNative(value, field.format);
        return parsed ? QJsonValue(DateTimeFormat::toUnified(*parsed)) : value;
    }
    case Transform::Enum:
        for (const auto &[unified, nativeValue] : field.enumValues) {
            if (nativeValue == value)
                return unified;
        }
        return value;
    case Transform::NamePart: {
        if (!value.isString())
            return value;
        const QString full = value.toString().trimmed();
        const qsizetype space = full.indexOf(u' ');
        if (field.part == QLatin1String("first"))
            return space < 0 ? full : full.left(space);
        return space < 0 ? QString() : full.mid(space + 1).trimmed();
    }
    case Transform::Ref:
        return value.isNull() ? value : QJsonObject{{QStringLiteral("id"), idText(value)}};
    case Transform::Refs: {
        QJsonArray out;
        for (const QJsonValue &id : value.toArray())
            out.append(QJsonObject{{QStringLiteral("id"), idText(id)}});
        return out;
    }
    case Transform::RefList:
        if (isEmptyValue(value))
            return QJsonArray();
        return QJsonArray{QJsonObject{{QStringLiteral("id"), idText(value)}}};
    case Transform::FirstRef: {
        const QJsonArray ids = value.toArray();
        if (ids.isEmpty() || ids.first().isNull())
            return kNull;
        return QJsonObject{{QStringLiteral("id"), idText(ids.first())}};
    }
    case Transform::Objects: {
        QJsonArray out;
        for (const QJsonValue &item : value.toArray())
            out.append(readItem(item.toObject(), field.items));
        return out;
    }
    case Transform::FirstObject: {
        const QJsonArray items = value.toArray();
        if (items.isEmpty())
            return kNull;
        return readItem(items.first().toObject(), field.items);
    }
    case Transform::FirstValue: {
        if (isEmptyValue(value))
            return QJsonArray();
        QJsonObject item{{field.key, value}};
        if (!field.typeConstant.isEmpty())
            item.insert(QStringLiteral("type"), field.typeConstant);
        return QJsonArray{item};
    }
    case Transform::Values: {
        QJsonArray scalars = value.toArray();
        if (value.isString() && !field.separator.isEmpty()) {
            const QStringList parts = value.toString().split(field.separator, Qt::SkipEmptyParts);
            scalars = QJsonArray::fromStringList(parts);
        }
        QJsonArray out;
        for (const QJsonValue &scalar : std::as_const(scalars))
            out.append(QJsonObject{{field.key, scalar}});
        return out;
    }
    case Transform::CustomFieldList: {
        QJsonObject out;
        for (const QJsonValue &entry : value.toArray()) {
            const QString name =
                valueAt(entry.toObject(), field.nameKey).value_or(kNull).toString();
            if (!customFieldDefinition(customFields, name).isEmpty())
                out.insert(name, valueAt(entry.toObject(), field.valueKey).value_or(kNull));
        }
        return out;
    }
    case Transform::CustomFields:
    case Transform::FlatObject:
        break;
    }
    return value;
}

// Writes one unified value into the native record; returns why the provider would refuse it.
QString writeField(const FieldMapping &field, QJsonObject &native, const QJsonValue &value,
                   const QJsonArray &customFields, QStringList *ignored)
{
    if (!field.when.isEmpty()) {
        // One native slot shared by several unified fields (a note's "resource_type" and
        // "resource_id"): writing a value also sets the discriminator; clearing only clears the
        // slot when it currently holds this field.
        if (isEmptyValue(value)) {
            if (matchesWhen(field, native))
                setValueAt(native, field.nativePath, kNull);
            return {};
        }
        for (const auto &[path, expected] : field.when)
            setValueAt(native, path, expected);
    }

    const QJsonValue existing = valueAt(native, field.nativePath).value_or(kUndefined);
    const auto set = [&](const QJsonValue &newValue) {
        setValueAt(native, field.nativePath, newValue);
    };
    const QString where = pathText(field.nativePath);

    switch (field.transform) {
    case Transform::Copy:
    case Transform::String:
        set(coerceLike(value, existing, field.nativeType));
        return {};
    case Transform::Number: {
        if (value.isNull()) {
            set(kNull);
            return {};
        }
        bool ok = value.isDouble();
        double number = value.toDouble();
        if (value.isString())
            number = value.toString().toDouble(&ok);
        if (!ok)
            return QStringLiteral("%1 expects a number").arg(where);
        number *= field.scale;
        set(existing.isString() ? QJsonValue(numberText(number)) : QJsonValue(number));
        return {};
    }
    case Transform::DateTime: {
        if (isEmptyValue(value)) {
            set(emptyLike(existing));
            return {};
        }
        const std::optional<QDateTime> parsed =
            value.isDouble() ? DateTimeFormat::parseNative(value, QStringLiteral("epoch_ms"))
                             : DateTimeFormat::parse(value.toString());
        if (!parsed)
            return QStringLiteral("'%1' is not an ISO 8601 date-time").arg(value.toString());
        set(DateTimeFormat::toNative(*parsed, field.format, existing));
        return {};
    }
    case Transform::Enum: {
        if (value.isNull()) {
            set(kNull);
            return {};
        }
        QStringList allowed;
        for (const auto &[unified, nativeValue] : field.enumValues) {
            if (unified == value.toString()) {
                set(nativeValue);
                return {};
            }
            allowed.append(unified);
        }
        return QStringLiteral("'%1' is not a valid value for %2 (expected one of: %3)")
            .arg(value.toString(), where, allowed.join(QLatin1String(", ")));
    }
    case Transform::NamePart: {
        const QString full = existing.toString().trimmed();
        const qsizetype space = full.indexOf(u' ');
        QString first = space < 0 ? full : full.left(space);
        QString last = space < 0 ? QString() : full.mid(space + 1).trimmed();
        (field.part == QLatin1String("first") ? first : last) = value.toString().trimmed();
        set(QStringList{first, last}.join(u' ').trimmed());
        return {};
    }
    case Transform::Ref:
        set(isEmptyValue(value) ? kNull : coerceLike(idFrom(value), existing, field.nativeType));
        return {};
    case Transform::Refs: {
        const QJsonArray current = existing.toArray();
        const QJsonValue example = current.isEmpty() ? kUndefined : current.first();
        QJsonArray ids;
        for (const QJsonValue &reference : value.toArray())
            ids.append(coerceLike(idFrom(reference), example, field.nativeType));
        set(ids.isEmpty() ? emptyLike(existing) : QJsonValue(ids));
        return {};
    }
    case Transform::RefList: {
        const QJsonArray references = value.toArray();
        if (references.isEmpty() || isEmptyValue(references.first())) {
            set(emptyLike(existing.isString() ? existing : kNull));
            return {};
        }
        set(coerceLike(idFrom(references.first()), existing, field.nativeType));
        return {};
    }
    case Transform::FirstRef: {
        QJsonArray ids = existing.toArray();
        if (isEmptyValue(value)) {
            if (!ids.isEmpty())
                ids.removeFirst();
            set(ids);
            return {};
        }
        const QJsonValue id =
            coerceLike(idFrom(value), ids.isEmpty() ? kUndefined : ids.first(), field.nativeType);
        if (ids.isEmpty())
            ids.append(id);
        else
            ids.replace(0, id);
        set(ids);
        return {};
    }
    case Transform::Objects: {
        const QJsonArray current = existing.toArray();
        QJsonArray out;
        const QJsonArray unifiedItems = value.toArray();
        for (qsizetype i = 0; i < unifiedItems.size(); ++i) {
            QJsonObject nativeItem = i < current.size() && current.at(i).isObject()
                                         ? current.at(i).toObject()
                                         : field.defaults;
            writeItem(nativeItem, unifiedItems.at(i).toObject(), field.items, field.nativeType);
            out.append(nativeItem);
        }
        set(out.isEmpty() ? emptyLike(existing) : QJsonValue(out));
        return {};
    }
    case Transform::FirstObject: {
        QJsonArray current = existing.toArray();
        if (isEmptyValue(value)) {
            set(emptyLike(existing));
            return {};
        }
        QJsonObject nativeItem = !current.isEmpty() && current.first().isObject()
                                     ? current.first().toObject()
                                     : field.defaults;
        writeItem(nativeItem, value.toObject(), field.items, field.nativeType);
        if (current.isEmpty())
            current.append(nativeItem);
        else
            current.replace(0, nativeItem);
        set(current);
        return {};
    }
    case Transform::FlatObject: {
        QJsonObject container = field.nativePath.isEmpty() ? native : existing.toObject();
        const QJsonObject item =
            value.isArray() ? value.toArray().first().toObject() : value.toObject();
        if (!field.nativePath.isEmpty() && !existing.isObject() && isEmptyValue(item)) {
            set(emptyLike(existing)); // nothing there, nothing to clear: null stays null
            return {};
        }
        writeItem(container, item, field.items, field.nativeType);
        if (field.nativePath.isEmpty())
            native = container;
        else
            set(container);
        return {};
    }
    case Transform::FirstValue: {
        const QJsonArray items = value.toArray();
        const QJsonValue first =
            items.isEmpty() ? kNull : items.first().toObject().value(field.key);
        set(isEmptyValue(first) ? emptyLike(existing) : coerceLike(first, existing));
        return {};
    }
    case Transform::Values: {
        QStringList texts;
        QJsonArray scalars;
        for (const QJsonValue &item : value.toArray()) {
            const QJsonValue scalar = item.isObject() ? item.toObject().value(field.key) : item;
            if (isEmptyValue(scalar))
                continue;
            texts.append(scalar.toString());
            scalars.append(scalar);
        }
        if (scalars.isEmpty())
            set(emptyLike(existing));
        else if (!field.separator.isEmpty())
            set(texts.join(field.separator));
        else
            set(scalars);
        return {};
    }
    case Transform::CustomFields: {
        QString rejection;
        const auto accepted = acceptedCustomFields(customFields, value.toObject(), ignored, &rejection);
        if (!rejection.isEmpty())
            return rejection;
        for (const AcceptedCustomField &custom : accepted) {
            const QStringList path = field.nativePath + QStringList{custom.name};
            setValueAt(native, path, coerceLike(custom.value, valueAt(native, path).value_or(kUndefined)));
        }
        return {};
    }
    case Transform::CustomFieldList: {
        QJsonArray entries = existing.toArray();
        QString rejection;
        const auto accepted = acceptedCustomFields(customFields, value.toObject(), ignored, &rejection);
        if (!rejection.isEmpty())
            return rejection;
        for (const AcceptedCustomField &custom : accepted) {
            bool found = false;
            for (qsizetype i = 0; i < entries.size() && !found; ++i) {
                QJsonObject entry = entries.at(i).toObject();
                if (valueAt(entry, field.nameKey).value_or(kNull).toString() != custom.name)
                    continue;
                setValueAt(entry, field.valueKey, custom.value);
                entries.replace(i, entry);
                found = true;
            }
            if (!found) {
                QJsonObject entry;
                setValueAt(entry, field.nameKey, custom.name);
                if (!field.idKey.isEmpty())
                    setValueAt(entry, field.idKey, custom.definition.value(QLatin1String("id")));
                setValueAt(entry, field.valueKey, custom.value);
                entries.append(entry);
            }
        }
        set(entries);
        return {};
    }
    }
    return {};
}

QString parseField(const QJsonObject &json, FieldMapping &field)
{
    field.unified = json.value(QLatin1String("unified")).toString();
    field.unifiedPath = field.unified.split(u'.', Qt::SkipEmptyParts);
    if (field.unifiedPath.isEmpty())
        return QStringLiteral("a field has no unified path");
    field.nativePath = pathFrom(json.value(QLatin1String("native")));
    const QString transform =
        json.value(QLatin1String("transform")).toString(QStringLiteral("copy"));
    const auto it = transformNames().constFind(transform);
    if (it == transformNames().constEnd())
        return QStringLiteral("%1: unknown transform '%2'").arg(field.unified, transform);
    field.transform = it.value();
    field.format = json.value(QLatin1String("format")).toString(QStringLiteral("iso"));
    if (field.transform == Transform::DateTime && !DateTimeFormat::isKnown(field.format))
        return QStringLiteral("%1: unknown date format '%2'").arg(field.unified, field.format);
    const QJsonObject values = json.value(QLatin1String("values")).toObject();
    for (auto value = values.constBegin(); value != values.constEnd(); ++value)
        field.enumValues.append({value.key(), value.value()});
    if (field.transform == Transform::Enum && field.enumValues.isEmpty())
        return QStringLiteral("%1: an enum needs values").arg(field.unified);
    field.scale = json.value(QLatin1String("scale")).toDouble(1);
    if (field.scale == 0)
        return QStringLiteral("%1: scale 0").arg(field.unified);
    field.part = json.value(QLatin1String("part")).toString(QStringLiteral("first"));
    field.nativeType = json.value(QLatin1String("native_type")).toString();
    const QJsonObject items = json.value(QLatin1String("items")).toObject();
    for (auto item = items.constBegin(); item != items.constEnd(); ++item)
        field.items.append({item.key(), pathFrom(item.value())});
    field.defaults = json.value(QLatin1String("defaults")).toObject();
    field.key = json.value(QLatin1String("key")).toString();
    field.typeConstant = json.value(QLatin1String("type")).toString();
    field.separator = json.value(QLatin1String("separator")).toString();
    field.nameKey = pathFrom(json.value(QLatin1String("name_key")));
    field.valueKey = pathFrom(json.value(QLatin1String("value_key")));
    field.idKey = pathFrom(json.value(QLatin1String("id_key")));
    const QJsonObject when = json.value(QLatin1String("when")).toObject();
    for (auto condition = when.constBegin(); condition != when.constEnd(); ++condition)
        field.when.append({pathFrom(condition.key()), condition.value()});
    return {};
}

QJsonValue substituted(const QJsonValue &value, const QJsonObject &record)
{
    if (value.isString() && value.toString() == QLatin1String("$record"))
        return record;
    if (!value.isObject())
        return value;
    QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        it.value() = substituted(it.value(), record);
    return object;
}

} // namespace

std::optional<ProviderMapping> ProviderMapping::fromJson(const QString &provider,
                                                         const QString &resource,
                                                         const QJsonObject &json, QString *error)
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = QStringLiteral("mappings.json %1/%2: %3").arg(provider, resource, message);
        return std::nullopt;
    };
    ProviderMapping mapping;
    mapping.m_provider = provider;
    mapping.m_resource = resource;
    mapping.m_source = json;
    mapping.m_idPath = pathFrom(json.value(QLatin1String("id")));
    if (mapping.m_idPath.isEmpty())
        return fail(QStringLiteral("no id path"));
    for (const QJsonValue &value : json.value(QLatin1String("fields")).toArray()) {
        FieldMapping field;
        const QString problem = parseField(value.toObject(), field);
        if (!problem.isEmpty())
            return fail(problem);
        mapping.m_fields.append(field);
    }
    for (const QJsonValue &value : json.value(QLatin1String("touch")).toArray()) {
        const QJsonObject touch = value.toObject();
        Touch parsed{pathFrom(touch.value(QLatin1String("native"))),
                     touch.value(QLatin1String("format")).toString(QStringLiteral("iso"))};
        if (parsed.nativePath.isEmpty() || !DateTimeFormat::isKnown(parsed.format))
            return fail(QStringLiteral("a touch entry needs a native path and a known format"));
        mapping.m_touch.append(parsed);
    }
    mapping.m_versionPath = pathFrom(json.value(QLatin1String("version")));
    mapping.m_rawEnvelope = json.value(QLatin1String("raw_envelope")).toObject();
    return mapping;
}

QString ProviderMapping::idOf(const QJsonObject &native) const
{
    return idText(valueAt(native, m_idPath).value_or(kNull)).toString();
}

QJsonObject ProviderMapping::toUnified(const QJsonObject &native,
                                       const QJsonArray &customFields) const
{
    QJsonObject unified;
    for (const FieldMapping &field : m_fields) {
        const std::optional<QJsonValue> value = readField(field, native, customFields);
        if (value)
            setValueAt(unified, field.unifiedPath, *value);
    }
    return unified;
}

ProviderMapping::WriteResult ProviderMapping::write(QJsonObject &native, const QJsonObject &changes,
                                                    const QJsonArray &customFields) const
{
    WriteResult result;
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
        if (!maps(it.key()))
            result.ignored.append(it.key());
    }
    for (const FieldMapping &field : m_fields) {
        if (!changes.contains(field.unifiedPath.first()))
            continue;
        std::optional<QJsonValue> value = valueAt(changes, field.unifiedPath);
        if (!value) {
            // "owner": null clears owner.id too.
            for (qsizetype depth = 1; depth < field.unifiedPath.size() && !value; ++depth) {
                const std::optional<QJsonValue> prefix =
                    valueAt(changes, field.unifiedPath.mid(0, depth));
                if (prefix && prefix->isNull())
                    value = kNull;
            }
        }
        if (!value)
            continue;
        const QString rejection = writeField(field, native, *value, customFields, &result.ignored);
        if (!rejection.isEmpty()) {
            result.rejection = rejection;
            return result;
        }
    }
    return result;
}

void ProviderMapping::touch(QJsonObject &native, const QDateTime &now) const
{
    for (const Touch &touch : m_touch) {
        const QJsonValue existing = valueAt(native, touch.nativePath).value_or(kUndefined);
        setValueAt(native, touch.nativePath, DateTimeFormat::toNative(now, touch.format, existing));
    }
    if (m_versionPath.isEmpty())
        return;
    // The digits of a tag such as W/"4431102" count up, as Dataverse's row versions do.
    QString tag = valueAt(native, m_versionPath).value_or(kNull).toString();
    static const QRegularExpression digits(QStringLiteral("\\d+"));
    const QRegularExpressionMatch match = digits.match(tag);
    if (match.hasMatch())
        tag.replace(match.capturedStart(), match.capturedLength(),
                    QString::number(match.captured().toLongLong() + 1));
    else
        tag = QStringLiteral("W/\"1\"");
    setValueAt(native, m_versionPath, tag);
}

bool ProviderMapping::maps(const QString &field) const
{
    for (const FieldMapping &mapping : m_fields) {
        if (mapping.unifiedPath.first() == field)
            return true;
    }
    return false;
}

QStringList ProviderMapping::mappedFields() const
{
    QStringList out;
    for (const FieldMapping &mapping : m_fields) {
        if (!out.contains(mapping.unifiedPath.first()))
            out.append(mapping.unifiedPath.first());
    }
    return out;
}

QJsonObject ProviderMapping::rawBody(const QJsonObject &native) const
{
    if (m_rawEnvelope.isEmpty())
        return native;
    return substituted(m_rawEnvelope, native).toObject();
}

std::optional<MappingTable> MappingTable::fromJson(const QJsonObject &json, QString *error)
{
    MappingTable table;
    table.m_source = json;
    for (auto provider = json.constBegin(); provider != json.constEnd(); ++provider) {
        if (!provider.value().isObject())
            continue; // "about"
        table.m_providers.append(provider.key());
        const QJsonObject resources = provider.value().toObject();
        for (auto resource = resources.constBegin(); resource != resources.constEnd(); ++resource) {
            std::optional<ProviderMapping> mapping = ProviderMapping::fromJson(
                provider.key(), resource.key(), resource.value().toObject(), error);
            if (!mapping)
                return std::nullopt;
            table.m_mappings.insert(provider.key().toLower() + u'/' + resource.key(),
                                    std::move(*mapping));
        }
    }
    return table;
}

const ProviderMapping *MappingTable::find(const QString &provider, const QString &resource) const
{
    const auto it = m_mappings.constFind(provider.toLower() + u'/' + resource);
    return it != m_mappings.constEnd() ? &it.value() : nullptr;
}

QStringList MappingTable::providers() const
{
    return m_providers;
}

} // namespace crmdesk::sandbox
