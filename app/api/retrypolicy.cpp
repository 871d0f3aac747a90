#include "api/retrypolicy.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>

namespace crmdesk {

namespace {

bool isIdempotent(const QByteArray &method)
{
    return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

RetryDecision retryAfter(int delayMs, const QString &reason)
{
    return RetryDecision{true, delayMs, reason};
}

RetryDecision stop(const QString &reason)
{
    return RetryDecision{false, 0, reason};
}

QString seconds(qint64 ms)
{
    return QString::number((ms + 999) / 1000);
}

} // namespace

RetryDecision RetryPolicy::decide(const AttemptOutcome &outcome, const QDateTime &now,
                                  double jitter) const
{
    RetryDecision decision = outcome.transportError != ErrorKind::None
                                 ? decideTransport(outcome, jitter)
                                 : decideStatus(outcome, now, jitter);
    if (decision.retry && outcome.attempt >= m_limits.maxAttempts) {
        return stop(QStringLiteral("gave up after %1 attempts").arg(outcome.attempt));
    }
    return decision;
}

RetryDecision RetryPolicy::decideTransport(const AttemptOutcome &outcome, double jitter) const
{
    switch (outcome.transportError) {
    case ErrorKind::Timeout:
    case ErrorKind::ConnectionRefused:
    case ErrorKind::ConnectionClosed:
    case ErrorKind::Network:
        break;
    case ErrorKind::Tls:
        // An untrusted certificate stays untrusted; retrying would only hide the problem.
        return stop(QStringLiteral("secure connection failed"));
    case ErrorKind::HostNotFound:
        // Almost always a wrong base URL or no network at all; waiting does not fix either.
        return stop(QStringLiteral("host not found"));
    default:
        return stop(toString(outcome.transportError).toLower());
    }
    // A PATCH that may have reached the provider is repeated once only, with the same
    // Idempotency-Key (§8.2, §9); a GET changes nothing and may be repeated freely.
    if (!isIdempotent(outcome.method) && outcome.transportRetries >= 1)
        return stop(QStringLiteral("a %1 is retried only once after a transport error")
                        .arg(QString::fromLatin1(outcome.method)));
    return retryAfter(backoffMs(outcome.attempt, jitter), toString(outcome.transportError).toLower());
}

RetryDecision RetryPolicy::decideStatus(const AttemptOutcome &outcome, const QDateTime &now,
                                        double jitter) const
{
    const int status = outcome.httpStatus;
    const QString statusText = QString::number(status);
    if (status == 429) {
        const std::optional<qint64> asked = retryAfterMs(outcome.headers, now);
        const qint64 delay = asked.value_or(m_limits.defaultRetryAfterMs);
        if (delay > m_limits.maxRetryAfterMs)
            return stop(QStringLiteral("rate limited for %1 s, longer than an automatic retry waits")
                            .arg(seconds(delay)));
        return retryAfter(int(delay), asked ? QStringLiteral("rate limited, server asked to wait %1 s")
                                                  .arg(seconds(delay))
                                            : QStringLiteral("rate limited"));
    }
    // 503 means the integrated account is blocked, not that Truto is briefly down (§8.1).
    if (status == 503)
        return stop(QStringLiteral("503: the account is blocked"));
    // 500 is Truto failing, 502/504 a provider without a clean answer, other remote 5xx a
    // failing provider: all transient (§8.1, §8.2). Truto's own other 5xx are not.
    if (status == 500 || status == 502 || status == 504
        || (status >= 500 && status <= 599 && outcome.isRemoteError))
        return retryAfter(backoffMs(outcome.attempt, jitter),
                          statusText + (outcome.isRemoteError ? QStringLiteral(" from the provider")
                                                              : QString()));
    // 400, 401, 403, 404, 405, 409, 422 and everything else: the same request fails the same way.
    return stop(statusText + QStringLiteral(" is not retried"));
}

int RetryPolicy::backoffMs(int attempt, double jitter) const
{
    const int steps = std::clamp(attempt - 1, 0, 30);
    const qint64 step = std::min<qint64>(qint64(m_limits.baseBackoffMs) << steps, m_limits.maxBackoffMs);
    const double spread = std::clamp(jitter, 0.0, 1.0);
    return int(step / 2 + qint64(double(step - step / 2) * spread));
}

std::optional<qint64> RetryPolicy::retryAfterMs(const HeaderList &headers, const QDateTime &now)
{
    const QByteArray retryAfter = headerValue(headers, "retry-after").trimmed();
    if (!retryAfter.isEmpty()) {
        bool isNumber = false;
        const qint64 secs = retryAfter.toLongLong(&isNumber);
        if (isNumber && secs >= 0)
            return secs * 1000;
        if (const std::optional<QDateTime> when = parseHttpDate(retryAfter))
            return std::max<qint64>(0, now.msecsTo(*when));
    }
    const QByteArray reset = headerValue(headers, "ratelimit-reset").trimmed();
    if (!reset.isEmpty()) {
        bool isNumber = false;
        const double secs = reset.toDouble(&isNumber);
        if (isNumber && secs >= 0)
            return qint64(secs * 1000.0);
    }
    return std::nullopt;
}

std::optional<QDateTime> RetryPolicy::parseHttpDate(const QByteArray &text)
{
    // QDateTime's RFC 2822 parser rejects the "GMT" zone name, so the forms are spelled out.
    const QString value = QString::fromLatin1(text).simplified();
    const QLocale c = QLocale::c();
    static const char *const formats[] = {
        "ddd, dd MMM yyyy hh:mm:ss 'GMT'", // IMF-fixdate, the one servers send
        "dddd, dd-MMM-yy hh:mm:ss 'GMT'",  // obsolete RFC 850
        "ddd MMM d hh:mm:ss yyyy",         // obsolete asctime()
    };
    for (const char *format : formats) {
        const QDateTime parsed = c.toDateTime(value, QLatin1String(format));
        if (!parsed.isValid())
            continue;
        QDate date = parsed.date();
        if (date.year() < 1970) // two-digit RFC 850 years
            date = date.addYears(100);
        return QDateTime(date, parsed.time(), QTimeZone::utc());
    }
    return std::nullopt;
}

} // namespace crmdesk
