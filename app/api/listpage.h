#pragma once

#include <QJsonArray>
#include <QJsonDocument>
#include <QString>

#include <optional>

namespace crmdesk {

// One page of a list answer (contract §6.3).
struct ListPage
{
    QJsonArray records;
    QString nextCursor;      // empty on the last page
    bool isPartial = false;  // is_partial_response: rows may lack fields, never edit from one (§15)

    bool hasMore() const { return !nextCursor.isEmpty(); }

    // Reads `result`, or `results` as the admin docs name it; nothing when neither is an array.
    static std::optional<ListPage> fromJson(const QJsonDocument &document);
};

} // namespace crmdesk
