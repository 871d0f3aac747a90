// Which failures are retried, and after how long (contract §8.2), with the clock and the jitter
// pinned so every delay is exact.
#include "api/retrypolicy.h"

#include <QTest>
#include <QTimeZone>

using namespace crmdesk;

namespace {

const QDateTime kNow = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0), QTimeZone::utc());

RetryPolicy::Limits testLimits()
{
    RetryPolicy::Limits limits;
    limits.maxAttempts = 3;
    limits.baseBackoffMs = 1000;
    limits.maxBackoffMs = 3000;
    limits.defaultRetryAfterMs = 10000;
    limits.maxRetryAfterMs = 60000;
    return limits;
}

AttemptOutcome httpOutcome(int status, bool remote = false, int attempt = 1,
                           const QByteArray &method = "PATCH")
{
    AttemptOutcome outcome;
    outcome.method = method;
    outcome.attempt = attempt;
    outcome.httpStatus = status;
    outcome.isRemoteError = remote;
    return outcome;
}

AttemptOutcome transportOutcome(ErrorKind kind, const QByteArray &method, int attempt = 1,
                                int transportRetries = 0)
{
    AttemptOutcome outcome;
    outcome.method = method;
    outcome.attempt = attempt;
    outcome.transportError = kind;
    outcome.transportRetries = transportRetries;
    return outcome;
}

} // namespace

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldNeverRetryClientErrorsOrBlockedAccount_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("remote");
        for (int status : {400, 401, 403, 404, 405, 409, 422, 503}) {
            QTest::addRow("%d", status) << status << false;
            QTest::addRow("%d remote", status) << status << true;
        }
    }

    void shouldNeverRetryClientErrorsOrBlockedAccount()
    {
        QFETCH(int, status);
        QFETCH(bool, remote);
        const RetryDecision decision = RetryPolicy(testLimits()).decide(httpOutcome(status, remote), kNow, 0.5);
        QVERIFY(!decision.retry);
    }

    void shouldRetryTransientServerErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("remote");
        QTest::addColumn<bool>("retried");
        QTest::newRow("500 from Truto") << 500 << false << true;
        QTest::newRow("500 remote") << 500 << true << true;
        QTest::newRow("502") << 502 << false << true;
        QTest::newRow("504") << 504 << false << true;
        QTest::newRow("remote 520") << 520 << true << true;
        QTest::newRow("remote 501") << 501 << true << true;
        QTest::newRow("Truto's own 501") << 501 << false << false;
        QTest::newRow("418 is not retried") << 418 << false << false;
    }

    void shouldRetryTransientServerErrors()
    {
        QFETCH(int, status);
        QFETCH(bool, remote);
        QFETCH(bool, retried);
        QCOMPARE(RetryPolicy(testLimits()).decide(httpOutcome(status, remote), kNow, 0.5).retry, retried);
    }

    void shouldBackOffExponentiallyUpToTheCap()
    {
        const RetryPolicy policy(testLimits());
        // Jitter 1 gives the full step: 1 s, 2 s, then the 3 s cap.
        QCOMPARE(policy.backoffMs(1, 1.0), 1000);
        QCOMPARE(policy.backoffMs(2, 1.0), 2000);
        QCOMPARE(policy.backoffMs(3, 1.0), 3000);
        QCOMPARE(policy.backoffMs(10, 1.0), 3000);
        // Jitter 0 gives half of it, never nothing.
        QCOMPARE(policy.backoffMs(1, 0.0), 500);
        QCOMPARE(policy.backoffMs(2, 0.5), 1500);
        QCOMPARE(policy.decide(httpOutcome(502, false, 2), kNow, 1.0).delayMs, 2000);
    }

    void shouldStopAtMaxAttempts()
    {
        const RetryPolicy policy(testLimits());
        QVERIFY(policy.decide(httpOutcome(502, false, 2), kNow, 0.5).retry);
        const RetryDecision last = policy.decide(httpOutcome(502, false, 3), kNow, 0.5);
        QVERIFY(!last.retry);
        QVERIFY(last.reason.contains(QStringLiteral("3 attempts")));
    }

    void shouldWaitFor429_data()
    {
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<QByteArray>("rateLimitReset");
        QTest::addColumn<int>("delayMs");
        QTest::newRow("Retry-After seconds") << QByteArray("7") << QByteArray() << 7000;
        QTest::newRow("Retry-After zero") << QByteArray("0") << QByteArray() << 0;
        QTest::newRow("Retry-After HTTP-date")
            << QByteArray("Wed, 01 May 2024 12:00:30 GMT") << QByteArray() << 30000;
        QTest::newRow("Retry-After date in the past") << QByteArray("Wed, 01 May 2024 11:00:00 GMT")
                                                      << QByteArray() << 0;
        QTest::newRow("Retry-After wins over ratelimit-reset") << QByteArray("2") << QByteArray("9") << 2000;
        QTest::newRow("ratelimit-reset") << QByteArray() << QByteArray("4") << 4000;
        QTest::newRow("unreadable Retry-After falls back") << QByteArray("soon") << QByteArray("3") << 3000;
        QTest::newRow("neither: 10 s") << QByteArray() << QByteArray() << 10000;
    }

    void shouldWaitFor429()
    {
        QFETCH(QByteArray, retryAfter);
        QFETCH(QByteArray, rateLimitReset);
        QFETCH(int, delayMs);
        AttemptOutcome outcome = httpOutcome(429);
        if (!retryAfter.isEmpty())
            outcome.headers.append({QByteArray("Retry-After"), retryAfter});
        if (!rateLimitReset.isEmpty())
            outcome.headers.append({QByteArray("ratelimit-reset"), rateLimitReset});
        // Jitter must not touch a wait the server asked for.
        const RetryDecision decision = RetryPolicy(testLimits()).decide(outcome, kNow, 0.9);
        QVERIFY(decision.retry);
        QCOMPARE(decision.delayMs, delayMs);
    }

    void shouldNotSleepThroughLongRateLimits()
    {
        AttemptOutcome outcome = httpOutcome(429);
        outcome.headers.append({QByteArray("Retry-After"), QByteArray("3600")});
        const RetryDecision decision = RetryPolicy(testLimits()).decide(outcome, kNow, 0.5);
        QVERIFY(!decision.retry);
        QVERIFY(decision.reason.contains(QStringLiteral("3600 s")));
    }

    void shouldParseAllHttpDateForms_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("IMF-fixdate") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT");
        QTest::newRow("RFC 850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT");
        QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994");
    }

    void shouldParseAllHttpDateForms()
    {
        QFETCH(QByteArray, text);
        const std::optional<QDateTime> parsed = RetryPolicy::parseHttpDate(text);
        QVERIFY(parsed);
        QCOMPARE(*parsed, QDateTime(QDate(1994, 11, 6), QTime(8, 49, 37), QTimeZone::utc()));
        QVERIFY(!RetryPolicy::parseHttpDate("tomorrow"));
    }

    void shouldRetryTransportErrorsOfGetUpToTheLimit()
    {
        const RetryPolicy policy(testLimits());
        for (ErrorKind kind : {ErrorKind::Timeout, ErrorKind::ConnectionRefused,
                               ErrorKind::ConnectionClosed, ErrorKind::Network}) {
            QVERIFY(policy.decide(transportOutcome(kind, "GET", 1, 0), kNow, 0.5).retry);
            QVERIFY(policy.decide(transportOutcome(kind, "GET", 2, 1), kNow, 0.5).retry);
            QVERIFY(!policy.decide(transportOutcome(kind, "GET", 3, 2), kNow, 0.5).retry);
        }
    }

    void shouldRetryTransportErrorsOfPatchOnlyOnce()
    {
        const RetryPolicy policy(testLimits());
        QVERIFY(policy.decide(transportOutcome(ErrorKind::Timeout, "PATCH", 1, 0), kNow, 0.5).retry);
        QVERIFY(!policy.decide(transportOutcome(ErrorKind::Timeout, "PATCH", 2, 1), kNow, 0.5).retry);
        // A 502 before does not use up the PATCH's one transport retry.
        QVERIFY(policy.decide(transportOutcome(ErrorKind::ConnectionClosed, "PATCH", 2, 0), kNow, 0.5).retry);
    }

    void shouldNeverRetryTlsDnsCancelOrBadBody_data()
    {
        QTest::addColumn<ErrorKind>("kind");
        QTest::newRow("tls") << ErrorKind::Tls;
        QTest::newRow("dns") << ErrorKind::HostNotFound;
        QTest::newRow("cancelled") << ErrorKind::Cancelled;
        QTest::newRow("invalid json") << ErrorKind::InvalidResponse;
        QTest::newRow("sink write") << ErrorKind::LocalWrite;
    }

    void shouldNeverRetryTlsDnsCancelOrBadBody()
    {
        QFETCH(ErrorKind, kind);
        QVERIFY(!RetryPolicy(testLimits()).decide(transportOutcome(kind, "GET"), kNow, 0.5).retry);
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
