#pragma once

#include "sandbox/sandboxhttp.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

namespace crmdesk::sandbox {

// Replays the response of a write sent again with the same Idempotency-Key (contract §9).
//
// Choices where Truto documents nothing (contract §19): keys are kept for the life of the
// server; only final answers are kept (not 429 or 5xx, which a client is expected to retry, so a
// retry after a 500 runs again); a key sent again with a different request is refused with 422.
class IdempotencyCache
{
public:
    enum class Outcome { Miss, Replay, Mismatch };
    struct Lookup
    {
        Outcome outcome = Outcome::Miss;
        SandboxReply reply;
    };

    Lookup lookup(const QString &token, const QString &key, const QByteArray &fingerprint) const;
    void store(const QString &token, const QString &key, const QByteArray &fingerprint,
               const SandboxReply &reply);

    static bool isCacheable(int status);
    // What identifies "the same request": method, path, query and body.
    static QByteArray fingerprint(const SandboxRequest &request);

private:
    struct Entry
    {
        QByteArray fingerprint;
        SandboxReply reply;
    };
    QHash<QString, Entry> m_entries;
};

} // namespace crmdesk::sandbox
