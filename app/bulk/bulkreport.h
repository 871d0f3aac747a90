#pragma once

#include "bulk/bulkjobstore.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace crmdesk {

// The per-row report as CSV (UTF-8, comma separated, header line): row, line, id, outcome,
// http_status, message, history_id, idempotency_key. `lines` gives each row's line in the file.
QByteArray reportCsv(const QList<RowResult> &rows, const QHash<int, int> &lines = {});
bool writeReport(const QString &path, const QList<RowResult> &rows, const QHash<int, int> &lines,
                 QString *error = nullptr);

} // namespace crmdesk
