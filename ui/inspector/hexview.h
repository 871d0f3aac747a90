#pragma once

#include <QAbstractScrollArea>
#include <QByteArray>

namespace crmdesk {

// Offset, hex and ASCII columns, sixteen bytes a row. Only the visible rows are ever
// formatted, so any size scrolls at once.
class HexView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    static constexpr int BytesPerRow = 16;

    explicit HexView(QWidget *parent = nullptr);

    // keepPosition: the bytes grew (a stream); stay where the user scrolled to.
    void setBytes(const QByteArray &bytes, bool keepPosition = false);
    const QByteArray &bytes() const { return m_bytes; }
    // Marks a byte range and scrolls it into view.
    void highlight(qint64 offset, qint64 length);
    qint64 highlightOffset() const { return m_highlightBegin; }
    qint64 firstVisibleRow() const;
    qint64 rowCount() const;
    // "00000010  7b 22 69 64 ...  |{"id...|"
    QString rowText(qint64 row) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void updateScrollBars();
    int visibleRows() const;
    int offsetDigits() const;
    int hexColumn(int byteInRow) const;
    int asciiColumn(int byteInRow) const;

    QByteArray m_bytes;
    qint64 m_highlightBegin = -1;
    qint64 m_highlightLength = 0;
};

} // namespace crmdesk
