// The error-envelope explainer (app/api): TrutoError::fromBody reading a non-2xx body as Truto's
// envelope (contract §7), and the sentences errortext builds from it for people, over arbitrary
// statuses, reason phrases, content types and bodies.
//
// Input: line 1 the status ("422"), line 2 the reason phrase, line 3 the Content-Type, then the
// body.

#include "fuzzsupport.h"

#include "api/apiresult.h"
#include "api/errortext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace crmdesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crmdesk::fuzz::InputReader input(crmdesk::fuzz::inputBytes(data, size));
    const int status = input.line().toInt();
    const QByteArray reason = input.line();
    const QByteArray contentType = input.line();
    const QByteArray body = input.rest();

    const std::optional<TrutoError> error = TrutoError::fromBody(body);
    if (error)
        (void)error->bestMessage();

    SentRequest request;
    request.method = "PATCH";
    request.url = QUrl(QStringLiteral("https://api.truto.one/unified/crm/contacts/42"));
    (void)errortext::statusLine(status, reason, error);
    (void)errortext::statusAdvice(status, error);
    (void)errortext::httpError(request, status, reason, error, body, contentType);
    (void)errortext::invalidJson(request, status, reason, contentType, QString::fromUtf8(body));
    (void)errortext::quotable(QString::fromUtf8(body));
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isNull())
        (void)errortext::messageInJson(document.isObject() ? QJsonValue(document.object())
                                                           : QJsonValue(document.array()));
    return 0;
}
