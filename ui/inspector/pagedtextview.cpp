#include "inspector/pagedtextview.h"

#include "inspector/progressivetextedit.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace crmdesk {

PagedTextView::PagedTextView(const QString &objectName, QWidget *parent)
    : QWidget(parent)
    , m_editor(new ProgressiveTextEdit(this))
    , m_notice(new QLabel(this))
    , m_pager(new QWidget(this))
    , m_first(new QToolButton(m_pager))
    , m_previous(new QToolButton(m_pager))
    , m_next(new QToolButton(m_pager))
    , m_last(new QToolButton(m_pager))
    , m_pageBox(new QSpinBox(m_pager))
    , m_pageLabel(new QLabel(m_pager))
{
    setObjectName(objectName);
    m_editor->setObjectName(objectName + QStringLiteral("Text"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_notice->setObjectName(objectName + QStringLiteral("Notice"));
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->setStyleSheet(QStringLiteral(
        "QLabel { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 4px; padding: 6px; }"));
    m_notice->hide();

    m_pager->setObjectName(objectName + QStringLiteral("Pager"));
    const auto setUp = [objectName](QToolButton *button, const QString &name, const QString &text,
                                    const QString &accessible) {
        button->setObjectName(objectName + name);
        button->setText(text);
        button->setToolTip(accessible);
        button->setAccessibleName(accessible);
        button->setAutoRaise(true);
    };
    setUp(m_first, QStringLiteral("FirstPage"), QStringLiteral("⏮"), tr("First page"));
    setUp(m_previous, QStringLiteral("PreviousPage"), QStringLiteral("◀"), tr("Previous page"));
    setUp(m_next, QStringLiteral("NextPage"), QStringLiteral("▶"), tr("Next page"));
    setUp(m_last, QStringLiteral("LastPage"), QStringLiteral("⏭"), tr("Last page"));
    m_pageBox->setObjectName(objectName + QStringLiteral("PageNumber"));
    m_pageBox->setAccessibleName(tr("Page number"));
    m_pageBox->setKeyboardTracking(false);
    m_pageLabel->setObjectName(objectName + QStringLiteral("PageLabel"));

    auto *pagerLayout = new QHBoxLayout(m_pager);
    pagerLayout->setContentsMargins(0, 0, 0, 0);
    pagerLayout->addStretch();
    pagerLayout->addWidget(m_first);
    pagerLayout->addWidget(m_previous);
    pagerLayout->addWidget(new QLabel(tr("Page"), m_pager));
    pagerLayout->addWidget(m_pageBox);
    pagerLayout->addWidget(m_pageLabel);
    pagerLayout->addWidget(m_next);
    pagerLayout->addWidget(m_last);
    pagerLayout->addStretch();
    m_pager->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_notice);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_pager);

    connect(m_first, &QToolButton::clicked, this, [this] { request(0); });
    connect(m_previous, &QToolButton::clicked, this, [this] { request(m_page - 1); });
    connect(m_next, &QToolButton::clicked, this, [this] { request(m_page + 1); });
    connect(m_last, &QToolButton::clicked, this, [this] { request(m_pageCount - 1); });
    connect(m_pageBox, &QSpinBox::valueChanged, this, [this](int value) { request(value - 1); });
}

void PagedTextView::setNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

QString PagedTextView::notice() const
{
    return m_notice->text();
}

void PagedTextView::setPageCount(int count)
{
    m_pageCount = std::max(1, count);
    {
        const QSignalBlocker blocker(m_pageBox);
        m_pageBox->setRange(1, m_pageCount);
    }
    m_pageLabel->setText(tr("of %1").arg(m_pageCount));
    m_pager->setVisible(m_pageCount > 1);
}

void PagedTextView::showPage(int page, const QString &text)
{
    m_page = std::clamp(page, 0, m_pageCount - 1);
    {
        const QSignalBlocker blocker(m_pageBox);
        m_pageBox->setValue(m_page + 1);
    }
    m_first->setEnabled(m_page > 0);
    m_previous->setEnabled(m_page > 0);
    m_next->setEnabled(m_page < m_pageCount - 1);
    m_last->setEnabled(m_page < m_pageCount - 1);
    m_editor->setTextProgressively(text);
}

void PagedTextView::clear()
{
    m_editor->clearText();
    setNotice({});
    setPageCount(1);
    m_page = 0;
}

void PagedTextView::request(int page)
{
    if (page < 0 || page >= m_pageCount || page == m_page)
        return;
    Q_EMIT pageRequested(page);
}

} // namespace crmdesk
