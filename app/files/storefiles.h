#pragma once

#include <QByteArray>
#include <QString>

namespace crmdesk {

// Small file helpers shared by the stores in this folder.

// Creates the folder if needed and makes it private to the user (0700): drafts, history and
// caches hold CRM data and must not be readable by other accounts on the machine.
bool ensurePrivateDirectory(const QString &path, QString *error = nullptr);

// Replaces a file's contents atomically (QSaveFile): a crash leaves the old contents or the
// new ones, never a mix.
bool writeFileAtomically(const QString &path, const QByteArray &contents, QString *error = nullptr);

} // namespace crmdesk
