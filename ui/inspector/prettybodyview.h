#pragma once

#include "inspect/backgroundtask.h"
#include "inspect/bodydocument.h"
#include "inspect/jsonprettyprinter.h"
#include "inspect/inspectorformat.h"

#include <QWidget>

#include <memory>

namespace crmdesk {

class PagedTextView;

// Indented, highlighted JSON. Formatting runs off the UI thread; above the large-body
// threshold the text comes in pages of PageLines lines (product principle 5).
class PrettyBodyView : public QWidget
{
    Q_OBJECT
public:
    // Each shown line costs the text engine about half a kilobyte: pages stay small.
    static constexpr int PageLines = 1000;

    explicit PrettyBodyView(QWidget *parent = nullptr);
    ~PrettyBodyView() override;

    void setDocument(std::shared_ptr<const BodyDocument> document);
    void setLargeBodyThreshold(qint64 bytes);
    // Starts formatting the first time the view is needed.
    void ensureLoaded();
    bool isReady() const { return m_ready; }
    bool isPaged() const { return m_paged; }
    PagedTextView *view() const { return m_view; }
    // Shows the line holding the byte at offset; selects needle on it when given.
    void reveal(qint64 offset, const QString &needle = {});

Q_SIGNALS:
    void ready();

private:
    void reset();
    void showPage(int page);
    void applyReveal();

    PagedTextView *m_view;
    std::shared_ptr<const BodyDocument> m_document;
    qint64 m_threshold = DefaultLargeBodyThreshold;
    CancelFlag m_cancel;
    QList<JsonPrettyPrinter::Position> m_pages;
    bool m_started = false;
    bool m_ready = false;
    bool m_paged = false;
    qint64 m_revealOffset = -1;
    QString m_revealNeedle;
};

} // namespace crmdesk
