#pragma once

#include <QPlainTextEdit>
#include <QTimer>

#include <vector>

class QSyntaxHighlighter;

namespace crmdesk {

class LazyHighlighting;

// A read-only text view that never blocks the UI thread on large text: text goes in slices
// over several event-loop turns, and lines longer than MaxBlockChars are split into
// continuation blocks (a single 1 MB line takes the layout engine most of a second).
// Copying and text() join continuation blocks back, so what is copied is what was set.
// A highlighter given to setHighlighter() runs lazily (LazyHighlighting), on shown blocks.
class ProgressiveTextEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    // Short enough that laying out the blocks on screen stays cheap in time and memory.
    static constexpr int MaxBlockChars = 1024;
    static constexpr int SliceChars = 32 * 1024;

    explicit ProgressiveTextEdit(QWidget *parent = nullptr);

    // Takes over highlighter (already set on document()) so that it highlights lazily.
    void setHighlighter(QSyntaxHighlighter *highlighter);
    void setTextProgressively(const QString &text);
    void clearText();
    bool isLoading() const { return m_timer.isActive(); }

    // The text as set (so far), lines joined with '\n'.
    QString text() const;
    // Selects a range given in lines and columns of the text as set, and shows it. Applied
    // once the text has loaded when it is still loading.
    void selectText(int line, int column, int length);
    void selectLine(int line);
    // Selects the first occurrence of needle (case-insensitive) in line, else the whole line.
    void selectInLine(int line, const QString &needle);

Q_SIGNALS:
    void loadFinished();

protected:
    QMimeData *createMimeDataFromSelection() const override;

private:
    void insertSlice();
    void applySelection();
    bool isContinuation(int block) const;
    int blockForLine(int line) const;
    QString joinedText(int fromPosition, int toPosition) const;

    QString m_source;
    qsizetype m_position = 0;
    bool m_needsNewline = false;
    int m_nextBlock = 0;
    std::vector<int> m_continuations; // block numbers that continue the previous block
    LazyHighlighting *m_lazy = nullptr;
    QTimer m_timer;
    struct Pending
    {
        int line = -1;
        int column = 0;
        int length = -1; // -1: the whole line
        QString needle;
    } m_pending;
};

} // namespace crmdesk
