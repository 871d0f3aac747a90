#include "sandbox/pagecursor.h"

#include "sandbox/querydecoder.h"

#include <limits>

namespace crmdesk::sandbox {

QString PageCursor::encode(qsizetype offset)
{
    return QString::fromLatin1(
        QByteArray("offset:" + QByteArray::number(offset))
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<qsizetype> PageCursor::decode(const QString &cursor)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || !decoded.decoded.startsWith("offset:"))
        return std::nullopt;
    bool ok = false;
    const qsizetype offset = decoded.decoded.mid(7).toLongLong(&ok);
    if (!ok || offset < 0)
        return std::nullopt;
    return offset;
}

PageRequest PageRequest::fromQuery(const QJsonObject &query, qsizetype defaultLimit,
                                   qsizetype maxLimit)
{
    PageRequest page;
    page.limit = defaultLimit;
    const QString limit = query.value(QLatin1String("limit")).toString();
    if (!limit.isEmpty()) {
        bool ok = false;
        page.limit = limit.toLongLong(&ok);
        if (!ok || page.limit < 1) {
            page.error = QStringLiteral("limit must be a positive number; got '%1'").arg(limit);
            return page;
        }
        page.limit = std::min(page.limit, maxLimit);
    }
    if (QueryDecoder::isTrue(query.value(QLatin1String("truto_ignore_limit"))))
        page.limit = std::numeric_limits<qsizetype>::max();
    const QString cursor = query.value(QLatin1String("next_cursor")).toString();
    if (!cursor.isEmpty()) {
        const auto offset = PageCursor::decode(cursor);
        if (!offset) {
            page.error =
                QStringLiteral("next_cursor '%1' is not a cursor this server issued").arg(cursor);
            return page;
        }
        page.offset = *offset;
    }
    return page;
}

} // namespace crmdesk::sandbox
