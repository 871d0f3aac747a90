#include "inspector/hexview.h"

#include "inspect/inspectorformat.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>

namespace crmdesk {

HexView::HexView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Hex view"));
    horizontalScrollBar()->setRange(0, 0);
}

void HexView::setBytes(const QByteArray &bytes, bool keepPosition)
{
    const int position = verticalScrollBar()->value();
    m_bytes = bytes;
    if (!keepPosition) {
        m_highlightBegin = -1;
        m_highlightLength = 0;
    }
    updateScrollBars();
    verticalScrollBar()->setValue(keepPosition ? position : 0);
    setAccessibleDescription(inspectorformat::bytes(bytes.size()));
    viewport()->update();
}

qint64 HexView::rowCount() const
{
    return (m_bytes.size() + BytesPerRow - 1) / BytesPerRow;
}

qint64 HexView::firstVisibleRow() const
{
    return verticalScrollBar()->value();
}

int HexView::visibleRows() const
{
    return std::max(1, viewport()->height() / fontMetrics().height());
}

int HexView::offsetDigits() const
{
    return m_bytes.size() > 0xFFFFFFFFLL ? 12 : 8;
}

int HexView::hexColumn(int byteInRow) const
{
    return offsetDigits() + 2 + byteInRow * 3 + (byteInRow >= 8 ? 1 : 0);
}

int HexView::asciiColumn(int byteInRow) const
{
    return offsetDigits() + 2 + BytesPerRow * 3 + 1 + 1 + 1 + byteInRow;
}

QString HexView::rowText(qint64 row) const
{
    static const char digits[] = "0123456789abcdef";
    const qint64 begin = row * BytesPerRow;
    if (row < 0 || begin >= m_bytes.size())
        return {};
    const int count = int(std::min<qint64>(BytesPerRow, m_bytes.size() - begin));
    QString text(asciiColumn(BytesPerRow) + 1, u' ');
    const QString offset = QString::number(begin, 16).rightJustified(offsetDigits(), u'0');
    text.replace(0, offset.size(), offset);
    text[asciiColumn(0) - 1] = u'|';
    for (int i = 0; i < count; ++i) {
        const auto byte = static_cast<unsigned char>(m_bytes.at(begin + i));
        text[hexColumn(i)] = QLatin1Char(digits[byte >> 4]);
        text[hexColumn(i) + 1] = QLatin1Char(digits[byte & 0xF]);
        text[asciiColumn(i)] = byte >= 0x20 && byte < 0x7F ? QChar(char16_t(byte)) : QChar(u'.');
    }
    text[asciiColumn(count)] = u'|';
    text.truncate(asciiColumn(count) + 1);
    return text;
}

void HexView::highlight(qint64 offset, qint64 length)
{
    m_highlightBegin = offset;
    m_highlightLength = std::max<qint64>(1, length);
    const qint64 row = offset / BytesPerRow;
    if (row < firstVisibleRow() || row >= firstVisibleRow() + visibleRows())
        verticalScrollBar()->setValue(int(std::max<qint64>(0, row - visibleRows() / 3)));
    viewport()->update();
}

void HexView::updateScrollBars()
{
    const qint64 rows = rowCount();
    verticalScrollBar()->setRange(0, int(std::clamp<qint64>(rows - visibleRows(), 0, INT_MAX)));
    verticalScrollBar()->setPageStep(visibleRows());
    verticalScrollBar()->setSingleStep(1);
    const int width = fontMetrics().horizontalAdvance(u'0') * (asciiColumn(BytesPerRow) + 2);
    horizontalScrollBar()->setRange(0, std::max(0, width - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void HexView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.fillRect(viewport()->rect(), palette().base());
    const QFontMetrics metrics = fontMetrics();
    const int lineHeight = metrics.height();
    const int charWidth = metrics.horizontalAdvance(u'0');
    const int x0 = 6 - horizontalScrollBar()->value();
    const qint64 first = firstVisibleRow();
    const int rows = visibleRows() + 1;
    const QColor offsetColor(0x6e, 0x77, 0x81);
    for (int i = 0; i < rows; ++i) {
        const qint64 row = first + i;
        const qint64 begin = row * BytesPerRow;
        if (begin >= m_bytes.size())
            break;
        const int y = i * lineHeight;
        if (m_highlightBegin >= 0) {
            for (int b = 0; b < BytesPerRow; ++b) {
                const qint64 at = begin + b;
                if (at < m_highlightBegin || at >= m_highlightBegin + m_highlightLength)
                    continue;
                const QColor mark(0xff, 0xe5, 0x8f);
                painter.fillRect(x0 + hexColumn(b) * charWidth, y, 2 * charWidth, lineHeight, mark);
                painter.fillRect(x0 + asciiColumn(b) * charWidth, y, charWidth, lineHeight, mark);
            }
        }
        const QString text = rowText(row);
        painter.setPen(offsetColor);
        painter.drawText(x0, y + metrics.ascent(), text.left(offsetDigits()));
        painter.setPen(palette().text().color());
        painter.drawText(x0 + offsetDigits() * charWidth, y + metrics.ascent(),
                         text.mid(offsetDigits()));
    }
}

void HexView::scrollContentsBy(int, int)
{
    viewport()->update(); // the scroll bar counts rows, not pixels
}

void HexView::keyPressEvent(QKeyEvent *event)
{
    QScrollBar *bar = verticalScrollBar();
    switch (event->key()) {
    case Qt::Key_Up:
        bar->triggerAction(QAbstractSlider::SliderSingleStepSub);
        break;
    case Qt::Key_Down:
        bar->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        break;
    case Qt::Key_PageUp:
        bar->triggerAction(QAbstractSlider::SliderPageStepSub);
        break;
    case Qt::Key_PageDown:
        bar->triggerAction(QAbstractSlider::SliderPageStepAdd);
        break;
    case Qt::Key_Home:
        bar->setValue(0);
        break;
    case Qt::Key_End:
        bar->setValue(bar->maximum());
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace crmdesk
