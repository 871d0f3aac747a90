#pragma once

#include "api/apicall.h"
#include "api/apiresult.h"

namespace crmdesk::test {

// Waits for a call's finished() and takes its result. False when it never came, came more than
// once, or the call did not delete itself afterwards (ApiCall's contract).
bool awaitResult(ApiCall *call, ApiResult &result, int timeoutMs = 15000);

} // namespace crmdesk::test
