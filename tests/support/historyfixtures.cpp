#include "historyfixtures.h"

namespace crmdesk::test {

HistoryEntry historyEntry(const QByteArray &method, const RecordTarget &target, int status,
                          const QByteArray &requestBody, const QByteArray &responseBody,
                          const QString &error)
{
    HistoryEntry entry;
    entry.sentAt = QDateTime(QDate(2026, 4, 1), QTime(9, 30), Qt::UTC);
    entry.profileId = QStringLiteral("profile-1");
    entry.environment = QStringLiteral("production");
    entry.method = method;
    entry.url = "https://api.truto.one" + target.encodedPath() + "?integrated_account_id="
                + QUrl::toPercentEncoding(target.accountId);
    entry.requestHeaders = {{"Authorization", kRedactedAuthorization}, {"Content-Type", "application/json"}};
    entry.requestBody = requestBody;
    if (method != "GET") {
        entry.idempotencyKey = QStringLiteral("0b9cfa5e-5b51");
        entry.requestHeaders.append({QByteArray("Idempotency-Key"), entry.idempotencyKey.toLatin1()});
    }
    entry.status = status;
    entry.durationMs = 412;
    entry.responseHeaders = {{"content-type", "application/json; charset=utf-8"}};
    entry.responseBody = responseBody;
    entry.responseSize = responseBody.size();
    entry.errorString = error;
    entry.target = target;
    return entry;
}

RecordTarget contactTarget(const QString &recordId)
{
    return {QStringLiteral("contacts"), recordId, QString::fromLatin1(kFixtureAccount)};
}

} // namespace crmdesk::test
