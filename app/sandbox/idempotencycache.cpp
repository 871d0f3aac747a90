#include "sandbox/idempotencycache.h"

#include <QCryptographicHash>

namespace crmdesk::sandbox {

namespace {
QString cacheKey(const QString &token, const QString &key)
{
    // Keys are scoped to the token, as a key is one client's promise about its own requests.
    return token + u'\n' + key;
}
} // namespace

IdempotencyCache::Lookup IdempotencyCache::lookup(const QString &token, const QString &key,
                                                  const QByteArray &fingerprint) const
{
    const auto it = m_entries.constFind(cacheKey(token, key));
    if (it == m_entries.constEnd())
        return {};
    if (it->fingerprint != fingerprint)
        return {Outcome::Mismatch, {}};
    return {Outcome::Replay, it->reply};
}

void IdempotencyCache::store(const QString &token, const QString &key,
                             const QByteArray &fingerprint, const SandboxReply &reply)
{
    if (isCacheable(reply.status))
        m_entries.insert(cacheKey(token, key), {fingerprint, reply});
}

bool IdempotencyCache::isCacheable(int status)
{
    return status != 429 && status < 500;
}

QByteArray IdempotencyCache::fingerprint(const SandboxRequest &request)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(request.method);
    hash.addData(QByteArrayView("\n"));
    hash.addData(request.encodedPath);
    hash.addData(QByteArrayView("\n"));
    hash.addData(request.encodedQuery);
    hash.addData(QByteArrayView("\n"));
    hash.addData(request.body);
    return hash.result();
}

} // namespace crmdesk::sandbox
