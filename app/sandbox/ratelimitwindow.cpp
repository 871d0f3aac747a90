#include "sandbox/ratelimitwindow.h"

#include <algorithm>

namespace crmdesk::sandbox {

RateLimitWindow::State RateLimitWindow::count(const QString &key, int limit, const QDateTime &now)
{
    Window &window = m_windows[key];
    if (!window.start.isValid() || window.start.secsTo(now) >= m_windowSeconds) {
        window.start = now;
        window.used = 0;
    }
    ++window.used;
    State state;
    state.limit = limit;
    state.remaining = std::max(0, limit - window.used);
    state.exceeded = window.used > limit;
    state.resetSeconds = std::max<qint64>(1, m_windowSeconds - window.start.secsTo(now));
    return state;
}

} // namespace crmdesk::sandbox
