#pragma once

#include "sandbox/accountendpoints.h"
#include "sandbox/directoryendpoints.h"
#include "sandbox/faultinjector.h"
#include "sandbox/idempotencycache.h"
#include "sandbox/metadataendpoints.h"
#include "sandbox/ratelimitwindow.h"
#include "sandbox/recordendpoints.h"
#include "sandbox/sandboxhttp.h"

#include <QSet>
#include <QString>

#include <functional>
#include <optional>

namespace crmdesk::sandbox {

struct Account;
struct SandboxData;

// The sandbox's version of api.truto.one: takes a request and returns the reply, with the
// cross-cutting rules applied in the order a client meets them: token (401), strict query
// encoding (400, optional), route (404), account checks, faults, idempotent replay (§9), the
// endpoint itself, then rate-limit headers (§6.4) and the fault's effect on delivery.
class SandboxApi
{
public:
    SandboxApi(SandboxData &data, RecordEndpoints::ChangedHandler changed);

    void addToken(const QString &token);
    // Answer 400 to any query not encoded exactly as contract §5.3 prescribes (also per request
    // with the header "X-Sandbox-Strict-Query: true").
    void setStrictQuery(bool strict) { m_strictQuery = strict; }
    // Answer 429 (Retry-After: 10) past 50 requests per 10 s per account (contract §8.3).
    void setEnforceRateLimit(bool enforce) { m_enforceRateLimit = enforce; }
    // Another per-account limit and window than Truto's 50 per 10 s (tests, benchmarks).
    void setRateLimit(int perAccount, int windowSeconds);

    SandboxReply handle(const SandboxRequest &request);

private:
    struct Route
    {
        enum class Kind {
            None,
            AccountList,
            Account,
            Capabilities,
            Fields,
            UpdateMeta,
            IntegrationUpdateMeta,
            RecordList,
            Record,
        };
        Kind kind = Kind::None;
        QString accountId; // from the path (integrated-account routes)
        QString resource;
        QString recordId;
        QString integration;
    };

    static Route route(const SandboxRequest &request);
    // 400 for a query strict mode refuses, 404 for an unknown route or method.
    std::optional<SandboxReply> refusal(const Route &route, const SandboxRequest &request) const;
    // The reply before delivery effects: a fault's error, the rate limit, an idempotent
    // replay, or the endpoint's answer.
    SandboxReply answer(const Route &route, const SandboxRequest &request, const Account *account,
                        const FaultPlan &plan, const RateLimitWindow::State &rate,
                        const QString &token);
    SandboxReply dispatch(const Route &route, const SandboxRequest &request,
                          const Account *account);
    static void addHeaders(SandboxReply &reply, const SandboxRequest &request,
                           const FaultPlan &plan, const RateLimitWindow::State &rate);
    // Checks shared by every /unified route: the account query parameter, its status and
    // whether its provider has the resource.
    std::optional<SandboxReply> unifiedPreconditions(const Route &route,
                                                     const SandboxRequest &request,
                                                     const Account *account) const;
    static SandboxReply faultReply(const FaultPlan &plan);
    static void applyDelivery(SandboxReply &reply, const FaultPlan &plan);

    SandboxData &m_data;
    AccountEndpoints m_accounts;
    MetadataEndpoints m_metadata;
    RecordEndpoints m_records;
    DirectoryEndpoints m_directory;
    FaultInjector m_faults;
    IdempotencyCache m_idempotency;
    RateLimitWindow m_rateLimit;
    QSet<QString> m_tokens;
    bool m_strictQuery = false;
    bool m_enforceRateLimit = false;
    int m_perAccount = RateLimitWindow::kPerAccount;
};

} // namespace crmdesk::sandbox
