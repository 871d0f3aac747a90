#include "inspector/jsonhighlighter.h"

namespace crmdesk {

namespace {

enum BlockState { Normal = 0, InsideString = 1 };

// Index just past the closing quote of a string whose content starts at from, or -1 when the
// string runs on into the next block.
qsizetype stringEnd(const QString &text, qsizetype from)
{
    for (qsizetype i = from; i < text.size(); ++i) {
        if (text.at(i) == u'\\')
            ++i;
        else if (text.at(i) == u'"')
            return i + 1;
    }
    return -1;
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    m_key.setForeground(QColor(0x95, 0x38, 0x00));
    m_string.setForeground(QColor(0x1a, 0x7f, 0x37));
    m_number.setForeground(QColor(0x05, 0x50, 0xae));
    m_literal.setForeground(QColor(0x82, 0x50, 0xdf));
    m_literal.setFontWeight(QFont::DemiBold);
    m_punctuation.setForeground(QColor(0x6e, 0x77, 0x81));
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    setCurrentBlockState(Normal);
    qsizetype i = 0;
    if (previousBlockState() == InsideString) {
        const qsizetype end = stringEnd(text, 0);
        setFormat(0, end < 0 ? text.size() : end, m_string);
        if (end < 0) {
            setCurrentBlockState(InsideString);
            return;
        }
        i = end;
    }
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c == u'"') {
            const qsizetype end = stringEnd(text, i + 1);
            if (end < 0) {
                setFormat(int(i), int(text.size() - i), m_string);
                setCurrentBlockState(InsideString);
                return;
            }
            // A string followed by ':' is a key.
            qsizetype next = end;
            while (next < text.size() && text.at(next) == u' ')
                ++next;
            const bool isKey = next < text.size() && text.at(next) == u':';
            setFormat(int(i), int(end - i), isKey ? m_key : m_string);
            i = end;
        } else if (c == u'-' || c.isDigit()) {
            qsizetype end = i + 1;
            while (end < text.size()
                   && (text.at(end).isDigit() || text.at(end) == u'.' || text.at(end) == u'e'
                       || text.at(end) == u'E' || text.at(end) == u'+' || text.at(end) == u'-'))
                ++end;
            setFormat(int(i), int(end - i), m_number);
            i = end;
        } else if (c == u't' || c == u'f' || c == u'n') {
            qsizetype end = i;
            while (end < text.size() && text.at(end).isLetter())
                ++end;
            setFormat(int(i), int(end - i), m_literal);
            i = end;
        } else {
            if (c == u'{' || c == u'}' || c == u'[' || c == u']' || c == u',' || c == u':')
                setFormat(int(i), 1, m_punctuation);
            ++i;
        }
    }
}

} // namespace crmdesk
