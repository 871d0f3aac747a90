#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crmdesk::sandbox {

// A provider record as the provider keeps it, with its id as a unified (string) id.
struct StoredRecord
{
    QString id;
    QJsonObject native;
};

// The records of every account, per resource, in their original order. Records are kept in
// each provider's native shape; unified views are made from them on every read.
class RecordStore
{
public:
    void setRecords(const QString &accountId, const QString &resource,
                    const QList<StoredRecord> &records);
    QList<StoredRecord> records(const QString &accountId, const QString &resource) const;
    std::optional<QJsonObject> find(const QString &accountId, const QString &resource,
                                    const QString &id) const;
    // Replaces an existing record; false when there is none with that id.
    bool replace(const QString &accountId, const QString &resource, const QString &id,
                 const QJsonObject &native);
    QStringList ids(const QString &accountId, const QString &resource) const;
    QStringList resources(const QString &accountId) const;

private:
    static QString key(const QString &accountId, const QString &resource);

    QHash<QString, QList<StoredRecord>> m_records; // "<account id>/<resource>"
};

} // namespace crmdesk::sandbox
