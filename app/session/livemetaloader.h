#pragma once

#include "schema/fieldstate.h"

#include <QHash>
#include <QJsonValue>
#include <QObject>
#include <QUrl>

#include <functional>

namespace crmdesk {

class MetaCache;
class TrutoClient;

// What the live account says about a resource's fields, merged over the bundled policy.
struct LivePolicyResult
{
    FieldPolicy policy;
    bool live = false;  // false: the bundled documentation alone (offline, or the call failed)
    bool stale = false; // from a cache entry older than its maximum age
    QString note;       // one sentence for the status line
    // Unified path -> raw path, where the account's response_mapping is a plain table (the
    // sandbox's is); Truto's own mappings are JSONata, which this does not evaluate.
    QHash<QString, QString> fieldMapping;
};

// Reads {"fields": [{"unified": "first_name", "native": "properties.firstname"}, ...]}.
QHash<QString, QString> fieldMappingFrom(const QJsonValue &responseMapping);

// Fetches `meta/update` for an account and resource (contract §13), caches it per integration
// and account (MetaCache), and merges it over the bundled policy. Offline, it falls back to a
// stale cache entry, then to the bundled documentation: a form can always be built.
class LiveMetaLoader : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const LivePolicyResult &)>;

    LiveMetaLoader(TrutoClient *client, MetaCache *cache, QObject *parent = nullptr);

    // Calls done exactly once, later from the event loop, unless context is gone by then.
    void load(const QString &resource, const QString &accountId, const QString &integration,
              const FieldPolicy &bundled, const QObject *context, Done done);

private:
    TrutoClient *m_client;
    MetaCache *m_cache;
};

} // namespace crmdesk
