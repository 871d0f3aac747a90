#include "history/historytablemodel.h"

#include <QColor>
#include <QFont>
#include <QLocale>

namespace crmdesk {

namespace {

bool failed(const HistorySummary &row)
{
    return row.status == 0 || row.status >= 400 || !row.errorString.isEmpty();
}

} // namespace

void HistoryTableModel::setRows(const QList<HistorySummary> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void HistoryTableModel::appendRows(const QList<HistorySummary> &rows)
{
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
    m_rows.append(rows);
    endInsertRows();
}

void HistoryTableModel::prependRows(const QList<HistorySummary> &rows)
{
    if (rows.isEmpty())
        return;
    beginInsertRows({}, 0, int(rows.size() - 1));
    m_rows = rows + m_rows;
    endInsertRows();
}

int HistoryTableModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

qint64 HistoryTableModel::newestId() const
{
    qint64 newest = 0;
    for (const HistorySummary &row : m_rows)
        newest = qMax(newest, row.id);
    return newest;
}

int HistoryTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HistoryTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const HistorySummary &row = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return row.id;
    case MethodRole:
        return row.method;
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return row.sentAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case MethodColumn:
            return QString::fromLatin1(row.method);
        case StatusColumn:
            return row.status == 0 ? tr("no answer") : QString::number(row.status);
        case ResourceColumn:
            return row.resource;
        case RecordIdColumn:
            return row.recordId;
        case DurationColumn:
            return tr("%1 ms").arg(QLocale().toString(row.durationMs));
        case UrlColumn:
            return QString::fromLatin1(row.url);
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return tr("%1 UTC, %2").arg(row.sentAt.toUTC().toString(Qt::ISODateWithMs),
                                        row.environment.isEmpty() ? tr("no environment")
                                                                  : row.environment);
        case StatusColumn:
            return row.errorString.isEmpty() ? QVariant() : QVariant(row.errorString);
        case RecordIdColumn:
            return row.recordId.isEmpty() ? QVariant() : QVariant(row.recordId);
        case UrlColumn:
            return QString::fromLatin1(row.url);
        }
        break;
    case Qt::ForegroundRole:
        // Failures stand out in the status column; the tooltip says what went wrong.
        if (index.column() == StatusColumn && failed(row))
            return QColor(0xb3, 0x26, 0x1e);
        break;
    case Qt::FontRole:
        if (index.column() == MethodColumn && row.method == "PATCH") {
            QFont bold;
            bold.setBold(true);
            return bold; // writes stand out from reads
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant HistoryTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole)
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case MethodColumn:
        return tr("Method");
    case StatusColumn:
        return tr("Status");
    case ResourceColumn:
        return tr("Resource");
    case RecordIdColumn:
        return tr("Record id");
    case DurationColumn:
        return tr("Duration");
    case UrlColumn:
        return tr("URL");
    }
    return {};
}

} // namespace crmdesk
