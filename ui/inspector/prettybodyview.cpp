#include "inspector/prettybodyview.h"

#include "inspect/inspectorformat.h"
#include "inspector/jsonhighlighter.h"
#include "inspector/pagedtextview.h"
#include "inspector/progressivetextedit.h"

#include <QVBoxLayout>

#include <algorithm>

namespace crmdesk {

namespace {

struct Plan
{
    QString wholeText; // below the threshold
    QList<JsonPrettyPrinter::Position> pages;
};

} // namespace

PrettyBodyView::PrettyBodyView(QWidget *parent)
    : QWidget(parent)
    , m_view(new PagedTextView(QStringLiteral("prettyView"), this))
{
    setObjectName(QStringLiteral("prettyBodyView"));
    m_view->editor()->setAccessibleName(tr("Pretty JSON"));
    m_view->editor()->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->editor()->setHighlighter(new JsonHighlighter(m_view->editor()->document()));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    connect(m_view, &PagedTextView::pageRequested, this, &PrettyBodyView::showPage);
}

PrettyBodyView::~PrettyBodyView()
{
    cancelTask(m_cancel);
}

void PrettyBodyView::reset()
{
    // The document stays: only what was built from it goes.
    cancelTask(m_cancel);
    m_view->clear();
    m_pages.clear();
    m_started = false;
    m_ready = false;
    m_paged = false;
    m_revealOffset = -1;
}

void PrettyBodyView::setDocument(std::shared_ptr<const BodyDocument> document)
{
    reset();
    m_document = std::move(document);
}

void PrettyBodyView::setLargeBodyThreshold(qint64 bytes)
{
    if (bytes == m_threshold)
        return;
    m_threshold = bytes;
    if (m_started) {
        // Re-lay out what is shown: whole text or pages.
        reset();
        ensureLoaded();
    }
}

void PrettyBodyView::ensureLoaded()
{
    if (m_started || !m_document)
        return;
    m_started = true;
    const BodyDocument &document = *m_document;
    // Nothing to format: the notice is all there is, and it is there now.
    m_ready = !document.isValidJson();
    if (document.kind == BodyKind::Empty) {
        m_view->setNotice(tr("The body is empty."));
        return;
    }
    if (document.kind != BodyKind::Json) {
        m_view->setNotice(tr("Pretty view formats JSON. This body is %1; the Raw tab shows it as received.")
                              .arg(document.contentType.isEmpty()
                                       ? tr("not JSON")
                                       : QString::fromLatin1(document.contentType)));
        return;
    }
    if (!document.isValidJson()) {
        const JsonIndex::Error &error = document.index->error();
        m_view->setNotice(tr("Not valid JSON: %1 (line %2, column %3). The Raw tab shows the body as received.")
                              .arg(error.message)
                              .arg(error.line)
                              .arg(error.column));
        return;
    }
    m_view->setNotice(tr("Formatting %1…").arg(inspectorformat::bytes(document.bytes.size())));
    const std::shared_ptr<const BodyDocument> shared = m_document;
    const qint64 threshold = m_threshold;
    m_cancel = runInBackground(
        this,
        [shared, threshold](const std::atomic_bool *cancelled) {
            Plan plan;
            const JsonPrettyPrinter::Position start{shared->index->rootBegin(), 0};
            if (shared->bytes.size() <= threshold)
                plan.wholeText = JsonPrettyPrinter::format(shared->bytes, start, 0).text;
            else
                plan.pages = JsonPrettyPrinter::paginate(shared->bytes, start, PageLines, cancelled);
            return plan;
        },
        [this](const Plan &plan) {
            m_cancel.reset();
            m_ready = true;
            m_paged = !plan.pages.isEmpty();
            if (m_paged) {
                m_pages = plan.pages;
                m_view->setNotice(tr("Larger than %1: shown in pages of %2 lines. Save body keeps every byte.")
                                      .arg(inspectorformat::bytes(m_threshold))
                                      .arg(PageLines));
                m_view->setPageCount(int(m_pages.size()));
                showPage(0);
            } else {
                m_view->setNotice({});
                m_view->setPageCount(1);
                m_view->showPage(0, plan.wholeText);
            }
            applyReveal();
            Q_EMIT ready();
        });
}

void PrettyBodyView::showPage(int page)
{
    if (!m_paged || page < 0 || page >= m_pages.size())
        return;
    // One page is a few hundred kilobytes of text: formatting it takes a few milliseconds.
    const JsonPrettyPrinter::Page text = JsonPrettyPrinter::format(m_document->bytes,
                                                                   m_pages.at(page), PageLines);
    m_view->showPage(page, text.text);
}

void PrettyBodyView::reveal(qint64 offset, const QString &needle)
{
    m_revealOffset = offset;
    m_revealNeedle = needle;
    ensureLoaded();
    if (m_ready)
        applyReveal();
}

void PrettyBodyView::applyReveal()
{
    if (m_revealOffset < 0 || !m_document || !m_document->isValidJson())
        return;
    const qint64 offset = m_revealOffset;
    m_revealOffset = -1;
    JsonPrettyPrinter::Position from{m_document->index->rootBegin(), 0};
    if (m_paged) {
        const auto after = std::upper_bound(m_pages.cbegin(), m_pages.cend(), offset,
                                            [](qint64 value, const JsonPrettyPrinter::Position &p) {
                                                return value < p.offset;
                                            });
        const int page = std::max(0, int(after - m_pages.cbegin()) - 1);
        from = m_pages.at(page);
        if (page != m_view->currentPage())
            showPage(page);
    }
    const int line = JsonPrettyPrinter::lineOf(m_document->bytes, from, offset);
    if (line >= 0)
        m_view->editor()->selectInLine(line, m_revealNeedle);
}

} // namespace crmdesk
