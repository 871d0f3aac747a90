#pragma once

#include <QStyledItemDelegate>

namespace crmdesk {

// Draws a connection as two lines: its name, and under it, dimmed, the detail line
// ("production · api.truto.one · in use") stored in DetailRole.
class ProfileListDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    static constexpr int DetailRole = Qt::UserRole + 1;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace crmdesk
