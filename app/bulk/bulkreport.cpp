#include "bulk/bulkreport.h"

#include "bulk/csvreader.h"
#include "files/storefiles.h"

namespace crmdesk {

QByteArray reportCsv(const QList<RowResult> &rows, const QHash<int, int> &lines)
{
    QString out = csvLine({QStringLiteral("row"), QStringLiteral("line"), QStringLiteral("id"),
                           QStringLiteral("outcome"), QStringLiteral("http_status"),
                           QStringLiteral("message"), QStringLiteral("history_id"),
                           QStringLiteral("idempotency_key")})
                  + u'\n';
    for (const RowResult &row : rows) {
        out += csvLine({QString::number(row.row),
                        lines.contains(row.row) ? QString::number(lines.value(row.row)) : QString(),
                        row.recordId, toString(row.outcome),
                        row.httpStatus ? QString::number(row.httpStatus) : QString(), row.message,
                        row.historyId ? QString::number(row.historyId) : QString(), row.idempotencyKey})
               + u'\n';
    }
    return out.toUtf8();
}

bool writeReport(const QString &path, const QList<RowResult> &rows, const QHash<int, int> &lines,
                 QString *error)
{
    return writeFileAtomically(path, reportCsv(rows, lines), error);
}

} // namespace crmdesk
