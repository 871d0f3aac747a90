#include "inspectorfixtures.h"

#include <QUrl>

namespace crmdesk::fixtures {

QByteArray unifiedContactBody()
{
    return R"({
  "id": "51",
  "first_name": "Zoë",
  "last_name": "Lindqvist",
  "name": "Zoë Lindqvist",
  "email_addresses": [{"email": "zoe.lindqvist@example.com", "is_primary": true}],
  "phone_numbers": [{"number": "+46 70 123 45 67", "type": "mobile"}],
  "title": "Head of Operations",
  "account": {"id": "9001"},
  "owner": {"id": "77"},
  "tags": ["vip", "renewal-q3"],
  "created_at": "2024-01-15T09:30:00.000Z",
  "updated_at": "2024-06-02T14:05:11.000Z",
  "custom_fields": {"lead_score": 87},
  "remote_data": {
    "id": "51",
    "properties": {
      "firstname": "Zoë",
      "lastname": "Lindqvist",
      "email": "zoe.lindqvist@example.com",
      "mobilephone": "+46 70 123 45 67",
      "jobtitle": "Head of Operations",
      "hubspot_owner_id": "77",
      "lead_score": "87",
      "hs_object_id": "51",
      "lifecyclestage": "customer",
      "createdate": "2024-01-15T09:30:00Z",
      "lastmodifieddate": "2024-06-02T14:05:11.000Z"
    },
    "archived": false
  }
})";
}

QByteArray rawContactBody()
{
    return R"({"id":"51","properties":{"firstname":"Zoë","lastname":"Lindqvist","email":"zoe.lindqvist@example.com","mobilephone":"+46 70 123 45 67","jobtitle":"Head of Operations","hubspot_owner_id":"77","hs_object_id":"51","lifecyclestage":"customer"},"archived":false})";
}

QByteArray contactListBody(int count)
{
    QByteArray body = R"({"result":[)";
    for (int i = 0; i < count; ++i) {
        const QByteArray n = QByteArray::number(i);
        if (i)
            body += ',';
        body += R"({"id":")" + n + R"(","first_name":"Person )" + n
                + R"(","email_addresses":[{"email":"p)" + n + R"(@example.com"}],"remote_data":{"id":")"
                + n + R"(","properties":{"firstname":"Person )" + n + R"(","email":"p)" + n
                + R"(@example.com","hs_lead_status":"NEW"}}})";
    }
    body += R"(],"next_cursor":"c2","result_count":)" + QByteArray::number(count) + "}";
    return body;
}

ApiResult jsonResult(const QByteArray &body, const QByteArray &query, int status)
{
    ApiResult result;
    result.request.method = "GET";
    result.request.url = QUrl::fromEncoded("https://api.truto.one/unified/crm/contacts/51?" + query);
    result.request.headers = {{"Authorization", kRedactedAuthorization},
                              {"Accept", "application/json"}};
    result.httpStatus = status;
    result.reasonPhrase = status == 200 ? "OK" : QByteArray();
    result.headers = {{"content-type", "application/json; charset=utf-8"},
                      {"ratelimit-limit", "110;w=10"},
                      {"ratelimit-remaining", "104"},
                      {"ratelimit-reset", "7"},
                      {"date", "Mon, 03 Jun 2024 10:00:00 GMT"}};
    result.body = body;
    result.bodySize = body.size();
    result.timings.firstByteMs = 95;
    result.timings.totalMs = 182;
    if (status >= 400) {
        result.errorKind = ErrorKind::Http;
        result.trutoError = TrutoError::fromBody(body);
    }
    return result;
}

ApiResult unifiedContactResult()
{
    return jsonResult(unifiedContactBody());
}

ApiResult rawContactResult()
{
    return jsonResult(rawContactBody(), "integrated_account_id=acc-1&truto_response_format=raw");
}

ApiResult providerValidationError()
{
    ApiResult result = jsonResult(R"({
  "statusCode": 422,
  "error": "Unprocessable Entity",
  "message": "Phone number is not valid",
  "truto_is_remote_error": true,
  "raw_response": {"status": "error", "message": "Property values were not valid: mobilephone",
                   "errors": [{"field": "mobilephone", "code": "INVALID_PHONE"}]},
  "truto_error_insight": {
    "missing_required_body_fields": {"description": "Required fields", "value": ["email", "last_name"]},
    "remote_error": {"description": "The provider rejected the request"}
  }
})", "integrated_account_id=acc-1", 422);
    result.request.method = "PATCH";
    result.request.body = R"({"phone_numbers":[{"number":"12"}]})";
    result.reasonPhrase = "Unprocessable Entity";
    return result;
}

ApiResult missingFieldsError()
{
    ApiResult result = jsonResult(R"({"statusCode":400,"error":"Bad Request","message":"Missing required fields",
 "truto_error_insight":{"missing_required_body_fields":{"description":"Required","value":["email"]}}})",
                                  "integrated_account_id=acc-1", 400);
    result.request.method = "PATCH";
    result.reasonPhrase = "Bad Request";
    return result;
}

} // namespace crmdesk::fixtures
