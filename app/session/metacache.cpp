#include "session/metacache.h"

#include "files/storefiles.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

namespace crmdesk {

namespace {
const auto kFormat = QLatin1String("crmdesk-meta-cache");

QJsonArray identity(const MetaCacheKey &key)
{
    // One Truto host is one cache, however its URL was typed ("HTTPS://API.truto.one:443/").
    const QUrl url = key.baseUrl.adjusted(QUrl::NormalizePathSegments);
    const int defaultPort = url.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0 ? 80 : 443;
    QString path = url.path(QUrl::FullyEncoded);
    while (path.endsWith(u'/'))
        path.chop(1);
    const QString base = url.scheme().toLower() + QStringLiteral("://") + url.host().toLower()
                         + (url.port(defaultPort) == defaultPort ? QString()
                                                                 : u':' + QString::number(url.port()))
                         + path;
    return QJsonArray{base, key.integration.toLower(), key.resource, key.accountId};
}
} // namespace

QString MetaCache::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/meta");
}

MetaCache::MetaCache(QString directory, std::chrono::seconds maxAge, Clock clock)
    : m_directory(std::move(directory)), m_maxAge(maxAge), m_clock(std::move(clock))
{
}

QDateTime MetaCache::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

QString MetaCache::filePath(const MetaCacheKey &key) const
{
    const QByteArray bytes = QJsonDocument(identity(key)).toJson(QJsonDocument::Compact);
    const QByteArray hash = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
    return m_directory + u'/' + QString::fromLatin1(hash.left(40)) + QStringLiteral(".json");
}

bool MetaCache::store(const MetaCacheKey &key, const QJsonObject &response, QString *error)
{
    if (!ensurePrivateDirectory(m_directory, error))
        return false;
    QJsonObject file;
    file.insert(QStringLiteral("format"), kFormat);
    file.insert(QStringLiteral("key"), identity(key));
    file.insert(QStringLiteral("fetched_at"), now().toUTC().toString(Qt::ISODateWithMs));
    file.insert(QStringLiteral("response"), response);
    return writeFileAtomically(filePath(key), QJsonDocument(file).toJson(QJsonDocument::Compact),
                               error);
}

std::optional<CachedMeta> MetaCache::lookup(const MetaCacheKey &key) const
{
    QFile file(filePath(key));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    if (json.value(QLatin1String("format")).toString() != kFormat
        || json.value(QLatin1String("key")).toArray() != identity(key))
        return std::nullopt;
    CachedMeta entry;
    entry.response = json.value(QLatin1String("response")).toObject();
    entry.fetchedAt = QDateTime::fromString(json.value(QLatin1String("fetched_at")).toString(),
                                            Qt::ISODateWithMs);
    if (!entry.fetchedAt.isValid())
        return std::nullopt;
    const qint64 ageSeconds = entry.fetchedAt.secsTo(now());
    // A date in the future means the clock moved; such an entry cannot be trusted as fresh.
    entry.stale = ageSeconds < 0 || ageSeconds >= m_maxAge.count();
    return entry;
}

QStringList MetaCache::setAsideDamaged()
{
    QStringList messages;
    QDir directory(m_directory);
    for (const QString &name : directory.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        QFile file(directory.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
        file.close();
        if (document.isObject() && document.object().value(QLatin1String("format")).toString() == kFormat)
            continue;
        QString error;
        const std::optional<QString> movedTo = setAside(file.fileName(), &error);
        messages.append(movedTo ? QCoreApplication::translate("crmdesk::MetaCache",
                                                              "A cached field list could not be read; it was "
                                                              "moved to %1 and will be fetched again.")
                                      .arg(QDir::toNativeSeparators(*movedTo))
                                : error);
    }
    return messages;
}

bool MetaCache::remove(const MetaCacheKey &key)
{
    QFile file(filePath(key));
    return !file.exists() || file.remove();
}

void MetaCache::clear()
{
    QDir directory(m_directory);
    const QStringList names = directory.entryList({QStringLiteral("*.json")}, QDir::Files);
    for (const QString &name : names)
        directory.remove(name);
}

} // namespace crmdesk
