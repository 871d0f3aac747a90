#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace crmdesk::sandbox {

// Turns an encoded query string into nested JSON the way Truto's server reads it
// (contract §5.2: it accepts every form real clients send).
//  * `key[]=v` and `key[0]=v` both build arrays, `key[a][b]=v` builds objects;
//  * brackets may be literal or percent-encoded (`%5B%5D`);
//  * `+` decodes to a space like `%20`, so an unencoded plus is corrupted exactly as it would be
//    in production; `%2B` is the way to send a plus;
//  * a key repeated without brackets becomes an array.
class QueryDecoder
{
public:
    static QJsonObject decode(const QByteArray &encodedQuery);

    // The first way the query departs from contract §5.3 (CRM Desk's own encoding rule), or
    // empty when it follows it. Used by the optional strict mode.
    static QString strictViolation(const QByteArray &encodedQuery);

    // A query value that may be sent as an array, as one string or as a comma list
    // (`truto_exclude_fields`, contract §5.4), as a flat list of strings.
    static QStringList stringList(const QJsonValue &value);
    // "true"/"1" (any case) as sent for booleans (contract §5.3 rule 4).
    static bool isTrue(const QJsonValue &value);
};

} // namespace crmdesk::sandbox
