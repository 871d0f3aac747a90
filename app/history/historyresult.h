#pragma once

#include "api/apiresult.h"
#include "history/historystore.h"

namespace crmdesk {

// The ApiResult a stored history entry stands for, so that the inspector, the diff and the
// snippet generator can show an old call again (the inverse of HistoryEntry::fromResult).
//
// History keeps less than a live result, and the rebuilt result says only what is known:
//  * headers and bodies are the redacted copies the store wrote (product principle 9);
//  * the reason phrase is the standard one for the status (history does not store it);
//  * a body cut at the store's cap is kept as cut: `json` stays empty when the prefix does
//    not parse, and `bodySize` is the size that was received;
//  * the attempt log and the timing phases are not stored: one attempt, total time only;
//  * the error class is rebuilt from the status: a non-2xx answer is ErrorKind::Http (with
//    Truto's envelope parsed again, contract §7), no answer at all is ErrorKind::Network,
//    and the stored sentence is kept as it was.
ApiResult toApiResult(const HistoryEntry &entry);

} // namespace crmdesk
