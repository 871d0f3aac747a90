#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace crmdesk::sandbox {

// Offset paging behind opaque next_cursor / prev_cursor strings (contract §6.3). An empty
// next_cursor means the first page, as the TS SDK sends on its first call.
struct PageRequest
{
    qsizetype offset = 0;
    qsizetype limit = 0;
    QString error; // a limit or cursor that cannot be read: answer 400

    // Reads limit, next_cursor and truto_ignore_limit.
    static PageRequest fromQuery(const QJsonObject &query, qsizetype defaultLimit,
                                 qsizetype maxLimit);
};

class PageCursor
{
public:
    static QString encode(qsizetype offset);
    static std::optional<qsizetype> decode(const QString &cursor);
};

} // namespace crmdesk::sandbox
