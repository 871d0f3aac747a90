// The sandbox's query decoder (app/sandbox/querydecoder, contract §5.2) over arbitrary query
// strings: nested remote_query[a][b]=v, key[]=v and key[0]=v arrays, mixed forms, literal and
// percent-encoded brackets, broken escapes; plus the strict checker and the value readers the
// endpoints use on what it decoded.
//
// Input: the query string (without '?').

#include "fuzzsupport.h"

#include "sandbox/querydecoder.h"

#include <QJsonArray>

using namespace crmdesk::sandbox;

namespace {

// The endpoints read any decoded value with these two.
void readValues(const QJsonValue &value, int depth)
{
    (void)QueryDecoder::stringList(value);
    (void)QueryDecoder::isTrue(value);
    if (depth > 8)
        return;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            readValues(it.value(), depth + 1);
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            readValues(item, depth + 1);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray query = crmdesk::fuzz::inputBytes(data, size);
    const QJsonObject decoded = QueryDecoder::decode(query);
    readValues(decoded, 0);
    (void)QueryDecoder::strictViolation(query);
    return 0;
}
