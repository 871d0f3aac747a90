#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <deque>
#include <functional>

namespace crmdesk {

// Client-side throttle (contract §8.3): at most 50 requests per 10 s per integrated account and
// 500 per 10 s for the token this client uses. It schedules rather than blocks: a request that
// would exceed a window waits in a queue and is granted from a timer when the window frees.
class RateLimiter : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; // monotonic milliseconds

    struct Limits
    {
        int perAccount = 50;
        int perToken = 500;
        qint64 windowMs = 10000;
    };

    explicit RateLimiter(QObject *parent = nullptr);

    void setLimits(const Limits &limits);
    const Limits &limits() const { return m_limits; }
    // Tests pin time with their own clock and then call dispatch() instead of sleeping.
    void setClock(Clock clock);

    // Asks to send one request. accountId is the integrated_account_id query parameter; empty
    // for platform calls, which count towards the token only (§8.3). `granted` runs at once when
    // a slot is free, else later; never if context is destroyed first. Returns a ticket for
    // withdraw().
    quint64 acquire(const QString &accountId, QObject *context, std::function<void()> granted);
    // Drops a request that is still waiting; harmless when it was granted already.
    void withdraw(quint64 ticket);

    // Milliseconds until a request for accountId could go out; 0 when it could now.
    qint64 delayFor(const QString &accountId) const;
    qsizetype waitingCount() const { return qsizetype(m_waiting.size()); }

public Q_SLOTS:
    // Grants, in order, every waiting request the windows allow now, then re-arms the timer.
    void dispatch();

private:
    struct Waiter
    {
        quint64 ticket = 0;
        QString accountId;
        QPointer<QObject> context;
        std::function<void()> granted;
    };

    void forgetExpired(qint64 now) const;
    bool tokenFull() const;
    bool accountFull(const QString &accountId) const;
    void record(const QString &accountId, qint64 now);
    void scheduleWake();

    Limits m_limits;
    Clock m_clock;
    // Send times inside the current window, oldest first. Mutable: expiring old entries does
    // not change what the limiter allows.
    mutable std::deque<qint64> m_tokenSends;
    mutable QHash<QString, std::deque<qint64>> m_accountSends;
    std::deque<Waiter> m_waiting;
    quint64 m_nextTicket = 1;
    QTimer m_wake;
};

} // namespace crmdesk
