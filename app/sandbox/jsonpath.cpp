#include "sandbox/jsonpath.h"

#include <QJsonArray>

namespace crmdesk::sandbox {

QStringList pathFrom(const QJsonValue &spec)
{
    if (spec.isArray()) {
        QStringList path;
        for (const QJsonValue &key : spec.toArray())
            path.append(key.toString());
        return path;
    }
    const QString text = spec.toString();
    return text.isEmpty() ? QStringList() : text.split(u'.');
}

QString pathText(const QStringList &path)
{
    return path.join(u'.');
}

std::optional<QJsonValue> valueAt(const QJsonObject &object, const QStringList &path)
{
    if (path.isEmpty())
        return QJsonValue(object);
    QJsonObject current = object;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const auto it = current.constFind(path.at(i));
        if (it == current.constEnd())
            return std::nullopt;
        if (i == path.size() - 1)
            return it.value();
        if (!it.value().isObject())
            return std::nullopt;
        current = it.value().toObject();
    }
    return std::nullopt;
}

void setValueAt(QJsonObject &object, const QStringList &path, const QJsonValue &value)
{
    if (path.isEmpty()) {
        if (value.isObject())
            object = value.toObject();
        return;
    }
    if (path.size() == 1) {
        object.insert(path.first(), value);
        return;
    }
    QJsonObject child = object.value(path.first()).toObject();
    setValueAt(child, path.mid(1), value);
    object.insert(path.first(), child);
}

void removeValueAt(QJsonObject &object, const QStringList &path)
{
    if (path.isEmpty())
        return;
    if (path.size() == 1) {
        object.remove(path.first());
        return;
    }
    if (!object.value(path.first()).isObject())
        return;
    QJsonObject child = object.value(path.first()).toObject();
    removeValueAt(child, path.mid(1));
    object.insert(path.first(), child);
}

QJsonObject deepMerge(const QJsonObject &base, const QJsonObject &overlay)
{
    QJsonObject merged = base;
    for (auto it = overlay.constBegin(); it != overlay.constEnd(); ++it) {
        const QJsonValue existing = merged.value(it.key());
        if (existing.isObject() && it.value().isObject())
            merged.insert(it.key(), deepMerge(existing.toObject(), it.value().toObject()));
        else
            merged.insert(it.key(), it.value());
    }
    return merged;
}


} // namespace crmdesk::sandbox
