#pragma once

#include <QWidget>

class QLabel;
class QSpinBox;
class QToolButton;

namespace crmdesk {

class ProgressiveTextEdit;

// A text view with a notice line above it and, when the text is split into pages, a pager
// below it. The owner supplies each page's text when pageRequested is emitted.
class PagedTextView : public QWidget
{
    Q_OBJECT
public:
    explicit PagedTextView(const QString &objectName, QWidget *parent = nullptr);

    ProgressiveTextEdit *editor() const { return m_editor; }
    void setNotice(const QString &text); // empty hides it
    QString notice() const;
    void setPageCount(int count);        // 1 or less hides the pager
    int pageCount() const { return m_pageCount; }
    int currentPage() const { return m_page; }
    // Shows page (0-based) with text; the pager follows.
    void showPage(int page, const QString &text);
    void clear();

Q_SIGNALS:
    void pageRequested(int page);

private:
    void request(int page);

    ProgressiveTextEdit *m_editor;
    QLabel *m_notice;
    QWidget *m_pager;
    QToolButton *m_first;
    QToolButton *m_previous;
    QToolButton *m_next;
    QToolButton *m_last;
    QSpinBox *m_pageBox;
    QLabel *m_pageLabel;
    int m_pageCount = 1;
    int m_page = 0;
};

} // namespace crmdesk
