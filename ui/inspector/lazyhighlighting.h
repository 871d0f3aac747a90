#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QPlainTextEdit;
class QSyntaxHighlighter;
class QTextBlock;

namespace crmdesk {

// Runs a QSyntaxHighlighter on the blocks that are on screen, once each, instead of on every
// block as it is inserted. Highlighting a block gives it a QTextLayout (about half a kilobyte)
// and costs shaping time; in a 5,000-line page or a fast stream most lines are never seen.
class LazyHighlighting : public QObject
{
    Q_OBJECT
public:
    // continuesPrevious(n) says block n is the rest of block n-1's line (a long line split for
    // layout), so that a string running across them keeps its colour. With settleMs > 0 the
    // shown blocks are highlighted only once the view has not changed for that long: a fast
    // stream scrolls lines past faster than colouring them is worth.
    LazyHighlighting(QPlainTextEdit *editor, QSyntaxHighlighter *highlighter,
                     std::function<bool(int block)> continuesPrevious = {}, int settleMs = 0);

    void highlightVisible();
    static bool isHighlighted(const QTextBlock &block);

private:
    void prepare(int position, int removed, int added);
    void highlight(const QTextBlock &block);

    QPlainTextEdit *m_editor;
    QPointer<QSyntaxHighlighter> m_highlighter;
    std::function<bool(int)> m_continuesPrevious;
    QTimer m_settle;
    bool m_busy = false;
};

} // namespace crmdesk
