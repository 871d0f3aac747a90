#include "inspect/bodysearch.h"

#include <algorithm>
#include <cstring>

namespace crmdesk::bodysearch {

namespace {

inline char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
}

qint64 findFrom(const QByteArray &haystack, const QByteArray &needle, qint64 from,
                const std::atomic_bool *cancel)
{
    const char *begin = haystack.constData();
    const char *end = begin + haystack.size();
    const char first = lower(needle.at(0));
    const char firstUpper = first >= 'a' && first <= 'z' ? char(first - ('a' - 'A')) : first;
    const qsizetype length = needle.size();
    const char *p = begin + from;
    // Next occurrence of the first byte in each case; each is searched again only once passed,
    // so a frequent letter never makes the scan quadratic.
    const auto next = [end](const char *at, char c) {
        const void *found = std::memchr(at, c, size_t(end - at));
        return found ? static_cast<const char *>(found) : end;
    };
    const char *nextLower = next(p, first);
    const char *nextUpper = first == firstUpper ? end : next(p, firstUpper);
    quint32 steps = 0;
    while (end - p >= length) {
        if (nextLower < p)
            nextLower = next(p, first);
        if (nextUpper < p && first != firstUpper)
            nextUpper = next(p, firstUpper);
        const char *hit = std::min(nextLower, nextUpper);
        if (end - hit < length)
            return -1;
        qsizetype i = 1;
        while (i < length && lower(hit[i]) == needle.at(i))
            ++i;
        if (i == length)
            return hit - begin;
        p = hit + 1;
        if (cancel && (++steps & 0xFFF) == 0 && cancel->load(std::memory_order_relaxed))
            return -1;
    }
    return -1;
}

} // namespace

qint64 findText(const QByteArray &haystack, const QString &needle, qint64 from,
                const std::atomic_bool *cancel)
{
    QByteArray pattern = needle.toUtf8();
    if (pattern.isEmpty() || haystack.isEmpty())
        return -1;
    for (char &c : pattern)
        c = lower(c);
    from = std::clamp<qint64>(from, 0, haystack.size());
    const qint64 found = findFrom(haystack, pattern, from, cancel);
    if (found >= 0 || from == 0)
        return found;
    return findFrom(haystack, pattern, 0, cancel); // wrap around
}

} // namespace crmdesk::bodysearch
