#include "files/storefiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace crmdesk {

bool ensurePrivateDirectory(const QString &path, QString *error)
{
    if (!QDir().mkpath(path)) {
        if (error)
            *error = QCoreApplication::translate("crmdesk", "Cannot create the folder %1.")
                         .arg(QDir::toNativeSeparators(path));
        return false;
    }
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return true;
}

namespace {

bool fail(const QString &path, const QString &reason, QString *error)
{
    if (error)
        *error = QCoreApplication::translate("crmdesk", "Cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(path), reason);
    return false;
}

// QSaveFile always syncs; this is the same temporary-and-rename without the sync. rename(2)
// replaces the target atomically, so a reader sees the old file or the new one.
bool writeWithoutSync(const QString &path, const QByteArray &contents, QString *error)
{
    const QString temporary = path + QStringLiteral(".unsynced");
    QFile file(temporary);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(contents) != contents.size()) {
        const QString reason = file.errorString();
        file.remove();
        return fail(path, reason, error);
    }
    file.close();
    if (std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        QFile::remove(temporary);
        return fail(path, reason, error);
    }
    return true;
}

} // namespace

bool writeFileAtomically(const QString &path, const QByteArray &contents, QString *error, Durability durability)
{
    if (durability == Durability::KernelOnly)
        return writeWithoutSync(path, contents, error);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size()
        || !file.commit())
        return fail(path, file.errorString(), error); // the old contents stay
    return true;
}

std::optional<QString> setAside(const QString &path, QString *error)
{
    const QString stem = path + QStringLiteral(".damaged-")
                         + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString target = stem;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = stem + u'-' + QString::number(n);
    QFile file(path);
    if (!file.rename(target)) {
        if (error)
            *error = QCoreApplication::translate("crmdesk", "Cannot move %1 aside: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return std::nullopt;
    }
    return target;
}

} // namespace crmdesk
