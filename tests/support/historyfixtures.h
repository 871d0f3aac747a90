#pragma once

#include "history/historystore.h"

namespace crmdesk::test {

inline constexpr char kFixtureAccount[] = "62f44730-dd91-461e-bd6a-aedd9e0ad79d";

// A finished call as the history keeps it: sent at 2026-04-01 09:30 UTC from the production
// profile "profile-1", its URL built from the target the way the client builds it (the id one
// encoded segment), the token redacted, a 412 ms JSON answer. Tests change what they examine.
HistoryEntry historyEntry(const QByteArray &method, const RecordTarget &target, int status,
                          const QByteArray &requestBody, const QByteArray &responseBody,
                          const QString &error = {});

// A contact of the fixture account.
RecordTarget contactTarget(const QString &recordId);

} // namespace crmdesk::test
