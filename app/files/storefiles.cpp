#include "files/storefiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>

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

bool writeFileAtomically(const QString &path, const QByteArray &contents, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size()
        || !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("crmdesk", "Cannot write %1: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return false; // the destructor discards the temporary file; the old contents stay
    }
    return true;
}

} // namespace crmdesk
