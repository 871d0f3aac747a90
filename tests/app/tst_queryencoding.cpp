// Query strings and record paths exactly as contract §3 and §5.3 prescribe, checked on the bytes
// that go on the wire: QNetworkRequest::url().toEncoded().
#include "api/queryoptions.h"
#include "api/trutoclient.h"
#include "fakenetwork.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace crmdesk;
using namespace crmdesk::test;

class TestQueryEncoding : public QObject
{
    Q_OBJECT

private:
    // The URL of the request the client actually hands to the network for these options.
    QByteArray wireUrl(const QString &id, const QueryOptions &options)
    {
        FakeNetworkAccessManager network;
        network.respondWith({FakeResponse::json(200, "{}")});
        TrutoClient client(&network);
        ConnectionConfig config;
        config.baseUrl = QUrl(QStringLiteral("https://api.truto.one"));
        config.token = QStringLiteral("t");
        client.setConfig(config);
        ApiCall *call = client.getRecord(QStringLiteral("contacts"), id, options);
        QSignalSpy finished(call, &ApiCall::finished);
        if (!finished.wait(5000) || network.requests().size() != 1)
            return {};
        return network.requests().first().encodedUrl();
    }

    static QueryOptions contractVectorOptions()
    {
        QueryOptions options;
        options.integratedAccountId = QStringLiteral("62f44730-dd91-461e-bd6a-aedd9e0ad79d");
        options.excludeFields = {QStringLiteral("id"), QStringLiteral("name")};
        options.remoteQuery = QJsonObject{{QStringLiteral("a b"), QStringLiteral("c&d")},
                                          {QStringLiteral("nested"), QJsonObject{{QStringLiteral("x"), 1}}}};
        options.resourceQuery = QJsonObject{{QStringLiteral("str"), QStringLiteral("hello world+/?")},
                                            {QStringLiteral("nul"), QJsonValue::Null}};
        return options;
    }

    static constexpr char kContractVector[] =
        "integrated_account_id=62f44730-dd91-461e-bd6a-aedd9e0ad79d"
        "&truto_exclude_fields%5B%5D=id&truto_exclude_fields%5B%5D=name"
        "&remote_query%5Ba%20b%5D=c%26d&remote_query%5Bnested%5D%5Bx%5D=1"
        "&str=hello%20world%2B%2F%3F";

private Q_SLOTS:
    void shouldEncodeContractQueryVector()
    {
        QCOMPARE(contractVectorOptions().toEncodedQuery(), QByteArray(kContractVector));
    }

    void shouldSendContractQueryVectorOnTheWire()
    {
        QCOMPARE(wireUrl(QStringLiteral("42"), contractVectorOptions()),
                 QByteArray("https://api.truto.one/unified/crm/contacts/42?") + kContractVector);
    }

    void shouldEncodeRecordIdAsOnePathSegment()
    {
        const QString id = QStringLiteral("alt:ref:imported@frontapp.com_t:50603/x y+z");
        const QByteArray expected =
            "/unified/crm/contacts/alt%3Aref%3Aimported%40frontapp.com_t%3A50603%2Fx%20y%2Bz";
        QCOMPARE(TrutoClient::recordPath(QStringLiteral("contacts"), id), expected);
        QCOMPARE(wireUrl(id, {}), QByteArray("https://api.truto.one") + expected);
    }

    void shouldEncodeScalars_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("space is %20") << QJsonValue(QStringLiteral("a b")) << QByteArray("k=a%20b");
        QTest::newRow("plus is %2B") << QJsonValue(QStringLiteral("a+b")) << QByteArray("k=a%2Bb");
        QTest::newRow("reserved characters")
            << QJsonValue(QStringLiteral("&=?/#[]")) << QByteArray("k=%26%3D%3F%2F%23%5B%5D");
        QTest::newRow("unreserved stay") << QJsonValue(QStringLiteral("aZ0-._~")) << QByteArray("k=aZ0-._~");
        QTest::newRow("utf-8") << QJsonValue(QStringLiteral("é")) << QByteArray("k=%C3%A9");
        QTest::newRow("true") << QJsonValue(true) << QByteArray("k=true");
        QTest::newRow("false is sent") << QJsonValue(false) << QByteArray("k=false");
        QTest::newRow("integer") << QJsonValue(25) << QByteArray("k=25");
        QTest::newRow("64-bit integer") << QJsonValue(qint64(1234567890123456789)) << QByteArray("k=1234567890123456789");
        QTest::newRow("fraction") << QJsonValue(0.1) << QByteArray("k=0.1");
        // The exponent's '+' is a space on the server unless encoded (found by fuzzing).
        QTest::newRow("large exponent") << QJsonValue(1e300) << QByteArray("k=1e%2B300");
        QTest::newRow("small exponent") << QJsonValue(1.5e-7) << QByteArray("k=1.5e-07");
        QTest::newRow("iso date") << QJsonValue(QStringLiteral("2024-05-01T10:00:00Z"))
                                  << QByteArray("k=2024-05-01T10%3A00%3A00Z");
        QTest::newRow("null left out") << QJsonValue(QJsonValue::Null) << QByteArray();
        QTest::newRow("empty string left out") << QJsonValue(QString()) << QByteArray();
        QTest::newRow("empty array left out") << QJsonValue(QJsonArray()) << QByteArray();
        QTest::newRow("empty object left out") << QJsonValue(QJsonObject()) << QByteArray();
    }

    void shouldEncodeScalars()
    {
        QFETCH(QJsonValue, value);
        QFETCH(QByteArray, expected);
        QByteArray out;
        appendEncoded(out, "k", value);
        QCOMPARE(out, expected);
    }

    void shouldEncodeArrayOfObjectsWithEmptyBrackets()
    {
        // Highlevel's required `contact` query parameter on notes is object[] of {id} (§4.1).
        QByteArray out;
        appendEncoded(out, "contact",
                      QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("c 1")}},
                                 QJsonObject{{QStringLiteral("id"), 2}}});
        QCOMPARE(out, QByteArray("contact%5B%5D%5Bid%5D=c%201&contact%5B%5D%5Bid%5D=2"));
    }

    void shouldEncodeReservedCharactersInKeys()
    {
        QByteArray out;
        appendEncoded(out, "a&b=c", QJsonObject{{QStringLiteral("x y"), QStringLiteral("v")}});
        QCOMPARE(out, QByteArray("a%26b%3Dc%5Bx%20y%5D=v"));
    }

    void shouldEncodeFormatRemoteDataAndPaging()
    {
        QueryOptions options;
        options.integratedAccountId = QStringLiteral("acc");
        options.responseFormat = ResponseFormat::Raw;
        options.ignoreRemoteData = true;
        options.limit = 25;
        options.nextCursor = QStringLiteral("abc+/=");
        QCOMPARE(options.toEncodedQuery(),
                 QByteArray("integrated_account_id=acc&truto_response_format=raw"
                            "&truto_ignore_remote_data=true&limit=25&next_cursor=abc%2B%2F%3D"));
    }

    void shouldLeaveOutDefaults()
    {
        // No `key=` for absent values, no `next_cursor=` on the first page (§5.3 rule 3).
        QCOMPARE(QueryOptions().toEncodedQuery(), QByteArray());
        QCOMPARE(wireUrl(QStringLiteral("1"), {}), QByteArray("https://api.truto.one/unified/crm/contacts/1"));
    }

    void shouldRoundTripResponseFormatNames()
    {
        for (ResponseFormat format : {ResponseFormat::Unified, ResponseFormat::Raw,
                                      ResponseFormat::Normalized, ResponseFormat::Stream})
            QVERIFY(responseFormatFromString(toString(format)) == format);
        QVERIFY(!responseFormatFromString(QStringLiteral("xml")));
    }
};

QTEST_GUILESS_MAIN(TestQueryEncoding)
#include "tst_queryencoding.moc"
