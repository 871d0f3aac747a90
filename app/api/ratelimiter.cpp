#include "api/ratelimiter.h"

#include <QElapsedTimer>

#include <algorithm>
#include <memory>

namespace crmdesk {

RateLimiter::RateLimiter(QObject *parent) : QObject(parent)
{
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    m_clock = [elapsed] { return elapsed->elapsed(); };
    m_wake.setSingleShot(true);
    connect(&m_wake, &QTimer::timeout, this, &RateLimiter::dispatch);
}

void RateLimiter::setLimits(const Limits &limits)
{
    m_limits = limits;
    dispatch();
}

void RateLimiter::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

quint64 RateLimiter::acquire(const QString &accountId, QObject *context,
                             std::function<void()> granted)
{
    const quint64 ticket = m_nextTicket++;
    m_waiting.push_back(Waiter{ticket, accountId, context, std::move(granted)});
    dispatch();
    return ticket;
}

void RateLimiter::withdraw(quint64 ticket)
{
    const auto it = std::find_if(m_waiting.begin(), m_waiting.end(),
                                 [ticket](const Waiter &waiter) { return waiter.ticket == ticket; });
    if (it != m_waiting.end())
        m_waiting.erase(it);
    if (m_waiting.empty())
        m_wake.stop();
}

qint64 RateLimiter::delayFor(const QString &accountId) const
{
    const qint64 now = m_clock();
    forgetExpired(now);
    // A slot frees when the send that filled the window leaves it.
    const auto freesAt = [this](const std::deque<qint64> &sends, int cap) {
        return sends[sends.size() - size_t(std::max(1, cap))] + m_limits.windowMs;
    };
    qint64 delay = 0;
    if (tokenFull())
        delay = freesAt(m_tokenSends, m_limits.perToken) - now;
    if (!accountId.isEmpty() && accountFull(accountId))
        delay = std::max(delay, freesAt(m_accountSends.value(accountId), m_limits.perAccount) - now);
    return std::max<qint64>(0, delay);
}

void RateLimiter::dispatch()
{
    const qint64 now = m_clock();
    forgetExpired(now);
    // Callbacks run after the queue is consistent again: a granted request may start another.
    std::vector<std::function<void()>> grants;
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
        if (!it->context) {
            it = m_waiting.erase(it);
            continue;
        }
        if (tokenFull())
            break; // nobody may go; keep the order for when the token window frees
        if (!it->accountId.isEmpty() && accountFull(it->accountId)) {
            ++it; // one saturated account must not hold back calls for the others
            continue;
        }
        record(it->accountId, now);
        grants.push_back(std::move(it->granted));
        it = m_waiting.erase(it);
    }
    scheduleWake();
    for (const std::function<void()> &granted : grants)
        granted();
}

void RateLimiter::forgetExpired(qint64 now) const
{
    const qint64 cutoff = now - m_limits.windowMs;
    while (!m_tokenSends.empty() && m_tokenSends.front() <= cutoff)
        m_tokenSends.pop_front();
    for (auto it = m_accountSends.begin(); it != m_accountSends.end();) {
        while (!it->empty() && it->front() <= cutoff)
            it->pop_front();
        it = it->empty() ? m_accountSends.erase(it) : std::next(it);
    }
}

bool RateLimiter::tokenFull() const
{
    return m_tokenSends.size() >= size_t(std::max(1, m_limits.perToken));
}

bool RateLimiter::accountFull(const QString &accountId) const
{
    const auto it = m_accountSends.constFind(accountId);
    return it != m_accountSends.constEnd() && it->size() >= size_t(std::max(1, m_limits.perAccount));
}

void RateLimiter::record(const QString &accountId, qint64 now)
{
    m_tokenSends.push_back(now);
    if (!accountId.isEmpty())
        m_accountSends[accountId].push_back(now);
}

void RateLimiter::scheduleWake()
{
    if (m_waiting.empty()) {
        m_wake.stop();
        return;
    }
    qint64 soonest = m_limits.windowMs;
    for (const Waiter &waiter : m_waiting)
        soonest = std::min(soonest, delayFor(waiter.accountId));
    m_wake.start(int(std::clamp<qint64>(soonest, 1, m_limits.windowMs)));
}

} // namespace crmdesk
