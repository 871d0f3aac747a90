#pragma once

// Helpers for the bulk edit tests: a sandbox data folder with many Pipedrive contacts (the seed
// data has three), and CSV text in the encodings people save it in.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringEncoder>

namespace crmdesk::test {

inline const QString kPipedriveAccount = QStringLiteral("162fb982-e334-40ec-a60e-d9b9136c6d46");

// Record ids of the contacts bulkSandboxData() adds: 900000, 900001, ...
inline QString bulkContactId(int index)
{
    return QString::number(900000 + index);
}

// Writes <dir>/<Pipedrive account>.json (app/sandbox/README.md, "Persistence") holding `count`
// extra contacts in Pipedrive's native shape; SandboxServer::setDataDirectory or
// `crmdesk --sandbox --sandbox-data DIR` loads them.
inline bool writeBulkSandboxData(const QString &dir, int count)
{
    QJsonArray contacts;
    for (int i = 0; i < count; ++i) {
        contacts.append(QJsonObject{{QStringLiteral("id"), 900000 + i},
                                    {QStringLiteral("name"), QStringLiteral("Bulk %1").arg(i)},
                                    {QStringLiteral("first_name"), QStringLiteral("Bulk")},
                                    {QStringLiteral("last_name"), QString::number(i)},
                                    {QStringLiteral("org_id"), 301},
                                    {QStringLiteral("owner_id"), 13058},
                                    {QStringLiteral("active_flag"), true},
                                    {QStringLiteral("add_time"), QStringLiteral("2024-01-10 08:30:00")},
                                    {QStringLiteral("update_time"), QStringLiteral("2024-02-20 17:45:12")}});
    }
    const QJsonObject file{{QStringLiteral("format"), QStringLiteral("crmdesk-sandbox-records/1")},
                           {QStringLiteral("account_id"), kPipedriveAccount},
                           {QStringLiteral("saved_at"), QStringLiteral("2026-01-01T00:00:00Z")},
                           {QStringLiteral("records"), QJsonObject{{QStringLiteral("contacts"), contacts}}}};
    QDir().mkpath(dir);
    QFile out(dir + u'/' + kPipedriveAccount + QStringLiteral(".json"));
    return out.open(QIODevice::WriteOnly) && out.write(QJsonDocument(file).toJson()) > 0;
}

// A CSV that sets first_name on `count` bulk contacts: "id,first_name\n900000,Renamed 0\n...".
inline QByteArray bulkRenameCsv(int count, int first = 0)
{
    QByteArray out = "id,first_name\n";
    for (int i = first; i < first + count; ++i)
        out += bulkContactId(i).toUtf8() + ",Renamed " + QByteArray::number(i) + '\n';
    return out;
}

inline QByteArray encoded(const QString &text, QStringConverter::Encoding encoding, bool bom)
{
    QStringEncoder encoder(encoding, bom ? QStringConverter::Flag::WriteBom : QStringConverter::Flag::Default);
    return encoder.encode(text);
}

} // namespace crmdesk::test
