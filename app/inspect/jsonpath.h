#pragma once

#include "inspect/jsonindex.h"

#include <QList>
#include <QString>

#include <optional>

namespace crmdesk {

// One step of a key path: an object key or an array position.
struct JsonPathStep
{
    QString key;    // used when index < 0
    int index = -1;

    bool isIndex() const { return index >= 0; }
    bool operator==(const JsonPathStep &other) const = default;
};

using JsonPath = QList<JsonPathStep>;

// Where a value sits in the bytes of an indexed body.
struct JsonLocation
{
    qint64 begin = -1;
    qint64 end = -1;
    int container = -1; // when the value is an object or array
    JsonType type = JsonType::Null;
    bool isValid() const { return begin >= 0; }
};

// Key paths as people type them: `remote_data.properties.email`, `result[0].id`,
// `headers["content-type"]`; a leading `$` or `$.` is accepted.
namespace jsonpath {

std::optional<JsonPath> parse(const QString &text);
QString format(const JsonPath &path);
// The path of a child under an already formatted parent path.
QString appendKey(const QString &parent, const QString &key);
QString appendIndex(const QString &parent, int index);

// The value at path, or an invalid location when there is none.
JsonLocation locate(const JsonIndex &index, const JsonPath &path);
// The path of the innermost value whose bytes contain offset (keys count as their value).
JsonPath pathAtOffset(const JsonIndex &index, qint64 offset);

} // namespace jsonpath
} // namespace crmdesk
