#pragma once

#include <QByteArray>
#include <QString>

#include <atomic>

namespace crmdesk::bodysearch {

// Offset of the next occurrence of needle (UTF-8, ASCII letters case-insensitive) at or after
// from, wrapping around to the start; -1 when there is none. Safe to run off the UI thread.
qint64 findText(const QByteArray &haystack, const QString &needle, qint64 from,
                const std::atomic_bool *cancel = nullptr);

} // namespace crmdesk::bodysearch
