#include "inspector/inspectorformat.h"

#include <QCoreApplication>
#include <QLocale>

namespace crmdesk::inspectorformat {

QString bytes(qint64 count)
{
    if (count < 1024)
        return QCoreApplication::translate("inspectorformat", "%n byte(s)", nullptr, int(count));
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
