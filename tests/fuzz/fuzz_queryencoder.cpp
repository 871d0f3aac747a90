// The query-options encoder (app/api/queryoptions, contract §5.3) over arbitrary options, and
// the sandbox's decoder reading back what it produced, as it does for every request the app
// sends it.
//
// Input: a JSON object {"account", "format", "ignore_remote_data", "exclude": [...],
// "remote_query": {...}, "query": {...}, "limit", "cursor"}; anything else is used as text.

#include "fuzzsupport.h"

#include "api/queryoptions.h"
#include "sandbox/querydecoder.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdlib>

using namespace crmdesk;

namespace {

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = crmdesk::fuzz::inputBytes(data, size);
    QueryOptions options;
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (document.isObject()) {
        const QJsonObject json = document.object();
        options.integratedAccountId = json.value(u"account").toString();
        options.responseFormat = responseFormatFromString(json.value(u"format").toString());
        options.ignoreRemoteData = json.value(u"ignore_remote_data").toBool();
        for (const QJsonValue &field : json.value(u"exclude").toArray())
            options.excludeFields.append(field.toString());
        options.remoteQuery = json.value(u"remote_query").toObject();
        options.resourceQuery = json.value(u"query").toObject();
        options.limit = json.value(u"limit").toInt();
        options.nextCursor = json.value(u"cursor").toString();
    } else {
        const QString text = QString::fromUtf8(bytes);
        options.integratedAccountId = text;
        options.remoteQuery.insert(text, text);
        options.nextCursor = text;
    }

    const QByteArray encoded = options.toEncodedQuery();
    // Contract §5.3 rule 2: only unreserved characters appear literally; the pairs are joined
    // by '&' and '='. Anything else would be read differently by some server.
    for (const char c : encoded) {
        if (!isUnreserved(c) && c != '%' && c != '&' && c != '=')
            std::abort();
    }
    const QJsonObject decoded = sandbox::QueryDecoder::decode(encoded);
    if (!options.integratedAccountId.isEmpty()
        && decoded.value(u"integrated_account_id").toString() != options.integratedAccountId)
        std::abort(); // the account travels unchanged, whatever its characters
    (void)sandbox::QueryDecoder::strictViolation(encoded);
    return 0;
}
