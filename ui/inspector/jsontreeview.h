#pragma once

#include <QTreeView>

class QMenu;

namespace crmdesk {

class JsonTreeModel;

// The tree of a JSON body: copy value (Ctrl+C) or path (Ctrl+Shift+C) from the keyboard or
// the context menu, and more rows of a long list as the user scrolls to its end.
class JsonTreeView : public QTreeView
{
    Q_OBJECT
public:
    explicit JsonTreeView(QWidget *parent = nullptr);

    // The previous selection model goes too; views otherwise keep one per model ever set.
    void setModel(QAbstractItemModel *model) override;
    JsonTreeModel *jsonModel() const;
    // Expands the ancestors of index, selects it and scrolls to it.
    void reveal(const QModelIndex &index);
    void copyValue();
    void copyPath();
    QMenu *contextMenu() const { return m_menu; }

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void fetchNearBottom();
    void updateActions();

    QMenu *m_menu;
    QAction *m_copyValue;
    QAction *m_copyPath;
    QAction *m_copyKey;
    QAction *m_expandChildren;
    QAction *m_collapseAll;
};

} // namespace crmdesk
