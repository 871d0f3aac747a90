#include "api/recordtarget.h"

#include <QUrl>

namespace crmdesk {

QByteArray RecordTarget::encodedPath() const
{
    // The id is one path segment whatever it contains: ':' '@' '/' ' ' '+' are all encoded
    // (contract §3), so "a/b" can never turn into two segments.
    QByteArray path = "/unified/crm/" + QUrl::toPercentEncoding(resource);
    if (!recordId.isEmpty())
        path += '/' + QUrl::toPercentEncoding(recordId);
    return path;
}

} // namespace crmdesk
