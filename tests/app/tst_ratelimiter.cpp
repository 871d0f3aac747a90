// The client-side throttle of contract §8.3, on a pinned clock: nothing here sleeps.
#include "api/ratelimiter.h"

#include <QSignalSpy>
#include <QTest>

using namespace crmdesk;

class TestRateLimiter : public QObject
{
    Q_OBJECT

private:
    qint64 m_now = 0;
    int m_granted = 0;

    void pinClock(RateLimiter &limiter)
    {
        m_now = 1000;
        limiter.setClock([this] { return m_now; });
    }

    void ask(RateLimiter &limiter, const QString &account, int times = 1)
    {
        for (int i = 0; i < times; ++i)
            limiter.acquire(account, this, [this] { ++m_granted; });
    }

private Q_SLOTS:
    void init() { m_granted = 0; }

    void shouldGrantFiftyPerAccountThenHoldTheRest()
    {
        RateLimiter limiter;
        pinClock(limiter);
        ask(limiter, QStringLiteral("acc-1"), 51);
        QCOMPARE(m_granted, 50);
        QCOMPARE(limiter.waitingCount(), 1);
        QCOMPARE(limiter.delayFor(QStringLiteral("acc-1")), 10000);

        m_now += 9999;
        limiter.dispatch();
        QCOMPARE(m_granted, 50);
        m_now += 1;
        limiter.dispatch();
        QCOMPARE(m_granted, 51);
        QCOMPARE(limiter.waitingCount(), 0);
    }

    void shouldNotHoldOtherAccountsBehindABusyOne()
    {
        RateLimiter limiter;
        pinClock(limiter);
        ask(limiter, QStringLiteral("busy"), 52);
        ask(limiter, QStringLiteral("quiet"));
        QCOMPARE(m_granted, 51);
        QCOMPARE(limiter.delayFor(QStringLiteral("quiet")), 0);
    }

    void shouldGrantFiveHundredPerTokenAcrossAccounts()
    {
        RateLimiter limiter;
        pinClock(limiter);
        for (int account = 0; account < 11; ++account)
            ask(limiter, QStringLiteral("acc-%1").arg(account), 50); // 550 requests
        QCOMPARE(m_granted, 500);
        ask(limiter, QString()); // a platform call counts towards the token too
        QCOMPARE(m_granted, 500);
        QCOMPARE(limiter.delayFor(QString()), 10000);
        m_now += 10000;
        limiter.dispatch();
        QCOMPARE(m_granted, 551);
    }

    void shouldKeepFirstComeFirstServedWhenTheTokenIsFull()
    {
        RateLimiter limiter;
        limiter.setLimits({50, 2, 10000});
        pinClock(limiter);
        QList<QString> order;
        for (const QString &name : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                    QStringLiteral("d")})
            limiter.acquire(name, this, [&order, name] { order.append(name); });
        QCOMPARE(order, (QList<QString>{QStringLiteral("a"), QStringLiteral("b")}));
        m_now += 10000;
        limiter.dispatch();
        QCOMPARE(order, (QList<QString>{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                        QStringLiteral("d")}));
    }

    void shouldDropWithdrawnAndOrphanedRequests()
    {
        RateLimiter limiter;
        limiter.setLimits({1, 500, 10000});
        pinClock(limiter);
        ask(limiter, QStringLiteral("a"));
        const quint64 withdrawn = limiter.acquire(QStringLiteral("a"), this, [this] { m_granted += 100; });
        auto *context = new QObject;
        limiter.acquire(QStringLiteral("a"), context, [this] { m_granted += 1000; });
        QCOMPARE(limiter.waitingCount(), 2);
        limiter.withdraw(withdrawn);
        delete context;
        m_now += 20000;
        limiter.dispatch();
        QCOMPARE(m_granted, 1);
        QCOMPARE(limiter.waitingCount(), 0);
    }

    void shouldGrantHeldRequestFromItsOwnTimer()
    {
        // The real clock and a tiny window: the held request is granted by the limiter's timer,
        // with nobody calling dispatch().
        RateLimiter limiter;
        limiter.setLimits({1, 500, 20});
        ask(limiter, QStringLiteral("a"), 2);
        QCOMPARE(m_granted, 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_granted, 2, 5000);
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
