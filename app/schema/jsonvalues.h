#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace crmdesk {

// Whether a value says nothing: null, absent, blank text, or a list or object of such values.
// Both the form ("required field is empty") and the sandbox ("provider-required field is
// missing") judge emptiness this way, so the two agree.
bool isEmptyValue(const QJsonValue &value);

// Reads a file that must hold one JSON object; on failure says why in `error`.
std::optional<QJsonObject> readJsonObjectFile(const QString &fileName, QString *error = nullptr);

} // namespace crmdesk
