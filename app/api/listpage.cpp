#include "api/listpage.h"

#include <QJsonObject>

namespace crmdesk {

std::optional<ListPage> ListPage::fromJson(const QJsonDocument &document)
{
    const QJsonObject object = document.object();
    QJsonValue records = object.value(QLatin1String("result"));
    if (!records.isArray())
        records = object.value(QLatin1String("results"));
    if (!records.isArray())
        return std::nullopt;
    ListPage page;
    page.records = records.toArray();
    // A null, missing or empty cursor all mean "last page" (both SDK paginators agree).
    page.nextCursor = object.value(QLatin1String("next_cursor")).toString();
    page.isPartial = object.value(QLatin1String("is_partial_response")).toBool();
    return page;
}

} // namespace crmdesk
