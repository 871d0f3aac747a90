#include "drafts/draftstore.h"

#include "files/storefiles.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

#include <algorithm>

namespace crmdesk {

namespace {
const auto kFormat = QLatin1String("crmdesk-draft");
constexpr int kVersion = 1;

QString text(const QJsonObject &json, const char *name)
{
    return json.value(QLatin1String(name)).toString();
}

QJsonObject queryToJson(const QueryOptions &query)
{
    QJsonObject json;
    json.insert(QStringLiteral("integrated_account_id"), query.integratedAccountId);
    if (query.responseFormat)
        json.insert(QStringLiteral("truto_response_format"), toString(*query.responseFormat));
    json.insert(QStringLiteral("truto_ignore_remote_data"), query.ignoreRemoteData);
    json.insert(QStringLiteral("truto_exclude_fields"),
                QJsonArray::fromStringList(query.excludeFields));
    json.insert(QStringLiteral("remote_query"), query.remoteQuery);
    json.insert(QStringLiteral("resource_query"), query.resourceQuery);
    return json;
}

QueryOptions queryFromJson(const QJsonObject &json)
{
    QueryOptions query;
    query.integratedAccountId = text(json, "integrated_account_id");
    if (json.contains(QLatin1String("truto_response_format")))
        query.responseFormat = responseFormatFromString(text(json, "truto_response_format"));
    query.ignoreRemoteData = json.value(QLatin1String("truto_ignore_remote_data")).toBool();
    for (const QJsonValue &field : json.value(QLatin1String("truto_exclude_fields")).toArray())
        query.excludeFields.append(field.toString());
    query.remoteQuery = json.value(QLatin1String("remote_query")).toObject();
    query.resourceQuery = json.value(QLatin1String("resource_query")).toObject();
    return query;
}

QString timestamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime timeFrom(const QJsonObject &json, const char *name)
{
    return QDateTime::fromString(text(json, name), Qt::ISODateWithMs);
}

std::optional<Draft> readDraft(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
    if (!document.isObject())
        return std::nullopt;
    return DraftStore::fromJson(document.object());
}
} // namespace

QString DraftStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/drafts");
}

DraftStore::DraftStore(QString directory) : m_directory(std::move(directory)) {}

QString DraftStore::filePath(const DraftKey &key) const
{
    // A JSON array keeps the four parts unambiguous whatever characters the ids contain.
    const QByteArray identity =
        QJsonDocument(QJsonArray{key.profileId, key.accountId, key.resource, key.recordId})
            .toJson(QJsonDocument::Compact);
    const QByteArray hash = QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex();
    return m_directory + u'/' + QString::fromLatin1(hash.left(40)) + QStringLiteral(".json");
}

QJsonObject DraftStore::toJson(const Draft &draft)
{
    QJsonObject key;
    key.insert(QStringLiteral("profile_id"), draft.key.profileId);
    key.insert(QStringLiteral("account_id"), draft.key.accountId);
    key.insert(QStringLiteral("resource"), draft.key.resource);
    key.insert(QStringLiteral("record_id"), draft.key.recordId);

    QJsonObject json;
    json.insert(QStringLiteral("format"), kFormat);
    json.insert(QStringLiteral("version"), kVersion);
    json.insert(QStringLiteral("key"), key);
    json.insert(QStringLiteral("provider"), draft.provider);
    json.insert(QStringLiteral("original"), draft.original);
    json.insert(QStringLiteral("edits"), draft.edits);
    json.insert(QStringLiteral("query"), queryToJson(draft.query));
    json.insert(QStringLiteral("idempotency_key"), draft.idempotencyKey);
    json.insert(QStringLiteral("created_at"), timestamp(draft.createdAt));
    json.insert(QStringLiteral("updated_at"), timestamp(draft.updatedAt));
    return json;
}

std::optional<Draft> DraftStore::fromJson(const QJsonObject &json)
{
    if (text(json, "format") != kFormat || json.value(QLatin1String("version")).toInt() < 1)
        return std::nullopt;
    // A draft written by a newer version may mean something this one cannot honour; it is left
    // on disk untouched rather than half-understood.
    if (json.value(QLatin1String("version")).toInt() > kVersion)
        return std::nullopt;
    const QJsonObject key = json.value(QLatin1String("key")).toObject();
    Draft draft;
    draft.key = {text(key, "profile_id"), text(key, "account_id"), text(key, "resource"),
                 text(key, "record_id")};
    if (!draft.key.isValid())
        return std::nullopt;
    draft.provider = text(json, "provider");
    draft.original = json.value(QLatin1String("original")).toObject();
    draft.edits = json.value(QLatin1String("edits")).toObject();
    draft.query = queryFromJson(json.value(QLatin1String("query")).toObject());
    draft.idempotencyKey = text(json, "idempotency_key");
    draft.createdAt = timeFrom(json, "created_at");
    draft.updatedAt = timeFrom(json, "updated_at");
    return draft;
}

bool DraftStore::save(Draft &draft, QString *error, Durability durability)
{
    if (!draft.key.isValid()) {
        if (error)
            *error = QCoreApplication::translate("crmdesk::DraftStore",
                                                 "A draft needs a profile, an account, a resource "
                                                 "and a record id.");
        return false;
    }
    if (!ensurePrivateDirectory(m_directory, error))
        return false;
    Draft stamped = draft;
    stamped.updatedAt = QDateTime::currentDateTimeUtc();
    if (!stamped.createdAt.isValid())
        stamped.createdAt = stamped.updatedAt;
    const QByteArray bytes = QJsonDocument(toJson(stamped)).toJson(QJsonDocument::Indented);
    if (!writeFileAtomically(filePath(draft.key), bytes, error, durability))
        return false;
    draft = stamped;
    return true;
}

std::optional<Draft> DraftStore::load(const DraftKey &key) const
{
    std::optional<Draft> draft = readDraft(filePath(key));
    if (draft && !(draft->key == key))
        return std::nullopt;
    return draft;
}

QList<Draft> DraftStore::list() const
{
    QList<Draft> drafts;
    // Only committed "*.json" files: QSaveFile's temporary files (name.json.XXXXXX) left by a
    // crash are never read, and a damaged file is skipped rather than failing the list.
    const QStringList names = QDir(m_directory).entryList({QStringLiteral("*.json")}, QDir::Files);
    for (const QString &name : names) {
        if (std::optional<Draft> draft = readDraft(m_directory + u'/' + name))
            drafts.append(*draft);
    }
    std::sort(drafts.begin(), drafts.end(), [](const Draft &a, const Draft &b) {
        return a.updatedAt > b.updatedAt;
    });
    return drafts;
}

QStringList DraftStore::setAsideDamaged()
{
    QStringList messages;
    const QStringList names = QDir(m_directory).entryList({QStringLiteral("*.json")}, QDir::Files);
    for (const QString &name : names) {
        const QString path = m_directory + u'/' + name;
        if (readDraft(path))
            continue;
        QString error;
        const std::optional<QString> movedTo = setAside(path, &error);
        messages.append(movedTo ? QCoreApplication::translate("crmdesk::DraftStore",
                                                              "A draft could not be read; it was moved to %1.")
                                      .arg(QDir::toNativeSeparators(*movedTo))
                                : QCoreApplication::translate("crmdesk::DraftStore",
                                                              "A draft could not be read: %1")
                                      .arg(error));
    }
    return messages;
}

bool DraftStore::remove(const DraftKey &key, QString *error)
{
    QFile file(filePath(key));
    if (!file.exists() || file.remove())
        return true;
    if (error)
        *error = QCoreApplication::translate("crmdesk::DraftStore", "Cannot delete the draft %1: %2")
                     .arg(QDir::toNativeSeparators(file.fileName()), file.errorString());
    return false;
}

} // namespace crmdesk
