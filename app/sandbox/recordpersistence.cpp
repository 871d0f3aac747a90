#include "sandbox/recordpersistence.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace crmdesk::sandbox {

RecordPersistence::RecordPersistence(QString directory) : m_directory(std::move(directory)) {}

QString RecordPersistence::fileFor(const QString &accountId) const
{
    return QDir(m_directory).filePath(accountId.toLower() + QStringLiteral(".json"));
}

std::optional<QJsonObject> RecordPersistence::load(const QString &accountId, QString *error) const
{
    QFile file(fileFor(accountId));
    if (!file.exists())
        return std::nullopt;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("Cannot read %1: %2").arg(file.fileName(), file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonObject root = document.object();
    if (parseError.error != QJsonParseError::NoError ||
        root.value(QLatin1String("format")).toString() != kFormat) {
        if (error)
            *error = QStringLiteral("%1 is not a sandbox records file").arg(file.fileName());
        return std::nullopt;
    }
    return root.value(QLatin1String("records")).toObject();
}

bool RecordPersistence::save(const QString &accountId, const QJsonObject &recordsByResource,
                             QString *error) const
{
    if (!QDir().mkpath(m_directory)) {
        if (error)
            *error = QStringLiteral("Cannot create %1").arg(m_directory);
        return false;
    }
    const QJsonObject root{
        {QStringLiteral("format"), kFormat},
        {QStringLiteral("account_id"), accountId},
        {QStringLiteral("saved_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("records"), recordsByResource},
    };
    // QSaveFile writes a temporary file and renames it over the old one only when everything
    // was written, so a crash never leaves half a file behind.
    QSaveFile file(fileFor(accountId));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

} // namespace crmdesk::sandbox
