#include "inspector/rawbodyview.h"

#include "inspector/hexview.h"
#include "inspect/inspectorformat.h"
#include "inspector/pagedtextview.h"
#include "inspector/progressivetextedit.h"
#include "inspect/textsniff.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace crmdesk {

RawBodyView::RawBodyView(QWidget *parent)
    : QWidget(parent)
    , m_textButton(new QToolButton(this))
    , m_hexButton(new QToolButton(this))
    , m_stack(new QStackedWidget(this))
    , m_text(new PagedTextView(QStringLiteral("rawView"), this))
    , m_hex(new HexView(this))
{
    setObjectName(QStringLiteral("rawBodyView"));
    m_text->editor()->setAccessibleName(tr("Raw body"));
    m_text->editor()->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_hex->setObjectName(QStringLiteral("rawHexView"));

    m_textButton->setObjectName(QStringLiteral("rawTextButton"));
    m_textButton->setText(tr("Text"));
    m_textButton->setAccessibleName(tr("Show raw body as text"));
    m_hexButton->setObjectName(QStringLiteral("rawHexButton"));
    m_hexButton->setText(tr("Hex"));
    m_hexButton->setAccessibleName(tr("Show raw body as hex"));
    auto *group = new QButtonGroup(this);
    for (QToolButton *button : {m_textButton, m_hexButton}) {
        button->setCheckable(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        group->addButton(button);
    }
    m_textButton->setChecked(true);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(new QLabel(tr("Show as:"), this));
    bar->addWidget(m_textButton);
    bar->addWidget(m_hexButton);
    bar->addStretch();

    m_stack->addWidget(m_text);
    m_stack->addWidget(m_hex);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    connect(m_textButton, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            setHexMode(false);
    });
    connect(m_hexButton, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            setHexMode(true);
    });
    connect(m_text, &PagedTextView::pageRequested, this, &RawBodyView::showPage);
}

void RawBodyView::setDocument(std::shared_ptr<const BodyDocument> document)
{
    m_document = std::move(document);
    m_text->clear();
    m_hex->setBytes({});
    m_textLoaded = false;
    m_hexLoaded = false;
    m_revealOffset = -1;
    // Only the mode: the text or hex is built when the view is shown (ensureLoaded).
    const bool hex = m_document && m_document->kind == BodyKind::Binary;
    m_stack->setCurrentWidget(hex ? static_cast<QWidget *>(m_hex) : m_text);
    const QSignalBlocker textBlocker(m_textButton);
    const QSignalBlocker hexBlocker(m_hexButton);
    (hex ? m_hexButton : m_textButton)->setChecked(true);
}

void RawBodyView::setLargeBodyThreshold(qint64 bytes)
{
    if (bytes == m_threshold)
        return;
    m_threshold = bytes;
    if (m_textLoaded) {
        m_textLoaded = false;
        ensureLoaded();
    }
}

bool RawBodyView::isHexMode() const
{
    return m_stack->currentWidget() == m_hex;
}

void RawBodyView::setHexMode(bool hex)
{
    const bool changed = hex != isHexMode();
    m_stack->setCurrentWidget(hex ? static_cast<QWidget *>(m_hex) : m_text);
    (hex ? m_hexButton : m_textButton)->setChecked(true);
    ensureLoaded();
    if (changed && m_revealOffset >= 0)
        reveal(m_revealOffset, m_revealLength);
}

void RawBodyView::ensureLoaded()
{
    if (!m_document)
        return;
    if (isHexMode()) {
        if (!m_hexLoaded) {
            m_hexLoaded = true;
            m_hex->setBytes(m_document->bytes);
        }
        return;
    }
    if (m_textLoaded)
        return;
    m_textLoaded = true;
    const qint64 size = m_document->bytes.size();
    if (size == 0) {
        m_text->clear();
        m_text->setNotice(tr("The body is empty."));
        return;
    }
    m_paged = size > m_threshold;
    m_pageCount = m_paged ? int((size + PageBytes - 1) / PageBytes) : 1;
    QStringList notes;
    if (!m_document->validUtf8) {
        QString encoding;
        textsniff::decode(m_document->bytes.left(4096), m_document->charset, &encoding);
        notes << tr("Not valid UTF-8: shown as %1. Hex shows the exact bytes.").arg(encoding);
    }
    if (m_paged)
        notes << tr("Larger than %1: shown in pages of %2. Save body keeps every byte.")
                     .arg(inspectorformat::bytes(m_threshold), inspectorformat::bytes(PageBytes));
    m_text->setNotice(notes.join(u' '));
    m_text->setPageCount(m_pageCount);
    showPage(0);
}

qint64 RawBodyView::pageStart(int page) const
{
    if (!m_paged || page <= 0)
        return 0;
    const QByteArray &bytes = m_document->bytes;
    qint64 at = std::min<qint64>(qint64(page) * PageBytes, bytes.size());
    // Never cut a UTF-8 sequence in two: start at its lead byte.
    if (m_document->validUtf8) {
        while (at > 0 && at < bytes.size() && (uchar(bytes.at(at)) & 0xC0) == 0x80)
            --at;
    }
    return at;
}

int RawBodyView::pageOf(qint64 offset) const
{
    if (!m_paged)
        return 0;
    int page = int(std::min<qint64>(offset / PageBytes, m_pageCount - 1));
    while (page + 1 < m_pageCount && pageStart(page + 1) <= offset)
        ++page;
    while (page > 0 && pageStart(page) > offset)
        --page;
    return page;
}

QString RawBodyView::decodeRange(qint64 begin, qint64 end) const
{
    const QByteArrayView bytes(m_document->bytes.constData() + begin, end - begin);
    return m_document->validUtf8 ? QString::fromUtf8(bytes)
                                 : textsniff::decode(bytes, m_document->charset);
}

void RawBodyView::showPage(int page)
{
    const qint64 begin = pageStart(page);
    const qint64 end = page + 1 < m_pageCount ? pageStart(page + 1) : m_document->bytes.size();
    m_text->showPage(page, decodeRange(begin, end));
}

void RawBodyView::reveal(qint64 offset, qint64 length)
{
    if (!m_document || offset < 0 || offset >= m_document->bytes.size())
        return;
    m_revealOffset = offset;
    m_revealLength = length;
    ensureLoaded();
    if (isHexMode()) {
        m_hex->highlight(offset, length);
        return;
    }
    const int page = pageOf(offset);
    if (page != m_text->currentPage())
        showPage(page);
    const qint64 begin = pageStart(page);
    const QString before = decodeRange(begin, offset);
    const int line = int(before.count(u'\n'));
    const int column = int(before.size() - (before.lastIndexOf(u'\n') + 1));
    const qint64 end = std::min<qint64>(offset + length, m_document->bytes.size());
    m_text->editor()->selectText(line, column, int(decodeRange(offset, end).size()));
}

} // namespace crmdesk
