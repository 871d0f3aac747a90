#include "inspector/lazyhighlighting.h"

#include <QPlainTextEdit>
#include <QSyntaxHighlighter>
#include <QTextBlock>

namespace crmdesk {

namespace {

// Marks a block as highlighted; owned and deleted by the document with the block.
class Highlighted : public QTextBlockUserData
{
};

} // namespace

LazyHighlighting::LazyHighlighting(QPlainTextEdit *editor, QSyntaxHighlighter *highlighter,
                                   std::function<bool(int)> continuesPrevious, int settleMs)
    : QObject(editor)
    , m_editor(editor)
    , m_highlighter(highlighter)
    , m_continuesPrevious(std::move(continuesPrevious))
{
    QTextDocument *document = editor->document();
    // QSyntaxHighlighter re-highlights every inserted block; from here on only shown ones are.
    disconnect(document, &QTextDocument::contentsChange, highlighter, nullptr);
    connect(document, &QTextDocument::contentsChange, this, &LazyHighlighting::prepare);
    if (settleMs <= 0) {
        connect(editor, &QPlainTextEdit::updateRequest, this, &LazyHighlighting::highlightVisible);
        return;
    }
    m_settle.setSingleShot(true);
    m_settle.setInterval(settleMs);
    connect(&m_settle, &QTimer::timeout, this, &LazyHighlighting::highlightVisible);
    connect(editor, &QPlainTextEdit::updateRequest, this, [this] {
        if (!m_busy)
            m_settle.start();
    });
}

bool LazyHighlighting::isHighlighted(const QTextBlock &block)
{
    return dynamic_cast<Highlighted *>(block.userData()) != nullptr;
}

void LazyHighlighting::prepare(int position, int, int added)
{
    // New blocks start as "normal" (state 0), not unknown (-1): rehighlightBlock() then stops
    // at the block asked for instead of running on through the rest of the document.
    QTextDocument *document = m_editor->document();
    const QTextBlock last = document->findBlock(position + added);
    for (QTextBlock block = document->findBlock(position); block.isValid(); block = block.next()) {
        if (block.userState() == -1)
            block.setUserState(0);
        if (block == last)
            break;
    }
}

void LazyHighlighting::highlightVisible()
{
    if (!m_highlighter || m_busy)
        return;
    m_busy = true;
    const QTextBlock first = m_editor->cursorForPosition(QPoint(0, 0)).block();
    const QTextBlock last =
        m_editor->cursorForPosition(QPoint(0, m_editor->viewport()->height() - 1)).block();
    for (QTextBlock block = first; block.isValid(); block = block.next()) {
        highlight(block);
        if (block == last)
            break;
    }
    m_busy = false;
}

void LazyHighlighting::highlight(const QTextBlock &block)
{
    if (isHighlighted(block))
        return;
    // A continuation needs its line's earlier blocks first.
    QTextBlock start = block;
    while (m_continuesPrevious && m_continuesPrevious(start.blockNumber())
           && start.previous().isValid() && !isHighlighted(start.previous()))
        start = start.previous();
    for (QTextBlock b = start; b.isValid(); b = b.next()) {
        m_highlighter->rehighlightBlock(b);
        QTextBlock(b).setUserData(new Highlighted);
        if (b == block)
            break;
    }
}

} // namespace crmdesk
