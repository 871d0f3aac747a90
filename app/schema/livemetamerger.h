#pragma once

#include "schema/fieldstate.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crmdesk {

// One field of a live meta/update schema, by dotted path ("addresses.city"; query parameters
// as "query.<name>", like FieldPolicy).
struct LiveField
{
    QString path;
    bool required = false;
    QStringList enumValues;
    QString type;
};

// What one account's GET /unified/crm/{resource}/meta/update says it accepts (contract §13).
struct LiveMeta
{
    QList<LiveField> bodyFields;
    QList<LiveField> queryFields;
    bool hasQuerySchema = false; // query parameters are judged only when the response has them

    const LiveField *find(const QString &path) const;
    // True when the schema describes fields inside `path` (an object or an array of objects).
    bool describesInside(const QString &path) const;
};

// Puts the live account's schema on top of the bundled documentation (contract §13: the
// merged meta/update mapping is "the source of truth at runtime"; product principle 3).
//  * A field the live schema lists is Supported, required as the live schema says.
//  * A documented field the live schema leaves out is Unsupported, "Not accepted by this
//    account (live metadata)": Truto drops unmapped fields silently (contract §13, §19).
//  * A live field the documentation lacks is added, so provider-specific fields appear.
//  * remote_data always stays: it is passed to the provider as is (contract §2.1).
// Every state of the result says where it came from (StateOrigin).
class LiveMetaMerger
{
public:
    static QString unsupportedReason(); // "Not accepted by this account (live metadata)"

    // Reads request_body_schema (and query_schema when present) tolerantly, because no public
    // source shows its exact layout (contract §13, §19): JSON Schema ("properties" with a
    // "required": [names] array) or a plain map of properties with "required": true, or both;
    // the schema may also arrive as a JSON string. Nothing, with a reason, when the response
    // lists no body fields: an empty schema more likely means "not described" than "accepts
    // nothing", and disabling every field on that guess would block all edits.
    static std::optional<LiveMeta> parse(const QJsonObject &response, QString *error = nullptr);
    static std::optional<LiveMeta> parse(const QByteArray &response, QString *error = nullptr);

    static FieldPolicy merge(const FieldPolicy &bundled, const LiveMeta &live);
};

} // namespace crmdesk
