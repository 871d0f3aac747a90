#pragma once

#include "api/apiresult.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace crmdesk {

// What happened on one attempt, as far as the retry decision needs to know.
struct AttemptOutcome
{
    QByteArray method;           // "GET", "PATCH"
    int attempt = 1;             // the attempt that just ended, counted from 1
    int httpStatus = 0;          // 0 when no complete HTTP answer arrived
    HeaderList headers;          // response headers (Retry-After, ratelimit-reset)
    bool isRemoteError = false;  // truto_is_remote_error of the error envelope
    ErrorKind transportError = ErrorKind::None; // set when the transfer itself failed
    int transportRetries = 0;    // retries already made because of transport errors
};

struct RetryDecision
{
    bool retry = false;
    int delayMs = 0;
    QString reason; // why it retries ("502 Bad Gateway") or why it stops
};

// Decides whether a failed attempt is tried again and after how long (contract §8.2). A pure
// function of its inputs: the clock and the jitter are parameters, so tests pin them.
class RetryPolicy
{
public:
    struct Limits
    {
        int maxAttempts = 3;             // tries in total (§8.2)
        int baseBackoffMs = 1000;        // 5xx and transport backoff: base, 2*base, 4*base ...
        int maxBackoffMs = 8000;         // ... capped here
        int defaultRetryAfterMs = 10000; // 429 with neither Retry-After nor ratelimit-reset
        int maxRetryAfterMs = 60000;     // a longer wait is left to the user, not slept through
    };

    RetryPolicy() = default;
    explicit RetryPolicy(const Limits &limits) : m_limits(limits) {}
    const Limits &limits() const { return m_limits; }

    // now converts an HTTP-date Retry-After; jitter in [0, 1] spreads the backoff.
    RetryDecision decide(const AttemptOutcome &outcome, const QDateTime &now, double jitter) const;

    // Capped exponential backoff after `attempt`, with "equal jitter": between half and all of
    // the step, so simultaneous clients spread out but no retry collapses to zero wait.
    int backoffMs(int attempt, double jitter) const;

    // How long a 429 asks us to wait: Retry-After in seconds or as an HTTP-date, else
    // ratelimit-reset in seconds (§8.2, §8.3). Nothing when neither header is usable.
    static std::optional<qint64> retryAfterMs(const HeaderList &headers, const QDateTime &now);
    // The three date forms HTTP allows (RFC 9110 §5.6.7), all in GMT.
    static std::optional<QDateTime> parseHttpDate(const QByteArray &text);

private:
    RetryDecision decideTransport(const AttemptOutcome &outcome, double jitter) const;
    RetryDecision decideStatus(const AttemptOutcome &outcome, const QDateTime &now,
                               double jitter) const;

    Limits m_limits;
};

} // namespace crmdesk
