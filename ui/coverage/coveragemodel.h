#pragma once

#include "policy/coveragegrid.h"

#include <QAbstractTableModel>

namespace crmdesk {

// A CoverageGrid as a table: a row per field, a column per provider. Each cell shows the state
// in words and colour, and its tooltip says why and where that was learned.
class CoverageModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int StateRole = Qt::UserRole + 1; // CoverageGrid::stateWord

    explicit CoverageModel(QObject *parent = nullptr);

    void setGrid(CoverageGrid grid);
    const CoverageGrid &grid() const { return m_grid; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    CoverageGrid m_grid;
};

} // namespace crmdesk
