#include "inspect/jsonprettyprinter.h"

#include <algorithm>
#include <climits>
#include <cstring>

namespace crmdesk {

namespace {

inline bool isWhitespace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

inline bool isDelimiter(char c)
{
    return c == ',' || c == ']' || c == '}' || c == ':' || isWhitespace(c);
}

const char *closingQuote(const char *p, const char *end)
{
    for (;;) {
        const void *quote = std::memchr(p, '"', size_t(end - p));
        if (!quote)
            return end;
        const char *q = static_cast<const char *>(quote);
        // Count the backslashes right before it: an odd number escapes the quote.
        const char *b = q;
        while (b > p && b[-1] == '\\')
            --b;
        if ((q - b) % 2 == 0)
            return q;
        p = q + 1;
    }
}

// The formatting engine. With Emit false it only counts lines (pagination).
template <bool Emit>
struct Engine
{
    Engine(const char *begin, const char *stop, int lineLimit, qint64 mark = -1,
           bool stopWhenMarked = false)
        : base(begin)
        , end(stop)
        , maxLines(lineLimit)
        , markOffset(mark)
        , stopAtMark(stopWhenMarked)
    {
    }

    const char *base;
    const char *end;
    int maxLines;
    qint64 markOffset;
    bool stopAtMark;

    QByteArray out;
    int lines = 0;
    bool lineEmpty = true;
    int markLine = -1;
    int depth = 0;

    void write(const char *token, qsizetype length, const char *source)
    {
        // A token marks its line when it contains or follows markOffset.
        const qint64 sourceEnd = (source - base) + (token == source ? length : 1);
        if (markLine < 0 && markOffset >= 0 && sourceEnd > markOffset)
            markLine = lines;
        if constexpr (Emit) {
            if (lineEmpty)
                out.append(qsizetype(std::min(depth, JsonPrettyPrinter::MaxIndentDepth))
                               * JsonPrettyPrinter::IndentWidth,
                           ' ');
            out.append(token, length);
        }
        lineEmpty = false;
    }

    // Ends the current line; false when the page is full.
    bool endLine()
    {
        if (lineEmpty)
            return true;
        ++lines;
        lineEmpty = true;
        if (lines >= maxLines)
            return false;
        if constexpr (Emit)
            out.append('\n');
        return true;
    }

    JsonPrettyPrinter::Page run(JsonPrettyPrinter::Position from)
    {
        JsonPrettyPrinter::Page page;
        depth = from.depth;
        const char *p = base + from.offset;
        while (p < end) {
            if (stopAtMark && markLine >= 0)
                return finish(page, p);
            const char c = *p;
            if (isWhitespace(c)) {
                ++p;
                continue;
            }
            if (c == '{' || c == '[') {
                const char *q = p + 1;
                while (q < end && isWhitespace(*q))
                    ++q;
                if (q < end && *q == (c == '{' ? '}' : ']')) {
                    write(c == '{' ? "{}" : "[]", 2, p);
                    p = q + 1;
                    continue;
                }
                write(p, 1, p);
                ++depth;
                ++p;
                if (!endLine())
                    return finish(page, p);
            } else if (c == '}' || c == ']') {
                // The line break comes first; a page may end right before a closing bracket,
                // and the next page then starts with it at the right depth.
                if (!lineEmpty && !endLine())
                    return finish(page, p);
                --depth;
                write(p, 1, p);
                ++p;
            } else if (c == ',') {
                write(",", 1, p);
                ++p;
                if (!endLine())
                    return finish(page, p);
            } else if (c == ':') {
                write(": ", 2, p);
                ++p;
            } else if (c == '"') {
                const char *q = closingQuote(p + 1, end);
                q = std::min(q + 1, end);
                write(p, q - p, p);
                p = q;
            } else {
                const char *q = p;
                while (q < end && !isDelimiter(*q))
                    ++q;
                if (q == p)
                    ++q; // never stall on a stray byte
                write(p, q - p, p);
                p = q;
            }
        }
        if (!lineEmpty)
            ++lines;
        page.atEnd = true;
        return finish(page, p);
    }

    JsonPrettyPrinter::Page finish(JsonPrettyPrinter::Page &page, const char *p)
    {
        // A page that stopped just before trailing whitespace is really the last one.
        const char *rest = p;
        while (rest < end && isWhitespace(*rest))
            ++rest;
        page.atEnd = page.atEnd || rest == end;
        page.lines = lines;
        page.next = {p - base, depth};
        page.markLine = markLine;
        if constexpr (Emit)
            page.text = QString::fromUtf8(out);
        return page;
    }
};

} // namespace

JsonPrettyPrinter::Page JsonPrettyPrinter::format(const QByteArray &bytes, Position from,
                                                  int maxLines, qint64 markOffset)
{
    Engine<true> engine(bytes.constData(), bytes.constData() + bytes.size(),
                        maxLines > 0 ? maxLines : INT_MAX, markOffset);
    return engine.run(from);
}

int JsonPrettyPrinter::lineOf(const QByteArray &bytes, Position from, qint64 offset)
{
    Engine<false> engine(bytes.constData(), bytes.constData() + bytes.size(), INT_MAX, offset, true);
    return engine.run(from).markLine;
}

QList<JsonPrettyPrinter::Position> JsonPrettyPrinter::paginate(const QByteArray &bytes,
                                                               Position from, int pageLines,
                                                               const std::atomic_bool *cancel,
                                                               qint64 *totalLines)
{
    QList<Position> starts;
    qint64 lines = 0;
    Position at = from;
    for (;;) {
        starts.append(at);
        Engine<false> engine(bytes.constData(), bytes.constData() + bytes.size(), pageLines);
        const Page page = engine.run(at);
        lines += page.lines;
        if (page.atEnd || (cancel && cancel->load(std::memory_order_relaxed)))
            break;
        at = page.next;
    }
    if (totalLines)
        *totalLines = lines;
    return starts;
}

} // namespace crmdesk
