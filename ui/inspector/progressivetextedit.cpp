#include "inspector/progressivetextedit.h"

#include "inspector/lazyhighlighting.h"

#include <QMimeData>
#include <QScrollBar>
#include <QTextBlock>

#include <algorithm>

namespace crmdesk {

ProgressiveTextEdit::ProgressiveTextEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &ProgressiveTextEdit::insertSlice);
}

void ProgressiveTextEdit::setHighlighter(QSyntaxHighlighter *highlighter)
{
    m_lazy = new LazyHighlighting(this, highlighter,
                                  [this](int block) { return isContinuation(block); });
}

void ProgressiveTextEdit::clearText()
{
    m_timer.stop();
    m_source.clear();
    m_position = 0;
    m_needsNewline = false;
    m_nextBlock = 0;
    m_continuations.clear();
    m_pending = {};
    clear();
}

void ProgressiveTextEdit::setTextProgressively(const QString &text)
{
    clearText();
    m_source = text;
    insertSlice();
}

void ProgressiveTextEdit::insertSlice()
{
    QString slice;
    slice.reserve(SliceChars + MaxBlockChars + 16);
    int block = m_nextBlock;
    while (m_position < m_source.size() && slice.size() < SliceChars) {
        qsizetype lineEnd = m_source.indexOf(u'\n', m_position);
        if (lineEnd < 0)
            lineEnd = m_source.size();
        if (m_needsNewline) {
            slice += u'\n';
            ++block;
        }
        // Split a long line where no surrogate pair is cut.
        qsizetype at = m_position;
        while (lineEnd - at > MaxBlockChars) {
            qsizetype cut = at + MaxBlockChars;
            if (m_source.at(cut - 1).isHighSurrogate())
                --cut;
            slice += QStringView(m_source).mid(at, cut - at);
            slice += u'\n';
            ++block;
            m_continuations.push_back(block);
            at = cut;
        }
        slice += QStringView(m_source).mid(at, lineEnd - at);
        m_needsNewline = lineEnd < m_source.size();
        m_position = lineEnd < m_source.size() ? lineEnd + 1 : lineEnd;
    }
    if (m_position >= m_source.size() && m_needsNewline) {
        slice += u'\n'; // the text ends with a newline: keep the empty last line
        ++block;
        m_needsNewline = false;
    }
    m_nextBlock = block;

    if (!slice.isEmpty()) {
        const bool first = document()->isEmpty();
        QTextCursor cursor(document());
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(slice);
        if (first) {
            // The view's own cursor was pushed to the end of the insert: keyboard reading
            // starts at the top.
            QTextCursor top(document());
            setTextCursor(top);
        }
        if (m_lazy)
            m_lazy->highlightVisible();
    }
    if (m_position < m_source.size()) {
        m_timer.start();
        return;
    }
    m_source.clear(); // the document holds the text now
    m_position = 0;
    applySelection();
    Q_EMIT loadFinished();
}

bool ProgressiveTextEdit::isContinuation(int block) const
{
    return std::binary_search(m_continuations.begin(), m_continuations.end(), block);
}

int ProgressiveTextEdit::blockForLine(int line) const
{
    // Block b shows line b - (continuations up to b): step until the two agree.
    int block = line;
    for (;;) {
        const int before = int(std::upper_bound(m_continuations.begin(), m_continuations.end(), block)
                               - m_continuations.begin());
        const int candidate = line + before;
        if (candidate == block)
            return block;
        block = candidate;
    }
}

void ProgressiveTextEdit::selectInLine(int line, const QString &needle)
{
    m_pending = {line, 0, -1, needle};
    if (!isLoading())
        applySelection();
}

void ProgressiveTextEdit::selectText(int line, int column, int length)
{
    m_pending = {line, column, length, QString()};
    if (!isLoading())
        applySelection();
}

void ProgressiveTextEdit::selectLine(int line)
{
    selectText(line, 0, -1);
}

void ProgressiveTextEdit::applySelection()
{
    if (m_pending.line < 0)
        return;
    Pending wanted = m_pending;
    m_pending = {};
    QTextBlock block = document()->findBlockByNumber(blockForLine(wanted.line));
    if (!block.isValid())
        return;
    if (!wanted.needle.isEmpty()) {
        QString lineText = block.text();
        for (QTextBlock next = block.next(); next.isValid() && isContinuation(next.blockNumber());
             next = next.next())
            lineText += next.text();
        const qsizetype column = lineText.indexOf(wanted.needle, 0, Qt::CaseInsensitive);
        if (column >= 0) {
            wanted.column = int(column);
            wanted.length = int(wanted.needle.size());
        }
    }
    // Walk continuation blocks until the column falls inside one.
    int column = wanted.column;
    while (column > block.length() - 1 && block.next().isValid()
           && isContinuation(block.blockNumber() + 1)) {
        column -= block.length() - 1;
        block = block.next();
    }
    QTextCursor cursor(block);
    if (wanted.length < 0) {
        QTextBlock last = block;
        while (last.next().isValid() && isContinuation(last.blockNumber() + 1))
            last = last.next();
        cursor.setPosition(last.position() + last.length() - 1, QTextCursor::KeepAnchor);
    } else {
        cursor.setPosition(block.position() + std::min(column, block.length() - 1));
        const int end = std::min(cursor.position() + wanted.length, document()->characterCount() - 1);
        cursor.setPosition(end, QTextCursor::KeepAnchor);
    }
    setTextCursor(cursor);
    centerCursor();
}

QString ProgressiveTextEdit::joinedText(int fromPosition, int toPosition) const
{
    QString out;
    QTextBlock block = document()->findBlock(fromPosition);
    while (block.isValid() && block.position() <= toPosition) {
        const int begin = std::max(fromPosition, block.position()) - block.position();
        const int end = std::min(toPosition, block.position() + block.length() - 1) - block.position();
        if (block.position() > fromPosition && !isContinuation(block.blockNumber()))
            out += u'\n';
        if (end > begin)
            out += block.text().mid(begin, end - begin);
        block = block.next();
    }
    return out;
}

QString ProgressiveTextEdit::text() const
{
    return joinedText(0, document()->characterCount() - 1);
}

QMimeData *ProgressiveTextEdit::createMimeDataFromSelection() const
{
    const QTextCursor cursor = textCursor();
    auto *data = new QMimeData;
    data->setText(joinedText(cursor.selectionStart(), cursor.selectionEnd()));
    return data;
}

} // namespace crmdesk
