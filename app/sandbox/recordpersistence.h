#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace crmdesk::sandbox {

// Keeps the sandbox's edits across restarts: one JSON file per integrated account in a folder,
// rewritten atomically (QSaveFile) after every successful PATCH and read back on start.
//
//   <directory>/<account id>.json
//   {"format": "crmdesk-sandbox-records/1", "account_id": "...", "saved_at": "...",
//    "records": {"contacts": [<native record>, ...], ...}}
class RecordPersistence
{
public:
    static constexpr QLatin1String kFormat{"crmdesk-sandbox-records/1"};

    explicit RecordPersistence(QString directory);

    const QString &directory() const { return m_directory; }
    QString fileFor(const QString &accountId) const;

    // The saved records ({resource: [native, ...]}); nothing when no file was saved. A file that
    // cannot be read sets error.
    std::optional<QJsonObject> load(const QString &accountId, QString *error) const;
    bool save(const QString &accountId, const QJsonObject &recordsByResource, QString *error) const;

private:
    QString m_directory;
};

} // namespace crmdesk::sandbox
