#include "history/historyresult.h"

#include "api/errortext.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrl>

namespace crmdesk {

namespace {

bool isSuccess(int status)
{
    return status >= 200 && status < 300;
}

} // namespace

ApiResult toApiResult(const HistoryEntry &entry)
{
    ApiResult result;
    result.request.method = entry.method;
    // Tolerant: a stored URL is our own encoding (contract §5.3); StrictMode would turn a
    // file written by an older version with a stray character into an empty URL.
    result.request.url = QUrl::fromEncoded(entry.url);
    result.request.headers = entry.requestHeaders;
    result.request.body = entry.requestBody;
    result.request.idempotencyKey = entry.idempotencyKey;
    result.request.target = entry.target;

    result.httpStatus = entry.status;
    result.reasonPhrase = errortext::standardReasonPhrase(entry.status).toLatin1();
    result.headers = entry.responseHeaders;
    result.body = entry.responseBody;
    result.bodySize = qMax<qint64>(entry.responseSize, entry.responseBody.size());
    result.timings.totalMs = entry.durationMs;
    result.errorString = entry.errorString;

    const bool complete = !entry.responseTruncated && result.bodySize == result.body.size();
    const bool json = result.isJson();
    QJsonParseError parseError;
    if (json && !result.body.isEmpty())
        result.json = QJsonDocument::fromJson(result.body, &parseError);

    if (entry.status == 0) {
        // No answer arrived; which transport failure it was lives only in the sentence.
        result.errorKind = ErrorKind::Network;
    } else if (!isSuccess(entry.status)) {
        result.errorKind = ErrorKind::Http;
        result.trutoError = TrutoError::fromBody(result.body);
    } else if (!entry.errorString.isEmpty()) {
        // A 2xx that still failed: a body that did not parse, or a transfer cut short.
        result.errorKind = json && complete && result.json.isNull() ? ErrorKind::InvalidResponse
                                                                     : ErrorKind::Network;
    }
    return result;
}

} // namespace crmdesk
