#include "inspector/jsontreeview.h"

#include "inspector/jsontreemodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QMenu>

namespace crmdesk {

namespace {
// Rows from the end of a partly listed container at which the next batch is fetched.
constexpr int FetchMargin = 50;
} // namespace

JsonTreeView::JsonTreeView(QWidget *parent)
    : QTreeView(parent)
    , m_menu(new QMenu(this))
    , m_copyValue(new QAction(tr("Copy value"), this))
    , m_copyPath(new QAction(tr("Copy path"), this))
    , m_copyKey(new QAction(tr("Copy key"), this))
    , m_expandChildren(new QAction(tr("Expand children"), this))
    , m_collapseAll(new QAction(tr("Collapse all"), this))
{
    setUniformRowHeights(true); // lets the view skip measuring a million rows
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setAccessibleName(tr("Response tree"));
    header()->setStretchLastSection(false);

    m_menu->setObjectName(QStringLiteral("jsonTreeMenu"));
    m_copyValue->setObjectName(QStringLiteral("copyValueAction"));
    m_copyValue->setShortcut(QKeySequence::Copy);
    m_copyPath->setObjectName(QStringLiteral("copyPathAction"));
    m_copyPath->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyKey->setObjectName(QStringLiteral("copyKeyAction"));
    m_expandChildren->setObjectName(QStringLiteral("expandChildrenAction"));
    m_collapseAll->setObjectName(QStringLiteral("collapseAllAction"));
    for (QAction *action : {m_copyValue, m_copyPath, m_copyKey, m_expandChildren, m_collapseAll}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setShortcutVisibleInContextMenu(true);
        addAction(action);
    }
    m_menu->addAction(m_copyValue);
    m_menu->addAction(m_copyPath);
    m_menu->addAction(m_copyKey);
    m_menu->addSeparator();
    m_menu->addAction(m_expandChildren);
    m_menu->addAction(m_collapseAll);

    connect(m_copyValue, &QAction::triggered, this, &JsonTreeView::copyValue);
    connect(m_copyPath, &QAction::triggered, this, &JsonTreeView::copyPath);
    connect(m_copyKey, &QAction::triggered, this, [this] {
        const QModelIndex current = currentIndex();
        if (current.isValid())
            QApplication::clipboard()->setText(current.siblingAtColumn(0).data().toString());
    });
    connect(m_expandChildren, &QAction::triggered, this, [this] {
        // One level only: "expand all" on a million rows is what freezes other viewers.
        const QModelIndex current = currentIndex().siblingAtColumn(0);
        expand(current);
        const int rows = model()->rowCount(current);
        for (int row = 0; row < rows && row < JsonTreeModel::BatchSize; ++row)
            expand(model()->index(row, 0, current));
    });
    connect(m_collapseAll, &QAction::triggered, this, &QTreeView::collapseAll);
}

void JsonTreeView::setModel(QAbstractItemModel *model)
{
    QItemSelectionModel *old = selectionModel();
    QTreeView::setModel(model);
    if (old && old->parent() == this)
        old->deleteLater();
}

JsonTreeModel *JsonTreeView::jsonModel() const
{
    return qobject_cast<JsonTreeModel *>(model());
}

void JsonTreeView::reveal(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        expand(parent);
    setCurrentIndex(index.siblingAtColumn(0));
    scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void JsonTreeView::copyValue()
{
    const QModelIndex current = currentIndex();
    if (JsonTreeModel *json = jsonModel(); json && current.isValid())
        QApplication::clipboard()->setText(json->copyText(current.siblingAtColumn(0)));
}

void JsonTreeView::copyPath()
{
    const QModelIndex current = currentIndex();
    if (JsonTreeModel *json = jsonModel(); json && current.isValid())
        QApplication::clipboard()->setText(json->path(current.siblingAtColumn(0)));
}

void JsonTreeView::updateActions()
{
    const QModelIndex current = currentIndex();
    const bool has = current.isValid();
    m_copyValue->setEnabled(has);
    m_copyPath->setEnabled(has);
    m_copyKey->setEnabled(has);
    m_expandChildren->setEnabled(has && model()->hasChildren(current.siblingAtColumn(0)));
}

void JsonTreeView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex at = indexAt(event->pos());
    if (at.isValid())
        setCurrentIndex(at);
    updateActions();
    m_menu->popup(event->globalPos()); // not exec(): no nested event loop
    event->accept();
}

void JsonTreeView::scrollContentsBy(int dx, int dy)
{
    QTreeView::scrollContentsBy(dx, dy);
    if (dy != 0)
        fetchNearBottom();
}

void JsonTreeView::fetchNearBottom()
{
    JsonTreeModel *source = jsonModel();
    if (!source)
        return;
    QModelIndex at = indexAt(QPoint(1, viewport()->height() - 2));
    if (!at.isValid()) {
        // The rows end above the bottom edge: the last shown row is the one to look at.
        at = source->index(source->rowCount() - 1, 0);
        while (at.isValid() && isExpanded(at) && source->rowCount(at) > 0)
            at = source->index(source->rowCount(at) - 1, 0, at);
    }
    for (; at.isValid(); at = at.parent()) {
        const QModelIndex parent = at.parent();
        if (at.row() >= source->rowCount(parent) - FetchMargin && source->hasMore(parent)) {
            source->requestMore(parent);
            return;
        }
    }
}

} // namespace crmdesk
