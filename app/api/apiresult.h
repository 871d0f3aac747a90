#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace crmdesk {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// The Truto error envelope (contract §7), parsed from a non-2xx body.
struct TrutoError
{
    int statusCode = 0;
    QString error;   // "Bad Request"
    QString message; // may be empty for provider errors
    bool isRemoteError = false;
    QJsonValue rawResponse;                   // provider body, JSON or text
    QStringList missingRequiredBodyFields;    // truto_error_insight.missing_required_body_fields
    QStringList missingRequiredQueryParameters;
    QStringList missingScopes;                // truto_error_insight.forbidden_error.value.missing_scopes
    QJsonValue insight;                       // truto_error_insight as received
    QJsonValue details;

    // Parses an envelope; nothing when the body is not one.
    static std::optional<TrutoError> fromBody(const QByteArray &body);
};

// Why a call failed, in classes a person can act on.
enum class ErrorKind {
    None,
    Http,             // the server answered with a non-2xx status
    Timeout,          // transfer timeout elapsed
    Cancelled,        // the user cancelled
    ConnectionRefused,
    HostNotFound,     // DNS
    Tls,              // certificate or handshake problem; never ignored
    ConnectionClosed, // dropped mid-body
    Network,          // any other transport error
    InvalidResponse,  // a 2xx whose body does not parse as the JSON it claims to be
};

// The request as it went on the wire, for previews, history and the inspector.
struct SentRequest
{
    QByteArray method; // "PATCH"
    QUrl url;          // fully encoded
    HeaderList headers; // Authorization redacted
    QByteArray body;
    QString idempotencyKey;
};

struct Timings
{
    qint64 queuedMs = 0;      // waiting for the throttle
    qint64 firstByteMs = -1;  // from send to the first response byte
    qint64 totalMs = 0;       // from send to the end of the body
    int attempts = 1;
};

// One finished call: what was sent, what came back, exactly as received.
struct ApiResult
{
    SentRequest request;
    int httpStatus = 0;
    QByteArray reasonPhrase;
    HeaderList headers;
    QByteArray body;            // bytes exactly as received (empty when streamed to a sink)
    qint64 bodySize = 0;        // bytes received, also when streamed
    QJsonDocument json;         // parsed when the content type says JSON and it parses
    Timings timings;
    ErrorKind errorKind = ErrorKind::None;
    QString errorString;        // one readable sentence, for people
    std::optional<TrutoError> trutoError;

    bool ok() const { return errorKind == ErrorKind::None; }
    QByteArray header(const QByteArray &name) const; // case-insensitive, empty when absent
    QString contentType() const { return QString::fromLatin1(header("content-type")); }
    bool isJson() const;
};

QString toString(ErrorKind kind);

} // namespace crmdesk
