#include "api/errortext.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace crmdesk::errortext {

namespace {

// Longest provider text quoted into an error sentence; the inspector shows the whole body.
constexpr qsizetype kMaxQuotedChars = 300;

QString asSentence(const QString &text)
{
    if (text.isEmpty())
        return text;
    const QChar last = text.back();
    if (last == QLatin1Char('.') || last == QLatin1Char('!') || last == QLatin1Char('?')
        || last == QChar(0x2026))
        return text;
    return text + QLatin1Char('.');
}

QString quoted(const QString &text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

// The message of a body that is not a Truto envelope (a proxy's HTML page, a plain-text error).
QString messageInForeignBody(const QByteArray &body, const QByteArray &contentType)
{
    if (body.trimmed().isEmpty())
        return {};
    const QByteArray mediaType = contentType.split(';').first().trimmed().toLower();
    if (mediaType == "text/html") {
        static const QRegularExpression title(QStringLiteral("<title[^>]*>([^<]*)</title>"),
                                              QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch match = title.match(QString::fromUtf8(body));
        return match.hasMatch() ? quotable(match.captured(1)) : QString();
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError) {
        return messageInJson(document.isObject() ? QJsonValue(document.object())
                                                 : QJsonValue(document.array()));
    }
    if (mediaType.startsWith("text/") || mediaType.isEmpty())
        return quotable(QString::fromUtf8(body));
    return {};
}

} // namespace

QString quotable(const QString &text)
{
    const QString simplified = text.simplified();
    if (simplified.size() <= kMaxQuotedChars)
        return simplified;
    return simplified.left(kMaxQuotedChars) + QChar(0x2026);
}

QString messageInJson(const QJsonValue &value)
{
    if (value.isString())
        return quotable(value.toString());
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return array.isEmpty() ? QString() : messageInJson(array.first());
    }
    if (!value.isObject())
        return {};
    const QJsonObject object = value.toObject();
    static const char *const keys[] = {"message",     "msg",    "errorMessage",      "error_message",
                                       "description", "detail", "error_description", "summary",
                                       "title",       "error",  "errors"};
    for (const char *key : keys) {
        const QJsonValue field = object.value(QLatin1String(key));
        const QString found = (field.isString() || field.isObject() || field.isArray())
                                  ? messageInJson(field)
                                  : QString();
        if (!found.isEmpty())
            return found;
    }
    return {};
}

QString standardReasonPhrase(int status)
{
    switch (status) {
    case 200: return QStringLiteral("OK");
    case 201: return QStringLiteral("Created");
    case 202: return QStringLiteral("Accepted");
    case 204: return QStringLiteral("No Content");
    case 301: return QStringLiteral("Moved Permanently");
    case 302: return QStringLiteral("Found");
    case 303: return QStringLiteral("See Other");
    case 304: return QStringLiteral("Not Modified");
    case 307: return QStringLiteral("Temporary Redirect");
    case 308: return QStringLiteral("Permanent Redirect");
    case 400: return QStringLiteral("Bad Request");
    case 401: return QStringLiteral("Unauthorized");
    case 403: return QStringLiteral("Forbidden");
    case 404: return QStringLiteral("Not Found");
    case 405: return QStringLiteral("Method Not Allowed");
    case 408: return QStringLiteral("Request Timeout");
    case 409: return QStringLiteral("Conflict");
    case 410: return QStringLiteral("Gone");
    case 413: return QStringLiteral("Content Too Large");
    case 415: return QStringLiteral("Unsupported Media Type");
    case 422: return QStringLiteral("Unprocessable Entity");
    case 429: return QStringLiteral("Too Many Requests");
    case 500: return QStringLiteral("Internal Server Error");
    case 501: return QStringLiteral("Not Implemented");
    case 502: return QStringLiteral("Bad Gateway");
    case 503: return QStringLiteral("Service Unavailable");
    case 504: return QStringLiteral("Gateway Timeout");
    default: return {};
    }
}

QString statusLine(int status, const QByteArray &reasonPhrase, const std::optional<TrutoError> &error)
{
    QString reason = QString::fromLatin1(reasonPhrase).trimmed();
    if (reason.isEmpty() && error)
        reason = error->error.trimmed();
    if (reason.isEmpty())
        reason = standardReasonPhrase(status);
    return reason.isEmpty() ? QString::number(status)
                            : QString::number(status) + QLatin1Char(' ') + reason;
}

QString statusAdvice(int status, const std::optional<TrutoError> &error)
{
    const bool remote = error && error->isRemoteError;
    switch (status) {
    case 400:
        return error && !error->missingRequiredBodyFields.isEmpty()
                   ? QStringLiteral("Fill in the missing fields and save again.")
                   : QStringLiteral("Truto rejected the request before it reached the provider.");
    case 401:
        // The same status means two different things (§8.1): whose credentials failed decides
        // what the user must fix.
        return remote ? QStringLiteral("The provider rejected this account's credentials: "
                                       "reconnect the account in Truto.")
                      : QStringLiteral("The Truto API token is missing, wrong or expired: "
                                       "check the token in Settings.");
    case 403:
        if (error && !error->missingScopes.isEmpty())
            return QStringLiteral("The account lacks the permissions %1: reconnect it and grant them.")
                .arg(error->missingScopes.join(QStringLiteral(", ")));
        return QStringLiteral("This token or account is not allowed to do this.");
    case 404:
        return QStringLiteral("Either the record does not exist, or the integrated account or its "
                              "environment is not visible to this token.");
    case 405:
        return QStringLiteral("Sandbox accounts are read-only: Truto refuses every change to them. "
                              "Use a non-sandbox account to save.");
    case 409:
        return QStringLiteral("The provider reports a duplicate (for example an e-mail address "
                              "already in use); this is not an edit conflict.");
    case 422:
        return QStringLiteral("The provider's validation rejected the change: correct the values "
                              "and save again.");
    case 429:
        return QStringLiteral("Too many requests: wait a moment and try again.");
    case 500:
        return remote ? QStringLiteral("The provider is failing; try again later.")
                      : QStringLiteral("Truto failed while handling the request; try again later.");
    case 502:
    case 504:
        return QStringLiteral("Truto reached the provider but got no clean answer; try again later.");
    case 503:
        return QStringLiteral("The integrated account is blocked: contact Truto support.");
    default:
        if (status >= 500 && remote)
            return QStringLiteral("The provider is failing; try again later.");
        return {};
    }
}

QString httpError(const SentRequest &request, int status, const QByteArray &reasonPhrase,
                  const std::optional<TrutoError> &error, const QByteArray &body,
                  const QByteArray &contentType)
{
    QString text = QStringLiteral("Server replied %1 to %2")
                       .arg(quoted(statusLine(status, reasonPhrase, error)), quoted(request.summary()));
    const QString message = error ? error->bestMessage() : messageInForeignBody(body, contentType);
    text += message.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + asSentence(message);
    if (error && !error->missingRequiredBodyFields.isEmpty())
        text += QStringLiteral(" Missing required fields: %1.")
                    .arg(error->missingRequiredBodyFields.join(QStringLiteral(", ")));
    if (error && !error->missingRequiredQueryParameters.isEmpty())
        text += QStringLiteral(" Missing required query parameters: %1.")
                    .arg(error->missingRequiredQueryParameters.join(QStringLiteral(", ")));
    const QString advice = statusAdvice(status, error);
    if (!advice.isEmpty())
        text += QLatin1Char(' ') + advice;
    return text;
}

QString invalidJson(const SentRequest &request, int status, const QByteArray &reasonPhrase,
                    const QByteArray &contentType, const QString &parseError)
{
    const QString line = statusLine(status, reasonPhrase, std::nullopt);
    if (parseError.isEmpty())
        return QStringLiteral("Server replied %1 to %2 with an empty body, although its "
                              "Content-Type is %3.")
            .arg(quoted(line), quoted(request.summary()), quoted(QString::fromLatin1(contentType)));
    return QStringLiteral("Server replied %1 to %2 with a body that is not valid JSON, although "
                          "its Content-Type is %3: %4.")
        .arg(quoted(line), quoted(request.summary()), quoted(QString::fromLatin1(contentType)),
             parseError);
}

QString transportError(const SentRequest &request, const TransportFailure &failure)
{
    const QString call = quoted(request.summary());
    const QString host = request.url.port() > 0
                             ? request.url.host() + QLatin1Char(':') + QString::number(request.url.port())
                             : request.url.host();
    const QString why = failure.detail.isEmpty() ? QString() : QStringLiteral(": ") + failure.detail;
    switch (failure.kind) {
    case ErrorKind::Timeout: {
        const QString limit = failure.timeoutMs < 1000
                                  ? QStringLiteral("%1 ms").arg(failure.timeoutMs)
                                  : QStringLiteral("%1 s").arg((failure.timeoutMs + 999) / 1000);
        const QString what = failure.answerStarted
                                 ? QStringLiteral("The answer to %1 stalled: nothing more arrived for %2")
                                       .arg(call, limit)
                                 : QStringLiteral("No answer to %1 within %2").arg(call, limit);
        return what + QStringLiteral(". The server or the provider is slow or unreachable; try "
                                     "again, or raise the timeout in Settings.");
    }
    case ErrorKind::Cancelled:
        return QStringLiteral("%1 was cancelled.").arg(call);
    case ErrorKind::ConnectionRefused:
        return QStringLiteral("Could not connect to %1 for %2: the connection was refused. Check "
                              "that the server is running and the base URL is right.")
            .arg(host, call);
    case ErrorKind::HostNotFound:
        return QStringLiteral("Could not find the host %1 for %2. Check the base URL and the "
                              "network connection.")
            .arg(quoted(request.url.host()), call);
    case ErrorKind::Tls:
        return QStringLiteral("The secure connection to %1 for %2 failed%3. Nothing was sent: "
                              "check the base URL and that the server's certificate is trusted.")
            .arg(host, call, why);
    case ErrorKind::ConnectionClosed: {
        QString text = QStringLiteral("The connection closed in the middle of the answer to %1")
                           .arg(call);
        if (failure.bytesReceived > 0)
            text += QStringLiteral(", after %1 bytes").arg(failure.bytesReceived);
        text += QLatin1Char('.');
        if (request.method != "GET")
            text += QStringLiteral(" The change may or may not have been saved: reload the record "
                                   "to check.");
        return text;
    }
    case ErrorKind::LocalWrite:
        return QStringLiteral("Could not write the answer to %1 to its destination%2.").arg(call, why);
    case ErrorKind::Network:
    default:
        return QStringLiteral("Network error during %1%2.").arg(call, why);
    }
}

QString attemptsNote(int attempts)
{
    return attempts > 1 ? QStringLiteral(" Tried %1 times.").arg(attempts) : QString();
}

} // namespace crmdesk::errortext
