#pragma once

#include <QString>

#include <QtGlobal>

namespace crmdesk {

// Above this body size pretty and raw text are shown in pages (product principle 5). A shown
// line costs the text engine about 0.5 KB, so whole-text views stay for small bodies only.
inline constexpr qint64 DefaultLargeBodyThreshold = 512 * 1024;

} // namespace crmdesk

// Numbers as people read them in the inspector.
namespace crmdesk::inspectorformat {

// "1 item" / "12 items": one and many are translatable source texts holding %1.
QString plural(qint64 count, const char *one, const char *many);
QString bytes(qint64 count);            // "532 bytes", "12.4 KB", "80.0 MB"
QString duration(qint64 milliseconds);  // "182 ms", "2.40 s"
QString rate(double bytesPerSecond);    // "4.5 MB/s"

} // namespace crmdesk::inspectorformat
