#include "connections/profilelistdelegate.h"

#include <QApplication>
#include <QPainter>

namespace crmdesk {

namespace {
constexpr int kPadding = 6;
constexpr int kLineGap = 2;
} // namespace

void ProfileListDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString title = opt.text;
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // background, focus

    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal
                                                                         : QPalette::Disabled;
    const QRect area = opt.rect.adjusted(kPadding, kPadding / 2, -kPadding, -kPadding / 2);
    const QFontMetrics titleMetrics(opt.font);
    QFont detailFont = opt.font;
    detailFont.setBold(false);
    detailFont.setPointSizeF(detailFont.pointSizeF() * 0.9);
    const QFontMetrics detailMetrics(detailFont);

    painter->save();
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    const QRect titleRect(area.left(), area.top(), area.width(), titleMetrics.height());
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                      titleMetrics.elidedText(title, Qt::ElideRight, titleRect.width()));

    const QString detail = index.data(DetailRole).toString();
    painter->setFont(detailFont);
    QColor dim = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::PlaceholderText);
    if (selected)
        dim.setAlphaF(0.8);
    painter->setPen(dim);
    const QRect detailRect(area.left(), titleRect.bottom() + 1 + kLineGap, area.width(),
                           detailMetrics.height());
    painter->drawText(detailRect, Qt::AlignLeft | Qt::AlignVCenter,
                      detailMetrics.elidedText(detail, Qt::ElideRight, detailRect.width()));
    painter->restore();
}

QSize ProfileListDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    QFont detailFont = opt.font;
    detailFont.setBold(false);
    detailFont.setPointSizeF(detailFont.pointSizeF() * 0.9);
    const int height = QFontMetrics(opt.font).height() + kLineGap + QFontMetrics(detailFont).height()
                       + kPadding;
    const int width = QFontMetrics(opt.font).horizontalAdvance(opt.text) + 2 * kPadding;
    return {width, height};
}

} // namespace crmdesk
