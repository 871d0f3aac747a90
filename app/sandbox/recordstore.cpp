#include "sandbox/recordstore.h"

namespace crmdesk::sandbox {

QString RecordStore::key(const QString &accountId, const QString &resource)
{
    return accountId.toLower() + u'/' + resource;
}

void RecordStore::setRecords(const QString &accountId, const QString &resource,
                             const QList<StoredRecord> &records)
{
    m_records.insert(key(accountId, resource), records);
}

QList<StoredRecord> RecordStore::records(const QString &accountId, const QString &resource) const
{
    return m_records.value(key(accountId, resource));
}

std::optional<QJsonObject> RecordStore::find(const QString &accountId, const QString &resource,
                                             const QString &id) const
{
    const auto it = m_records.constFind(key(accountId, resource));
    if (it == m_records.constEnd())
        return std::nullopt;
    for (const StoredRecord &record : it.value()) {
        if (record.id == id)
            return record.native;
    }
    return std::nullopt;
}

bool RecordStore::replace(const QString &accountId, const QString &resource, const QString &id,
                          const QJsonObject &native)
{
    const auto it = m_records.find(key(accountId, resource));
    if (it == m_records.end())
        return false;
    for (StoredRecord &record : it.value()) {
        if (record.id == id) {
            record.native = native;
            return true;
        }
    }
    return false;
}

QStringList RecordStore::ids(const QString &accountId, const QString &resource) const
{
    QStringList out;
    const QList<StoredRecord> all = records(accountId, resource);
    for (const StoredRecord &record : all)
        out.append(record.id);
    return out;
}

QStringList RecordStore::resources(const QString &accountId) const
{
    QStringList out;
    const QString prefix = accountId.toLower() + u'/';
    for (auto it = m_records.constBegin(); it != m_records.constEnd(); ++it) {
        if (it.key().startsWith(prefix))
            out.append(it.key().mid(prefix.size()));
    }
    out.sort();
    return out;
}

} // namespace crmdesk::sandbox
