#include "sandbox/ratelimitwindow.h"

#include <algorithm>

namespace crmdesk::sandbox {

RateLimitWindow::State RateLimitWindow::count(const QString &key, int limit, const QDateTime &now)
{
    Window &window = m_windows[key];
    if (!window.start.isValid() || window.start.secsTo(now) >= kWindowSeconds) {
        window.start = now;
        window.used = 0;
    }
    ++window.used;
    State state;
    state.limit = limit;
    state.remaining = std::max(0, limit - window.used);
    state.exceeded = window.used > limit;
    state.resetSeconds = std::max<qint64>(1, kWindowSeconds - window.start.secsTo(now));
    return state;
}

} // namespace crmdesk::sandbox
