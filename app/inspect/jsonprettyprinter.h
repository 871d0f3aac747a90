#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>

namespace crmdesk {

// Indented JSON text, produced a page at a time from any line start, so that an 80 MB body
// never has to exist as 200 MB of pretty text (product principle 5). The input must be valid
// JSON (see JsonIndex); bytes inside strings are copied unchanged.
class JsonPrettyPrinter
{
public:
    static constexpr int IndentWidth = 2;
    // Deeper levels keep this indentation: 5000 nested arrays stay readable, not 50 MB wide.
    static constexpr int MaxIndentDepth = 40;

    // A line start: the next token's byte offset and the nesting depth there.
    struct Position
    {
        qint64 offset = 0;
        int depth = 0;
        bool operator==(const Position &other) const = default;
    };

    struct Page
    {
        QString text;     // lines joined by '\n', no trailing newline
        int lines = 0;
        Position next;    // where the following page starts
        bool atEnd = false;
        int markLine = -1; // line of the first token at or after markOffset, -1 if none
    };

    static Page format(const QByteArray &bytes, Position from, int maxLines,
                       qint64 markOffset = -1);
    // The line (counted from from) on which the first token at or after offset starts.
    static int lineOf(const QByteArray &bytes, Position from, qint64 offset);
    // The start of every page of pageLines lines, beginning with from. Runs off the UI thread.
    static QList<Position> paginate(const QByteArray &bytes, Position from, int pageLines,
                                    const std::atomic_bool *cancel = nullptr,
                                    qint64 *totalLines = nullptr);
};

} // namespace crmdesk
