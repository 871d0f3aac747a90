#pragma once

#include "inspect/bodydocument.h"
#include "inspect/inspectorformat.h"

#include <QWidget>

#include <memory>

class QStackedWidget;
class QToolButton;

namespace crmdesk {

class HexView;
class PagedTextView;

// The body exactly as received: as text (decoded for display only, in pages of PageBytes
// above the large-body threshold) or as hex. Binary bodies open in hex.
class RawBodyView : public QWidget
{
    Q_OBJECT
public:
    static constexpr qint64 PageBytes = 64 * 1024;

    explicit RawBodyView(QWidget *parent = nullptr);

    void setDocument(std::shared_ptr<const BodyDocument> document);
    void setLargeBodyThreshold(qint64 bytes);
    void ensureLoaded();
    void setHexMode(bool hex);
    bool isHexMode() const;
    // Shows and selects length bytes at offset, in whichever mode is active.
    void reveal(qint64 offset, qint64 length);

    PagedTextView *textView() const { return m_text; }
    HexView *hexView() const { return m_hex; }

private:
    void showPage(int page);
    qint64 pageStart(int page) const;
    int pageOf(qint64 offset) const;
    QString decodeRange(qint64 begin, qint64 end) const;

    QToolButton *m_textButton;
    QToolButton *m_hexButton;
    QStackedWidget *m_stack;
    PagedTextView *m_text;
    HexView *m_hex;
    std::shared_ptr<const BodyDocument> m_document;
    qint64 m_threshold = DefaultLargeBodyThreshold;
    bool m_textLoaded = false;
    bool m_hexLoaded = false;
    bool m_paged = false;
    int m_pageCount = 1;
    qint64 m_revealOffset = -1; // shown again when the mode changes
    qint64 m_revealLength = 0;
};

} // namespace crmdesk
