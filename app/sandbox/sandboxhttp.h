#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace crmdesk::sandbox {

using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

// One request as the sandbox API sees it, copied out of the HTTP server's request object
// (which QtHttpServer reuses for the next request on the same connection).
struct SandboxRequest
{
    QByteArray method;       // "PATCH"
    QByteArray encodedPath;  // as received: "/unified/crm/contacts/a%2Fb"
    QStringList path;        // decoded segments: {"unified", "crm", "contacts", "a/b"}
    QByteArray encodedQuery; // as received, without '?'
    QJsonObject query;       // decoded by QueryDecoder
    RawHeaders headers;
    QByteArray body;

    // Case-insensitive; empty when absent.
    QByteArray header(const QByteArray &name) const;

    // A request from its parts as they arrive on the wire: the path is split into segments
    // before decoding (an encoded "/" inside an id stays in its segment) and the query is
    // decoded. The HTTP transport and the fuzz tests (no socket) both build requests here.
    static SandboxRequest fromWire(QByteArray method, QByteArray encodedPath,
                                   QByteArray encodedQuery, RawHeaders headers, QByteArray body);
};

// How a reply's bytes go on the wire. The defaults send it at once with a Content-Length.
struct Delivery
{
    int latencyMs = 0;          // wait before the first byte
    bool hang = false;          // never answer (client timeout tests)
    qint64 dropAfterBytes = -1; // close the connection after this many body bytes
    bool chunked = false;       // Transfer-Encoding: chunked, one chunk per entry of chunks
    QList<QByteArray> chunks;
    int chunkIntervalMs = 0; // pause between chunks, so a client sees bytes arrive
};

struct SandboxReply
{
    int status = 200;
    RawHeaders headers;
    QByteArray body;
    Delivery delivery;

    QByteArray header(const QByteArray &name) const;
    void setHeader(const QByteArray &name, const QByteArray &value);

    static SandboxReply json(int status, const QJsonValue &body);
};

QByteArray reasonPhrase(int status);

// The Truto error envelope (contract §7): statusCode, error, message, plus extra fields such as
// truto_is_remote_error, raw_response and truto_error_insight.
SandboxReply errorReply(int status, const QString &message, const QJsonObject &extra = {});
// One truto_error_insight entry: {key: {description, value?}}.
QJsonObject insightEntry(const QString &description, const QJsonValue &value = QJsonValue());
// A provider error as Truto forwards it (contract §7): truto_is_remote_error and raw_response.
SandboxReply remoteErrorReply(int status, const QString &message, const QJsonValue &rawResponse,
                              const QJsonObject &insight = {});

} // namespace crmdesk::sandbox
