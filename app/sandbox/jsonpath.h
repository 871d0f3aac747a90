#pragma once

#include "schema/jsonvalues.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace crmdesk::sandbox {

// Small helpers for reading and writing nested JSON by path. A path is a list of object keys;
// the mapping files write it dotted ("properties.firstname") or, for keys that contain a dot,
// as an array of keys (["@odata.etag"]).

QStringList pathFrom(const QJsonValue &spec);
QString pathText(const QStringList &path);

// The value at path; nothing when a key on the way is missing (null is a value).
std::optional<QJsonValue> valueAt(const QJsonObject &object, const QStringList &path);
// Sets the value at path, creating objects on the way (a non-object on the way is replaced).
void setValueAt(QJsonObject &object, const QStringList &path, const QJsonValue &value);
void removeValueAt(QJsonObject &object, const QStringList &path);

// Objects are merged key by key (recursively); everything else replaces what was there.
QJsonObject deepMerge(const QJsonObject &base, const QJsonObject &overlay);

// The shared notion of "empty" (schema/jsonvalues.h), so the sandbox and the form agree.
using crmdesk::isEmptyValue;

} // namespace crmdesk::sandbox
