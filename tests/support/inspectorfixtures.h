#pragma once

#include "api/apiresult.h"

#include <QByteArray>

// Responses as Truto sends them (contract §6, §7), for the response inspector's tests.
namespace crmdesk::fixtures {

// A HubSpot contact in unified form with remote_data (GET /unified/crm/contacts/{id}).
QByteArray unifiedContactBody();
// The same contact fetched with truto_response_format=raw.
QByteArray rawContactBody();
// {"result":[...], "next_cursor": ...} with count contacts.
QByteArray contactListBody(int count);

ApiResult jsonResult(const QByteArray &body, const QByteArray &query = "integrated_account_id=acc-1",
                     int status = 200);
ApiResult unifiedContactResult();
ApiResult rawContactResult();
// 422 from the provider with a message, raw_response and missing required fields.
ApiResult providerValidationError();
// Truto's own 400: missing required unified fields, no truto_is_remote_error.
ApiResult missingFieldsError();

} // namespace crmdesk::fixtures
