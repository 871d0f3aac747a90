#include "history/historyresult.h"
#include "history/historystore.h"
#include "historyfixtures.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kUrl = "https://api.truto.one/unified/crm/contacts/a%2Fb%20c"
                        "?integrated_account_id=62f44730-dd91-461e-bd6a-aedd9e0ad79d";

HistoryEntry entryWith(int status, const QByteArray &body, const QString &error = {})
{
    return test::historyEntry("PATCH", test::contactTarget(u"a/b c"_s), status,
                                 "{\"first_name\":\"Janet\"}", body, error);
}

} // namespace

class TestHistoryResult : public QObject
{
    Q_OBJECT

private slots:
    void shouldRebuildTheRequestExactlyAsItWasSent()
    {
        const ApiResult result = toApiResult(entryWith(200, "{\"id\":\"1\"}"));
        QCOMPARE(result.request.method, QByteArray("PATCH"));
        QCOMPARE(result.request.url.toEncoded(), kUrl); // encoding kept (contract §5.3)
        QCOMPARE(result.request.header("content-type"), QByteArray("application/json"));
        QCOMPARE(result.request.body, QByteArray("{\"first_name\":\"Janet\"}"));
        QCOMPARE(result.request.idempotencyKey, u"0b9cfa5e-5b51"_s);
        QCOMPARE(result.timings.totalMs, qint64(412));
    }

    void shouldShowASuccessfulJsonAnswerAsParsed()
    {
        const ApiResult result = toApiResult(entryWith(200, "{\"id\":\"1\",\"first_name\":\"Janet\"}"));
        QVERIFY(result.ok());
        QCOMPARE(result.httpStatus, 200);
        QCOMPARE(result.reasonPhrase, QByteArray("OK"));
        QCOMPARE(result.json.object().value("first_name"_L1).toString(), u"Janet"_s);
        QCOMPARE(result.bodySize, result.body.size());
    }

    void shouldRebuildTheTrutoErrorOfAFailedWrite()
    {
        const QByteArray body = "{\"statusCode\":422,\"error\":\"Unprocessable Entity\","
                                "\"message\":\"Phone number is not valid\"}";
        const ApiResult result = toApiResult(entryWith(422, body, u"Server replied 422"_s));
        QVERIFY(!result.ok());
        QCOMPARE(toString(result.errorKind), toString(ErrorKind::Http));
        QCOMPARE(result.reasonPhrase, QByteArray("Unprocessable Entity"));
        QVERIFY(result.trutoError.has_value());
        QCOMPARE(result.trutoError->message, u"Phone number is not valid"_s);
        QCOMPARE(result.errorString, u"Server replied 422"_s);
        QCOMPARE(result.body, body);
    }

    void shouldReportACallThatGotNoAnswerAsFailed()
    {
        const ApiResult result = toApiResult(entryWith(0, {}, u"Timed out after 30 s"_s));
        QVERIFY(!result.ok());
        QCOMPARE(toString(result.errorKind), toString(ErrorKind::Network));
        QCOMPARE(result.errorString, u"Timed out after 30 s"_s);
        QVERIFY(result.reasonPhrase.isEmpty());
    }

    void shouldKeepACutBodyAsCutWithoutCallingItInvalid()
    {
        HistoryEntry entry = entryWith(200, "{\"id\":\"1\",\"notes\":\"aaaa");
        entry.responseSize = 5 * 1024 * 1024;
        entry.responseTruncated = true;
        const ApiResult result = toApiResult(entry);
        QVERIFY(result.ok());
        QCOMPARE(result.bodySize, qint64(5 * 1024 * 1024));
        QVERIFY(result.json.isNull());
    }

    void shouldCallAnUnparseableCompleteJsonBodyInvalid()
    {
        const ApiResult result = toApiResult(entryWith(200, "{not json", u"Invalid JSON"_s));
        QCOMPARE(toString(result.errorKind), toString(ErrorKind::InvalidResponse));
    }

    // Through the real store: what comes back from the file is what the inspector gets.
    void shouldRoundTripAResultThroughTheStore()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        HistoryStore store(dir.filePath(u"history.sqlite"_s));
        QVERIFY(store.open());

        ApiResult sent;
        sent.request.method = "GET";
        sent.request.url = QUrl::fromEncoded(kUrl);
        sent.request.headers = {{"Authorization", "Bearer <redacted>"}};
        sent.httpStatus = 404;
        sent.headers = {{"content-type", "application/json"}};
        sent.body = "{\"statusCode\":404,\"error\":\"Not Found\",\"message\":\"No such contact\"}";
        sent.bodySize = sent.body.size();
        sent.errorKind = ErrorKind::Http;
        sent.errorString = u"Server replied \"404 Not Found\""_s;
        sent.timings.totalMs = 87;
        const auto id = store.append(HistoryEntry::fromResult(sent));
        QVERIFY(id.has_value());

        const ApiResult back = toApiResult(*store.fetch(*id));
        QCOMPARE(back.request.method, sent.request.method);
        QCOMPARE(back.request.url, sent.request.url);
        QCOMPARE(back.httpStatus, 404);
        QCOMPARE(back.body, sent.body);
        QCOMPARE(toString(back.errorKind), toString(ErrorKind::Http));
        QCOMPARE(back.errorString, sent.errorString);
        QCOMPARE(back.trutoError->message, u"No such contact"_s);
        QCOMPARE(back.timings.totalMs, qint64(87));
    }
};

QTEST_GUILESS_MAIN(TestHistoryResult)
#include "tst_historyresult.moc"
