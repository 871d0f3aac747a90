#pragma once

#include <QByteArray>

namespace crmdesk::sandbox {

// Makes a response body very large while keeping it valid, for the "large" fault: a client must
// cope with tens of megabytes (progress, memory, cancellation) without choking on broken JSON.
class BodyInflater
{
public:
    // A list envelope ({"result": [...]}) gets copies of its first record (ids suffixed
    // "-copy-N"); any other JSON object gets a "sandbox_padding" text member.
    static QByteArray inflateJson(const QByteArray &json, qint64 targetBytes);
    // Newline-delimited JSON gets copies of its last line.
    static QByteArray inflateNdjson(const QByteArray &ndjson, qint64 targetBytes);
};

} // namespace crmdesk::sandbox
