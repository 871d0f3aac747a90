#include "inspect/jsonindex.h"

#include "inspect/textsniff.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace crmdesk {

namespace {

using uchar = unsigned char;

inline bool isWhitespace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

inline const char *skipWhitespace(const char *p, const char *end)
{
    while (p < end && isWhitespace(*p))
        ++p;
    return p;
}

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

inline bool isHexDigit(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Skips bytes that need no attention inside a string: anything but '"', '\\', control
// characters and non-ASCII bytes. Sixteen bytes at a time where SSE2 exists (all x86-64).
inline const char *skipPlainStringBytes(const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        // Signed compare: bytes >= 0x80 are negative, so "< 0x20" also catches them.
        const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote),
                                                          _mm_cmpeq_epi8(v, backslash)),
                                             _mm_cmplt_epi8(v, space));
        const int mask = _mm_movemask_epi8(special);
        if (mask != 0)
            return p + __builtin_ctz(unsigned(mask));
        p += 16;
    }
#endif
    while (p < end) {
        const uchar c = uchar(*p);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
            return p;
        ++p;
    }
    return p;
}

// Finds the closing quote of a string already known to be valid (p is just after the
// opening quote): only quotes and backslashes matter.
inline const char *findClosingQuote(const char *p, const char *end)
{
    for (;;) {
#if defined(__SSE2__)
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        while (end - p >= 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
            const int mask = _mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
            if (mask != 0) {
                p += __builtin_ctz(unsigned(mask));
                break;
            }
            p += 16;
        }
#endif
        while (p < end && *p != '"' && *p != '\\')
            ++p;
        if (p >= end || *p == '"')
            return p;
        p += 2; // an escape: the next byte can never end the string
    }
}

// One past a valid JSON number starting at p, or nullptr when p holds no valid number.
const char *scanNumber(const char *p, const char *end)
{
    if (p < end && *p == '-')
        ++p;
    if (p >= end)
        return nullptr;
    if (*p == '0') {
        ++p;
    } else if (*p >= '1' && *p <= '9') {
        while (p < end && isDigit(*p))
            ++p;
    } else {
        return nullptr;
    }
    if (p < end && *p == '.') {
        const char *digits = ++p;
        while (p < end && isDigit(*p))
            ++p;
        if (p == digits)
            return nullptr;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        ++p;
        if (p < end && (*p == '+' || *p == '-'))
            ++p;
        const char *digits = p;
        while (p < end && isDigit(*p))
            ++p;
        if (p == digits)
            return nullptr;
    }
    return p;
}

// Validates the string whose opening quote is at open. Returns one past the closing quote, or
// nullptr with *errorAt and *message set.
const char *scanString(const char *open, const char *end, const char **errorAt, const char **message)
{
    const char *q = open + 1;
    for (;;) {
        q = skipPlainStringBytes(q, end);
        if (q == end) {
            *errorAt = open;
            *message = QT_TRANSLATE_NOOP("JsonIndex", "A string is not closed");
            return nullptr;
        }
        const uchar u = uchar(*q);
        if (u == '"')
            return q + 1;
        if (u == '\\') {
            const char e = q + 1 < end ? q[1] : '\0';
            if (e == 'u') {
                if (end - q < 6 || !isHexDigit(q[2]) || !isHexDigit(q[3]) || !isHexDigit(q[4])
                    || !isHexDigit(q[5])) {
                    *errorAt = q;
                    *message = QT_TRANSLATE_NOOP("JsonIndex", "Invalid \\u escape in a string");
                    return nullptr;
                }
                q += 6;
            } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n'
                       || e == 'r' || e == 't') {
                q += 2;
            } else {
                *errorAt = q;
                *message = QT_TRANSLATE_NOOP("JsonIndex", "Invalid escape in a string");
                return nullptr;
            }
        } else if (u < 0x20) {
            *errorAt = q;
            *message = QT_TRANSLATE_NOOP("JsonIndex", "Control character inside a string");
            return nullptr;
        } else {
            const int length = textsniff::utf8SequenceLength(reinterpret_cast<const uchar *>(q),
                                                  reinterpret_cast<const uchar *>(end));
            if (length == 0) {
                *errorAt = q;
                *message = QT_TRANSLATE_NOOP("JsonIndex", "Invalid UTF-8 in a string");
                return nullptr;
            }
            q += length;
        }
    }
}

} // namespace

QString typeName(JsonType type)
{
    switch (type) {
    case JsonType::Null:
        return QStringLiteral("null");
    case JsonType::Bool:
        return QStringLiteral("boolean");
    case JsonType::Number:
        return QStringLiteral("number");
    case JsonType::String:
        return QStringLiteral("string");
    case JsonType::Object:
        return QStringLiteral("object");
    case JsonType::Array:
        return QStringLiteral("array");
    }
    return {};
}

JsonIndex::Container &JsonIndex::appendContainer()
{
    const size_t block = size_t(m_containerCount) >> BlockBits;
    if (block == m_blocks.size()) {
        m_blocks.emplace_back();
        // Small bodies stay small; later blocks are full-sized and never reallocate.
        m_blocks.back().reserve(block == 0 ? 64 : BlockSize);
    }
    ++m_containerCount;
    return m_blocks[block].emplace_back();
}

JsonIndex JsonIndex::build(const QByteArray &bytes, const std::atomic_bool *cancel)
{
    enum class Expect { Value, ValueOrClose, Key, KeyOrClose, Colon, CommaOrClose, End };

    JsonIndex index;
    index.m_bytes = bytes;
    const char *const base = bytes.constData();
    const char *const end = base + bytes.size();
    const char *p = base;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        p += 3;

    const char *errorAt = nullptr;
    const char *message = nullptr;
    const auto fail = [&errorAt, &message](const char *where, const char *what) {
        errorAt = where;
        message = what;
    };

    struct Open
    {
        int id;
        bool object;
    };
    std::vector<Open> stack; // open containers, innermost last
    stack.reserve(64);
    Expect expect = Expect::Value;
    quint32 steps = 0;

    // p is at the '}' or ']' of the innermost open container.
    const auto closeContainer = [&index, &stack, &p, &expect, base] {
        Container &closed = index.mutableContainer(stack.back().id);
        closed.close = p - base;
        closed.next = index.m_containerCount;
        stack.pop_back();
        ++p;
        if (stack.empty()) {
            index.m_rootEnd = p - base;
            expect = Expect::End;
        } else {
            expect = Expect::CommaOrClose;
        }
    };

    while (!errorAt) {
        p = skipWhitespace(p, end);
        if (p == end)
            break;
        if (cancel && (++steps & 0xFFFF) == 0 && cancel->load(std::memory_order_relaxed)) {
            fail(p, QT_TRANSLATE_NOOP("JsonIndex", "Parsing was cancelled"));
            break;
        }
        const char c = *p;
        switch (expect) {
        case Expect::Value:
        case Expect::ValueOrClose: {
            if (expect == Expect::ValueOrClose && c == ']') {
                closeContainer();
                continue;
            }
            if (!stack.empty() && !stack.back().object)
                ++index.mutableContainer(stack.back().id).childCount; // members count at keys
            if (stack.empty())
                index.m_rootBegin = p - base;
            if (c == '{' || c == '[') {
                const int id = index.m_containerCount;
                index.appendContainer().open = p - base;
                stack.push_back({id, c == '{'});
                index.m_maxDepth = std::max(index.m_maxDepth, int(stack.size()));
                expect = c == '{' ? Expect::KeyOrClose : Expect::ValueOrClose;
                ++p;
                continue;
            }
            const char *valueEnd = nullptr;
            if (c == '"') {
                valueEnd = scanString(p, end, &errorAt, &message);
                if (!valueEnd)
                    break;
            } else if (c == '-' || isDigit(c)) {
                valueEnd = scanNumber(p, end);
                if (!valueEnd) {
                    fail(p, QT_TRANSLATE_NOOP("JsonIndex", "Invalid number"));
                    break;
                }
            } else if (c == 't' && end - p >= 4 && std::memcmp(p, "true", 4) == 0) {
                valueEnd = p + 4;
            } else if (c == 'f' && end - p >= 5 && std::memcmp(p, "false", 5) == 0) {
                valueEnd = p + 5;
            } else if (c == 'n' && end - p >= 4 && std::memcmp(p, "null", 4) == 0) {
                valueEnd = p + 4;
            } else {
                fail(p, QT_TRANSLATE_NOOP("JsonIndex", "Unexpected character where a value should start"));
                break;
            }
            p = valueEnd;
            if (stack.empty()) {
                index.m_rootEnd = p - base;
                expect = Expect::End;
            } else {
                expect = Expect::CommaOrClose;
            }
            continue;
        }
        case Expect::Key:
        case Expect::KeyOrClose: {
            if (expect == Expect::KeyOrClose && c == '}') {
                closeContainer();
                continue;
            }
            if (c != '"') {
                fail(p, QT_TRANSLATE_NOOP("JsonIndex", "Expected a quoted key"));
                break;
            }
            const char *keyEnd = scanString(p, end, &errorAt, &message);
            if (!keyEnd)
                break;
            ++index.mutableContainer(stack.back().id).childCount;
            p = keyEnd;
            expect = Expect::Colon;
            continue;
        }
        case Expect::Colon:
            if (c != ':') {
                fail(p, QT_TRANSLATE_NOOP("JsonIndex", "Expected ':' after an object key"));
                break;
            }
            ++p;
            expect = Expect::Value;
            continue;
        case Expect::CommaOrClose: {
            const bool inObject = stack.back().object;
            if (c == ',') {
                ++p;
                expect = inObject ? Expect::Key : Expect::Value;
                continue;
            }
            if (c == (inObject ? '}' : ']')) {
                closeContainer();
                continue;
            }
            fail(p, inObject ? QT_TRANSLATE_NOOP("JsonIndex", "Expected ',' or '}' in an object")
                             : QT_TRANSLATE_NOOP("JsonIndex", "Expected ',' or ']' in an array"));
            break;
        }
        case Expect::End:
            fail(p, QT_TRANSLATE_NOOP("JsonIndex", "Unexpected text after the end of the JSON value"));
            break;
        }
    }

    if (!errorAt && expect != Expect::End) {
        fail(end, index.m_rootBegin < 0 ? QT_TRANSLATE_NOOP("JsonIndex", "The body is empty")
                                        : QT_TRANSLATE_NOOP("JsonIndex", "The body ends before the JSON value is complete"));
    }
    if (errorAt) {
        Error &error = index.m_error;
        error.offset = errorAt - base;
        error.message = QCoreApplication::translate("JsonIndex", message);
        error.line = 1 + int(std::count(base, errorAt, '\n'));
        const char *lineStart = errorAt;
        while (lineStart > base && lineStart[-1] != '\n')
            --lineStart;
        error.column = 1 + int(errorAt - lineStart);
        // A failed index keeps no containers: nothing may walk a half-built structure.
        index.m_blocks.clear();
        index.m_containerCount = 0;
    }
    return index;
}

JsonType JsonIndex::rootType() const
{
    return m_rootBegin < 0 ? JsonType::Null : typeAt(m_rootBegin);
}

int JsonIndex::containerAt(qint64 offset) const
{
    int lo = 0;
    int hi = m_containerCount - 1;
    while (lo <= hi) {
        const int mid = lo + (hi - lo) / 2;
        const qint64 open = container(mid).open;
        if (open == offset)
            return mid;
        if (open < offset)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

JsonType JsonIndex::typeAt(qint64 offset) const
{
    switch (m_bytes.at(offset)) {
    case '{':
        return JsonType::Object;
    case '[':
        return JsonType::Array;
    case '"':
        return JsonType::String;
    case 't':
    case 'f':
        return JsonType::Bool;
    case 'n':
        return JsonType::Null;
    default:
        return JsonType::Number;
    }
}

qint64 JsonIndex::scalarEnd(qint64 begin) const
{
    const char *base = m_bytes.constData();
    const char *end = base + m_bytes.size();
    const char *p = base + begin;
    switch (*p) {
    case '"':
        return findClosingQuote(p + 1, end) + 1 - base;
    case 't':
    case 'n':
        return begin + 4;
    case 'f':
        return begin + 5;
    default: {
        const char *numberEnd = scanNumber(p, end);
        return numberEnd ? numberEnd - base : begin;
    }
    }
}

QString JsonIndex::decodeString(qint64 begin, qint64 end) const
{
    return decodeString(m_bytes.constData() + begin, m_bytes.constData() + end);
}

QString JsonIndex::decodeString(const char *begin, const char *end)
{
    const char *p = begin + 1;
    const char *stop = end - 1;
    const char *backslash = static_cast<const char *>(std::memchr(p, '\\', size_t(stop - p)));
    if (!backslash)
        return QString::fromUtf8(p, stop - p);

    QString out;
    out.reserve(stop - p);
    while (p < stop) {
        const char *run = static_cast<const char *>(std::memchr(p, '\\', size_t(stop - p)));
        if (!run)
            run = stop;
        out += QString::fromUtf8(p, run - p);
        if (run == stop)
            break;
        const char e = run[1];
        p = run + 2;
        switch (e) {
        case 'b':
            out += QChar(u'\b');
            break;
        case 'f':
            out += QChar(u'\f');
            break;
        case 'n':
            out += QChar(u'\n');
            break;
        case 'r':
            out += QChar(u'\r');
            break;
        case 't':
            out += QChar(u'\t');
            break;
        case 'u':
            // UTF-16 code units go in as they are: surrogate pairs recombine by themselves.
            out += QChar(char16_t(QByteArray(p, 4).toUShort(nullptr, 16)));
            p += 4;
            break;
        default: // '"', '\\', '/'
            out += QLatin1Char(e);
            break;
        }
    }
    return out;
}

QString JsonIndex::scalarText(qint64 begin, qint64 end) const
{
    if (m_bytes.at(begin) == '"')
        return decodeString(begin, end);
    return QString::fromLatin1(m_bytes.constData() + begin, end - begin);
}

QByteArray JsonIndex::slice(qint64 begin, qint64 end) const
{
    return m_bytes.mid(begin, end - begin);
}

JsonChildIterator::JsonChildIterator(const JsonIndex *index, int container)
    : m_index(index)
{
    if (!index || container < 0 || container >= index->containerCount())
        return;
    const JsonIndex::Container &c = index->container(container);
    m_pos = c.open + 1;
    m_nextContainer = container + 1;
    m_remaining = c.childCount;
    m_object = index->isObject(container);
}

bool JsonChildIterator::next(JsonChild *child)
{
    if (m_remaining <= 0)
        return false;
    const char *base = m_index->bytes().constData();
    const char *end = base + m_index->bytes().size();
    const char *p = skipWhitespace(base + m_pos, end);
    if (m_object) {
        child->keyBegin = p - base;
        p = findClosingQuote(p + 1, end) + 1;
        child->keyEnd = p - base;
        p = skipWhitespace(p, end) + 1; // ':'
        p = skipWhitespace(p, end);
    } else {
        child->keyBegin = child->keyEnd = -1;
    }
    child->valueBegin = p - base;
    if (*p == '{' || *p == '[') {
        child->container = m_nextContainer;
        const JsonIndex::Container &c = m_index->container(m_nextContainer);
        child->valueEnd = c.close + 1;
        child->type = *p == '{' ? JsonType::Object : JsonType::Array;
        m_nextContainer = c.next;
    } else {
        child->container = -1;
        child->type = m_index->typeAt(child->valueBegin);
        child->valueEnd = m_index->scalarEnd(child->valueBegin);
    }
    p = skipWhitespace(base + child->valueEnd, end);
    if (p < end && *p == ',')
        ++p;
    m_pos = p - base;
    --m_remaining;
    ++m_position;
    return true;
}

} // namespace crmdesk
