#include "inspector/headersview.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHeaderView>

namespace crmdesk {

namespace {
constexpr int HighlightRole = Qt::UserRole + 1;
} // namespace

HeadersView::HeadersView(QWidget *parent)
    : QTableWidget(0, 2, parent)
{
    setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    setWordWrap(true);
    setShowGrid(false);

    auto *copy = new QAction(tr("Copy"), this);
    copy->setObjectName(QStringLiteral("copyHeadersAction"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    addAction(copy);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(copy, &QAction::triggered, this,
            [this] { QApplication::clipboard()->setText(selectedText()); });
}

bool HeadersView::isRateLimitHeader(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return lower.startsWith("ratelimit-") || lower.startsWith("x-ratelimit-")
           || lower == "retry-after";
}

void HeadersView::setHeaders(const HeaderList &headers)
{
    clearContents();
    setRowCount(int(headers.size()));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    QFont bold = fixed;
    bold.setBold(true);
    for (int row = 0; row < headers.size(); ++row) {
        const auto &[name, value] = headers.at(row);
        auto *nameItem = new QTableWidgetItem(QString::fromLatin1(name));
        // Header values are bytes; show UTF-8 when it is, Latin-1 otherwise (RFC 9110 §5.5).
        const QString text = QString::fromUtf8(value);
        auto *valueItem = new QTableWidgetItem(text.contains(QChar::ReplacementCharacter)
                                                   ? QString::fromLatin1(value)
                                                   : text);
        nameItem->setFont(fixed);
        valueItem->setFont(fixed);
        if (isRateLimitHeader(name)) {
            const QString why = tr("Rate-limit information from the provider, normalized by Truto");
            for (QTableWidgetItem *item : {nameItem, valueItem}) {
                item->setFont(bold);
                item->setBackground(QColor(0xdd, 0xf4, 0xff));
                item->setToolTip(why);
                item->setData(HighlightRole, true);
            }
        }
        setItem(row, 0, nameItem);
        setItem(row, 1, valueItem);
    }
    resizeRowsToContents();
}

QStringList HeadersView::highlightedHeaders() const
{
    QStringList names;
    for (int row = 0; row < rowCount(); ++row) {
        if (item(row, 0)->data(HighlightRole).toBool())
            names << item(row, 0)->text();
    }
    return names;
}

QString HeadersView::selectedText() const
{
    QStringList lines;
    for (int row = 0; row < rowCount(); ++row) {
        if (item(row, 0)->isSelected())
            lines << item(row, 0)->text() + QStringLiteral(": ") + item(row, 1)->text();
    }
    return lines.join(u'\n');
}

} // namespace crmdesk
