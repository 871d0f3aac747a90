#include "sandbox/requestlimits.h"

#include "schema/resourceschema.h"

#include <QJsonValue>

namespace crmdesk::sandbox {

namespace {

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("null");
    }
}

// The JSON type a documented type asks for, in words, and whether `value` has it.
std::optional<QString> expectedType(const FieldSpec &field, const QJsonValue &value)
{
    if (value.isNull())
        return std::nullopt;
    if (field.isArray())
        return value.isArray() ? std::nullopt : std::optional(QStringLiteral("an array"));
    if (field.isObject() || field.isFreeForm())
        return value.isObject() ? std::nullopt : std::optional(QStringLiteral("an object"));
    if (field.type == QLatin1String("string"))
        return value.isString() ? std::nullopt : std::optional(QStringLiteral("a string"));
    if (field.type == QLatin1String("number"))
        return value.isDouble() ? std::nullopt : std::optional(QStringLiteral("a number"));
    if (field.type == QLatin1String("boolean"))
        return value.isBool() ? std::nullopt : std::optional(QStringLiteral("a boolean"));
    return std::nullopt; // a type the pages spell another way: not checked
}

bool isJsonMediaType(const QByteArray &contentType)
{
    const QByteArray mediaType = contentType.split(';').first().trimmed().toLower();
    return mediaType == "application/json" || mediaType.endsWith("+json");
}

} // namespace

std::optional<SandboxReply> limitViolation(const SandboxRequest &request)
{
    if (request.body.size() > RequestLimits::kMaxBodyBytes)
        return errorReply(413, QStringLiteral("The request body is %1 bytes; the sandbox accepts at most %2")
                                   .arg(request.body.size())
                                   .arg(RequestLimits::kMaxBodyBytes));
    for (const QString &segment : request.path) {
        if (segment.size() > RequestLimits::kMaxPathSegment)
            return errorReply(414, QStringLiteral("A path segment is %1 characters long; the sandbox accepts at "
                                                  "most %2")
                                       .arg(segment.size())
                                       .arg(RequestLimits::kMaxPathSegment));
    }
    if (request.encodedQuery.count('&') + 1 > RequestLimits::kMaxQueryParameters)
        return errorReply(400, QStringLiteral("The query has more than %1 parameters")
                                   .arg(RequestLimits::kMaxQueryParameters));
    return std::nullopt;
}

std::optional<SandboxReply> patchBodyViolation(const SandboxRequest &request)
{
    if (request.body.trimmed().isEmpty())
        return std::nullopt;
    const QByteArray contentType = request.header("content-type");
    if (!isJsonMediaType(contentType))
        return errorReply(415, QStringLiteral("The request body must be JSON (Content-Type: application/json), "
                                              "not %1")
                                   .arg(contentType.isEmpty() ? QStringLiteral("untyped")
                                                              : QString::fromLatin1(contentType)));
    if (jsonDepth(request.body) > RequestLimits::kMaxJsonDepth)
        return errorReply(400, QStringLiteral("The request body nests deeper than %1 levels")
                                   .arg(RequestLimits::kMaxJsonDepth));
    return std::nullopt;
}

int jsonDepth(const QByteArray &json)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : json) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

QStringList typeMismatches(const ResourceSchema &schema, const QJsonObject &body)
{
    QStringList mismatches;
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        const FieldSpec *field = schema.find(Section::Body, it.key());
        if (!field)
            continue; // unknown fields are ignored, as the real API does (contract §13)
        if (const std::optional<QString> expected = expectedType(*field, it.value()))
            mismatches.append(QStringLiteral("%1: expected %2, got %3").arg(it.key(), *expected, typeName(it.value())));
    }
    return mismatches;
}

} // namespace crmdesk::sandbox
