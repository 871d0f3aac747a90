#pragma once

#include "history/historystore.h"

#include <QAbstractTableModel>
#include <QList>

namespace crmdesk {

// The rows of the request history as the history panel shows them, newest first. Holds
// summaries only (no headers, no bodies): a full entry is fetched from the store when a row
// is opened, copied or compared.
class HistoryTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        MethodColumn,
        StatusColumn,
        ResourceColumn,
        RecordIdColumn,
        DurationColumn,
        UrlColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64: the entry's id in the store
        MethodRole,                // QByteArray: "PATCH"
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setRows(const QList<HistorySummary> &rows);
    // Older rows, below the ones already shown ("Load more").
    void appendRows(const QList<HistorySummary> &rows);
    // Newer rows, above the ones already shown (a request just sent).
    void prependRows(const QList<HistorySummary> &rows);

    const HistorySummary &summary(int row) const { return m_rows.at(row); }
    // -1 when absent.
    int rowOf(qint64 id) const;
    // The highest id shown, 0 when empty.
    qint64 newestId() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<HistorySummary> m_rows;
};

} // namespace crmdesk
