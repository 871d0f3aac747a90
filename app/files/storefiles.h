#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace crmdesk {

// Small file helpers shared by the stores in this folder.

// Creates the folder if needed and makes it private to the user (0700): drafts, history and
// caches hold CRM data and must not be readable by other accounts on the machine.
bool ensurePrivateDirectory(const QString &path, QString *error = nullptr);

// How far a write must reach before it returns.
enum class Durability {
    Synced,     // on the disk itself (fsync): survives a power cut; a millisecond or more
    KernelOnly, // in the kernel's cache: survives the app being killed; tens of microseconds
};

// Replaces a file's contents atomically (a temporary file renamed over it): a crash leaves the
// old contents or the new ones, never a mix.
bool writeFileAtomically(const QString &path, const QByteArray &contents, QString *error = nullptr,
                         Durability durability = Durability::Synced);

// Moves a damaged file out of the way without deleting it, so the user can still recover from
// it: to "<path>.damaged-<UTC time>" (a number is added if that exists). Returns the new path,
// or nothing with a reason.
std::optional<QString> setAside(const QString &path, QString *error = nullptr);

} // namespace crmdesk
