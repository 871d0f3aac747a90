#pragma once

#include <QString>

// Numbers as people read them in the inspector.
namespace crmdesk::inspectorformat {

QString bytes(qint64 count);            // "532 bytes", "12.4 KB", "80.0 MB"
QString duration(qint64 milliseconds);  // "182 ms", "2.40 s"
QString rate(double bytesPerSecond);    // "4.5 MB/s"

} // namespace crmdesk::inspectorformat
