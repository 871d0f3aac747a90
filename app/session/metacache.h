#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

namespace crmdesk {

// What a cached meta/update response is for.
struct MetaCacheKey
{
    QUrl baseUrl;        // which Truto (production API, a staging host, the offline sandbox)
    QString integration; // the integration's slug, e.g. "hubspot"
    QString resource;    // "contacts"
    // Set when the response came from the per-account endpoint, which merges the account's
    // own mapping overrides (contract §13); empty for the per-integration endpoint.
    QString accountId;
};

struct CachedMeta
{
    QJsonObject response; // the meta/update body as received
    QDateTime fetchedAt;  // UTC
    bool stale = false;   // older than the cache's maximum age: refresh when online
};

// meta/update responses on disk, one JSON file per key, so forms can be built offline and
// without a round trip per record (contract §12 "Caching": about an hour; §21 item 2).
// Entries past their age are still returned, flagged stale: offline, a stale schema beats no
// form at all, and the UI says how old it is.
class MetaCache
{
public:
    using Clock = std::function<QDateTime()>;
    static constexpr std::chrono::seconds kDefaultMaxAge{3600};

    // <CacheLocation>/meta
    static QString defaultDirectory();

    // clock defaults to the system clock (UTC); tests inject their own.
    explicit MetaCache(QString directory, std::chrono::seconds maxAge = kDefaultMaxAge,
                       Clock clock = {});

    bool store(const MetaCacheKey &key, const QJsonObject &response, QString *error = nullptr);
    // Fresh or stale; nothing when absent or unreadable.
    std::optional<CachedMeta> lookup(const MetaCacheKey &key) const;
    bool remove(const MetaCacheKey &key);
    // Deletes every cached response.
    void clear();
    // Moves every cache file that cannot be read aside (renamed, never deleted; it is fetched
    // again when needed) and says so in words, one message per file. Run once at start.
    QStringList setAsideDamaged();

    QString filePath(const MetaCacheKey &key) const;

private:
    QDateTime now() const;

    QString m_directory;
    std::chrono::seconds m_maxAge;
    Clock m_clock;
};

} // namespace crmdesk
