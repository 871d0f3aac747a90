#include "coverage/coveragemodel.h"

#include <QBrush>
#include <QColor>

namespace crmdesk {

namespace {

QString shown(const QString &word)
{
    if (word == QLatin1String("required"))
        return CoverageModel::tr("Required");
    if (word == QLatin1String("supported"))
        return CoverageModel::tr("Yes");
    if (word == QLatin1String("unsupported"))
        return CoverageModel::tr("No");
    return CoverageModel::tr("Unknown");
}

// Muted colours that read in light and dark palettes alike; the words carry the meaning too.
QColor colourOf(const QString &word)
{
    if (word == QLatin1String("required"))
        return QColor(0x2e, 0x7d, 0x32, 140);
    if (word == QLatin1String("supported"))
        return QColor(0x66, 0xbb, 0x6a, 90);
    if (word == QLatin1String("unsupported"))
        return QColor(0x9e, 0x9e, 0x9e, 70);
    return QColor(0xff, 0xb3, 0x00, 70);
}

} // namespace

CoverageModel::CoverageModel(QObject *parent) : QAbstractTableModel(parent) {}

void CoverageModel::setGrid(CoverageGrid grid)
{
    beginResetModel();
    m_grid = std::move(grid);
    endResetModel();
}

int CoverageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_grid.fields().size());
}

int CoverageModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_grid.providers().size());
}

QVariant CoverageModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const FieldState &state = m_grid.cell(index.row(), index.column());
    const QString word = CoverageGrid::stateWord(state);
    const bool live = state.origin == StateOrigin::LiveAccount;
    switch (role) {
    case Qt::DisplayRole:
        return live ? tr("%1 (live)").arg(shown(word)) : shown(word);
    case Qt::BackgroundRole:
        return QBrush(colourOf(word));
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case Qt::ToolTipRole:
        return tr("%1 · %2: %3\n%4\nSource: %5")
            .arg(m_grid.fields().at(index.row()), m_grid.providers().at(index.column()), shown(word),
                 state.reason,
                 live ? tr("the connected account's live rules") : tr("the bundled documentation"));
    case StateRole:
        return word;
    default:
        return {};
    }
}

QVariant CoverageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    return orientation == Qt::Horizontal ? m_grid.providers().value(section) : m_grid.fields().value(section);
}

} // namespace crmdesk
