#include "inspect/inspectorformat.h"

#include <QCoreApplication>
#include <QLocale>

namespace crmdesk::inspectorformat {

QString plural(qint64 count, const char *one, const char *many)
{
    // No English .qm ships, so "%n item(s)" would show as such: pick the form here instead.
    return QCoreApplication::translate("inspectorformat", count == 1 ? one : many)
        .arg(QLocale().toString(count));
}

QString bytes(qint64 count)
{
    if (count < 1024)
        return plural(count, QT_TRANSLATE_NOOP("inspectorformat", "%1 byte"),
                      QT_TRANSLATE_NOOP("inspectorformat", "%1 bytes"));
    return QLocale().formattedDataSize(count, 1, QLocale::DataSizeTraditionalFormat);
}

QString duration(qint64 milliseconds)
{
    if (milliseconds < 1000)
        return QCoreApplication::translate("inspectorformat", "%1 ms").arg(milliseconds);
    return QCoreApplication::translate("inspectorformat", "%1 s")
        .arg(QLocale().toString(double(milliseconds) / 1000.0, 'f', 2));
}

QString rate(double bytesPerSecond)
{
    return QCoreApplication::translate("inspectorformat", "%1/s")
        .arg(QLocale().formattedDataSize(qint64(bytesPerSecond), 1, QLocale::DataSizeTraditionalFormat));
}

} // namespace crmdesk::inspectorformat
