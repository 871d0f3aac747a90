#include "session/livemetaloader.h"

#include "api/apicall.h"
#include "api/trutoclient.h"
#include "schema/livemetamerger.h"
#include "session/metacache.h"

#include <QJsonArray>
#include <QPointer>
#include <QTimer>

namespace crmdesk {

QHash<QString, QString> fieldMappingFrom(const QJsonValue &responseMapping)
{
    QHash<QString, QString> out;
    for (const QJsonValue &value : responseMapping.toObject().value(QLatin1String("fields")).toArray()) {
        const QJsonObject entry = value.toObject();
        const QString unified = entry.value(QLatin1String("unified")).toString();
        const QString native = entry.value(QLatin1String("native")).toString();
        if (!unified.isEmpty() && !native.isEmpty())
            out.insert(unified, native);
    }
    return out;
}

namespace {
LivePolicyResult merged(const FieldPolicy &bundled, const QJsonObject &response, bool stale,
                        const QString &source)
{
    LivePolicyResult result;
    QString error;
    const std::optional<LiveMeta> live = LiveMetaMerger::parse(response, &error);
    if (!live) {
        result.policy = bundled;
        result.note = QObject::tr("The account's field metadata could not be read (%1); using the "
                                  "bundled documentation")
                          .arg(error);
        return result;
    }
    result.policy = LiveMetaMerger::merge(bundled, *live);
    result.fieldMapping = fieldMappingFrom(response.value(QLatin1String("response_mapping")));
    result.live = true;
    result.stale = stale;
    result.note = source;
    return result;
}
} // namespace

LiveMetaLoader::LiveMetaLoader(TrutoClient *client, MetaCache *cache, QObject *parent)
    : QObject(parent), m_client(client), m_cache(cache)
{
}

void LiveMetaLoader::load(const QString &resource, const QString &accountId,
                          const QString &integration, const FieldPolicy &bundled,
                          const QObject *context, Done done)
{
    const MetaCacheKey key{m_client->config().baseUrl, integration.toLower(), resource, accountId};
    const std::optional<CachedMeta> cached = m_cache ? m_cache->lookup(key) : std::nullopt;
    QPointer<const QObject> guard(context);
    if (cached && !cached->stale) {
        const LivePolicyResult result =
            merged(bundled, cached->response, false,
                   tr("Field rules from the live account (cached %1)")
                       .arg(cached->fetchedAt.toLocalTime().toString(QStringLiteral("HH:mm"))));
        QTimer::singleShot(0, this, [guard, done, result] {
            if (guard)
                done(result);
        });
        return;
    }
    ApiCall *call = m_client->getUpdateMeta(resource, accountId);
    connect(call, &ApiCall::finished, this,
            [this, key, cached, bundled, guard, done](const ApiResult &reply) {
                if (!guard)
                    return;
                if (reply.ok() && reply.json.isObject()) {
                    if (m_cache)
                        m_cache->store(key, reply.json.object());
                    done(merged(bundled, reply.json.object(), false,
                                tr("Field rules from the live account")));
                    return;
                }
                if (cached) {
                    done(merged(bundled, cached->response, true,
                                tr("Offline: field rules from the account as cached at %1")
                                    .arg(cached->fetchedAt.toLocalTime().toString())));
                    return;
                }
                LivePolicyResult result;
                result.policy = bundled;
                result.note = tr("Field rules from the bundled documentation (%1)")
                                  .arg(reply.errorString);
                done(result);
            });
}

} // namespace crmdesk
