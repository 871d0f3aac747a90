#pragma once

#include "api/recordtarget.h"

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

// What SentRequest shows instead of the token: results, history and logs never carry it.
inline constexpr char kRedactedAuthorization[] = "Bearer <redacted>";

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

    // `message`, or when the provider left it empty a message found in raw_response (§7).
    QString bestMessage() const;
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
    LocalWrite,       // the stream sink refused the bytes
};

// The request as it went on the wire, for previews, history and the inspector.
struct SentRequest
{
    QByteArray method; // "PATCH"
    QUrl url;          // fully encoded
    HeaderList headers; // Authorization redacted
    QByteArray body;
    QString idempotencyKey;
    RecordTarget target; // what the request is about, as the caller said

    QByteArray header(const QByteArray &name) const; // case-insensitive, empty when absent
    // "PATCH /unified/crm/contacts/42": the short form used in error sentences.
    QString summary() const;
};

struct Timings
{
    qint64 queuedMs = 0;      // waiting for the throttle, all attempts together
    qint64 firstByteMs = -1;  // last attempt: from send to the first response byte
    qint64 totalMs = 0;       // from start to the end, waits and retries included
    int attempts = 1;
};

// One try of a call, as the inspector's request history shows it (contract §8.2, last rule).
struct AttemptRecord
{
    int number = 1;
    int httpStatus = 0;            // 0: no HTTP answer
    ErrorKind errorKind = ErrorKind::None;
    QString outcome;               // "503 Service Unavailable", "timed out", ...
    HeaderList headers;            // response headers of this attempt
    qint64 durationMs = 0;
    int retryDelayMs = -1;         // wait before the next attempt; -1 when none followed
    QString retryReason;
};

// Bodies above this are kept as bytes only (no QJsonDocument): records and list pages are far
// smaller, and the response inspector reads large bodies with its own streaming index.
constexpr qsizetype kMaxParsedJsonBytes = 8 * 1024 * 1024;

// One finished call: what was sent, what came back, exactly as received.
struct ApiResult
{
    SentRequest request;
    int httpStatus = 0;
    QByteArray reasonPhrase;
    HeaderList headers;
    QByteArray body;            // bytes exactly as received; a streamed 2xx body is not kept
    qint64 bodySize = 0;        // bytes received, also when streamed
    bool streamed = false;      // the body went out through ApiCall::bytesArrived
    QJsonDocument json;         // parsed when the content type says JSON, it parses, and the
                                // body is at most kMaxParsedJsonBytes
    Timings timings;
    QList<AttemptRecord> attemptLog;
    ErrorKind errorKind = ErrorKind::None;
    QString errorString;        // one readable sentence, for people
    std::optional<TrutoError> trutoError;

    bool ok() const { return errorKind == ErrorKind::None; }
    QByteArray header(const QByteArray &name) const; // case-insensitive, empty when absent
    QString contentType() const { return QString::fromLatin1(header("content-type")); }
    bool isJson() const;
};

QString toString(ErrorKind kind);

// True for a JSON media type: application/json, text/json or any "+json" suffix. NDJSON and
// other streamed framings are not one JSON document, so they do not count (contract §6.1).
bool isJsonContentType(const QByteArray &contentType);

// Case-insensitive header lookup; empty when absent.
QByteArray headerValue(const HeaderList &headers, const QByteArray &name);

} // namespace crmdesk
