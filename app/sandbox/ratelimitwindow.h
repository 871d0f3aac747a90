#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>

namespace crmdesk::sandbox {

// Counts requests in fixed 10-second windows and reports them in the ratelimit-* headers
// Truto sends (contract §6.4, §8.3): 50 per integrated account, 500 per token for calls without
// an account. The sandbox does not refuse requests over the limit unless asked to
// (SandboxServer::setEnforceRateLimit); a 429 on demand comes from the fault "429".
class RateLimitWindow
{
public:
    static constexpr int kWindowSeconds = 10;
    static constexpr int kPerAccount = 50;
    static constexpr int kPerToken = 500;

    struct State
    {
        int limit = 0;
        int remaining = 0;
        int resetSeconds = 0;
        bool exceeded = false;
    };

    // The window's length; tests and benchmarks shorten it (default kWindowSeconds).
    void setWindowSeconds(int seconds) { m_windowSeconds = seconds; }
    int windowSeconds() const { return m_windowSeconds; }
    // Counts one request against key and returns the state after it.
    State count(const QString &key, int limit, const QDateTime &now);

private:
    struct Window
    {
        QDateTime start;
        int used = 0;
    };
    QHash<QString, Window> m_windows;
    int m_windowSeconds = kWindowSeconds;
};

} // namespace crmdesk::sandbox
