#include "sandbox/sandboxhttp.h"

#include "sandbox/querydecoder.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace crmdesk::sandbox {

namespace {
QByteArray headerIn(const RawHeaders &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}
} // namespace

QByteArray SandboxRequest::header(const QByteArray &name) const
{
    return headerIn(headers, name);
}

SandboxRequest SandboxRequest::fromWire(QByteArray method, QByteArray encodedPath,
                                        QByteArray encodedQuery, RawHeaders headers,
                                        QByteArray body)
{
    SandboxRequest out;
    out.method = std::move(method);
    out.encodedPath = std::move(encodedPath);
    // Split before decoding, so that an encoded "/" inside an id stays in its segment.
    const QList<QByteArray> segments = out.encodedPath.split('/');
    for (const QByteArray &segment : segments) {
        if (!segment.isEmpty())
            out.path.append(QString::fromUtf8(QByteArray::fromPercentEncoding(segment)));
    }
    out.encodedQuery = std::move(encodedQuery);
    out.query = QueryDecoder::decode(out.encodedQuery);
    out.headers = std::move(headers);
    out.body = std::move(body);
    return out;
}

QByteArray SandboxReply::header(const QByteArray &name) const
{
    return headerIn(headers, name);
}

void SandboxReply::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return;
        }
    }
    headers.append({name, value});
}

SandboxReply SandboxReply::json(int status, const QJsonValue &body)
{
    SandboxReply reply;
    reply.status = status;
    reply.body = body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    // Contract §6.4: the content type Truto sends.
    reply.setHeader("content-type", "application/json; charset=utf-8");
    return reply;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Payload Too Large";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        break;
    }
    return status < 400 ? "OK" : status < 500 ? "Client Error" : "Server Error";
}

SandboxReply errorReply(int status, const QString &message, const QJsonObject &extra)
{
    QJsonObject body{{QStringLiteral("statusCode"), status},
                     {QStringLiteral("error"), QString::fromLatin1(reasonPhrase(status))},
                     {QStringLiteral("message"), message}};
    for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
        body.insert(it.key(), it.value());
    return SandboxReply::json(status, body);
}

QJsonObject insightEntry(const QString &description, const QJsonValue &value)
{
    QJsonObject entry{{QStringLiteral("description"), description}};
    if (!value.isNull() && !value.isUndefined())
        entry.insert(QStringLiteral("value"), value);
    return entry;
}

SandboxReply remoteErrorReply(int status, const QString &message, const QJsonValue &rawResponse,
                              const QJsonObject &insight)
{
    QJsonObject allInsight = insight;
    allInsight.insert(QStringLiteral("remote_error"),
                      insightEntry(QStringLiteral("The error came from the provider's API.")));
    return errorReply(status, message,
                      {{QStringLiteral("truto_is_remote_error"), true},
                       {QStringLiteral("raw_response"), rawResponse},
                       {QStringLiteral("truto_error_insight"), allInsight}});
}

} // namespace crmdesk::sandbox
