#pragma once

#include <QHash>
#include <QString>

namespace crmdesk::sandbox {

// What to break in one reply. See app/sandbox/README.md ("Faults") for the syntax.
struct FaultPlan
{
    int latencyMs = 0;
    int status = 0;             // 429, 500, 502, 503, 504 or 422 for this attempt; 0 = none
    int retryAfterSeconds = 1;  // with 429
    bool drop = false;          // close the connection mid-body
    qint64 dropAfterBytes = -1; // -1: half of the body
    qint64 largeBodyBytes = 0;  // pad the body to at least this size
    bool hang = false;          // never answer
    int attempt = 0;            // which attempt this is for the fault's counter (1-based)
    QString error;              // the specification could not be read: answer 400

    bool isEmpty() const;
};

// Turns fault specifications (the X-Sandbox-Fault header and a reserved account's own fault)
// into a plan for one request. Faults never happen by accident: without a header or a reserved
// account the plan is empty.
//
// "500=2" fails only the first two attempts. Attempts are counted per key: the item token=NAME if
// given, else the request's Idempotency-Key, else its method, path and query. A retry of the same
// PATCH with the same Idempotency-Key therefore succeeds on the third try (contract §8.2, §9).
class FaultInjector
{
public:
    static constexpr qint64 kDefaultLargeBytes = 30'000'000;
    static constexpr qint64 kMaxLargeBytes = 500'000'000;
    static constexpr int kMaxLatencyMs = 600'000;

    FaultPlan plan(const QString &accountSpec, const QString &headerSpec,
                   const QString &idempotencyKey, const QString &requestLine);

    // Syntax check only, for accounts.json.
    static QString validate(const QString &spec);

private:
    QHash<QString, int> m_attempts;
};

} // namespace crmdesk::sandbox
