#include "api/apiresult.h"

#include "api/errortext.h"

#include <QJsonArray>
#include <QJsonObject>

namespace crmdesk {

namespace {

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (item.isString())
            out.append(item.toString());
    }
    return out;
}

} // namespace

std::optional<TrutoError> TrutoError::fromBody(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    // Every envelope carries statusCode, error and message (§7); any one of them is enough to
    // recognise it, so that a provider's slightly different body is still read.
    if (!object.contains(QLatin1String("statusCode")) && !object.contains(QLatin1String("error"))
        && !object.contains(QLatin1String("message")))
        return std::nullopt;

    TrutoError error;
    error.statusCode = object.value(QLatin1String("statusCode")).toInt();
    const QJsonValue errorName = object.value(QLatin1String("error"));
    error.error = errorName.isString() ? errorName.toString() : QString();
    error.message = object.value(QLatin1String("message")).toString();
    error.isRemoteError = object.value(QLatin1String("truto_is_remote_error")).toBool();
    error.rawResponse = object.value(QLatin1String("raw_response"));
    error.insight = object.value(QLatin1String("truto_error_insight"));
    error.details = object.value(QLatin1String("details"));

    const QJsonObject insight = error.insight.toObject();
    error.missingRequiredBodyFields = stringList(
        insight.value(QLatin1String("missing_required_body_fields")).toObject().value(QLatin1String("value")));
    error.missingRequiredQueryParameters = stringList(
        insight.value(QLatin1String("missing_required_query_parameters")).toObject().value(QLatin1String("value")));
    error.missingScopes = stringList(insight.value(QLatin1String("forbidden_error"))
                                         .toObject()
                                         .value(QLatin1String("value"))
                                         .toObject()
                                         .value(QLatin1String("missing_scopes")));
    return error;
}

QString TrutoError::bestMessage() const
{
    if (!message.trimmed().isEmpty())
        return errortext::quotable(message);
    const QString fromRaw = errortext::messageInJson(rawResponse);
    if (!fromRaw.isEmpty())
        return fromRaw;
    // No message-like field at all: quote the provider's body itself rather than say nothing.
    if (rawResponse.isObject() || rawResponse.isArray()) {
        const QJsonDocument document = rawResponse.isObject() ? QJsonDocument(rawResponse.toObject())
                                                              : QJsonDocument(rawResponse.toArray());
        return errortext::quotable(QString::fromUtf8(document.toJson(QJsonDocument::Compact)));
    }
    return {};
}

QByteArray headerValue(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray SentRequest::header(const QByteArray &name) const
{
    return headerValue(headers, name);
}

QString SentRequest::summary() const
{
    return QString::fromLatin1(method) + QLatin1Char(' ') + url.path(QUrl::FullyEncoded);
}

QByteArray ApiResult::header(const QByteArray &name) const
{
    return headerValue(headers, name);
}

bool ApiResult::isJson() const
{
    return isJsonContentType(header("content-type"));
}

bool isJsonContentType(const QByteArray &contentType)
{
    const QByteArray mediaType = contentType.split(';').first().trimmed().toLower();
    return mediaType == "application/json" || mediaType == "text/json"
           || (mediaType.endsWith("+json") && mediaType.contains('/'));
}

QString toString(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return QStringLiteral("OK");
    case ErrorKind::Http:
        return QStringLiteral("HTTP error");
    case ErrorKind::Timeout:
        return QStringLiteral("Timed out");
    case ErrorKind::Cancelled:
        return QStringLiteral("Cancelled");
    case ErrorKind::ConnectionRefused:
        return QStringLiteral("Connection refused");
    case ErrorKind::HostNotFound:
        return QStringLiteral("Host not found");
    case ErrorKind::Tls:
        return QStringLiteral("Secure connection failed");
    case ErrorKind::ConnectionClosed:
        return QStringLiteral("Connection closed");
    case ErrorKind::Network:
        return QStringLiteral("Network error");
    case ErrorKind::InvalidResponse:
        return QStringLiteral("Invalid response");
    case ErrorKind::LocalWrite:
        return QStringLiteral("Could not save the response");
    }
    return {};
}

} // namespace crmdesk
