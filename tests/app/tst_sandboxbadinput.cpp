// The sandbox's bad-input contract (README "Bad input"), over real loopback sockets: each kind
// of bad input gets its exact status and message, the server keeps serving, and the stored
// record is exactly as it was.
#include "sandbox/requestlimits.h"
#include "sandbox/sandboxserver.h"
#include "sandboxtestclient.h"

#include <QJsonArray>
#include <QNetworkReply>
#include <QSet>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace crmdesk;
using namespace crmdesk::sandbox;
using namespace Qt::StringLiterals;

namespace {

QByteArray nested(int depth)
{
    return "{\"custom_fields\":" + QByteArray(depth - 1, '[') + QByteArray(depth - 1, ']') + '}';
}

} // namespace

class TestSandboxBadInput : public QObject
{
    Q_OBJECT

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxTestClient> m_client;

    QByteArray account() const { return m_server->accountIdFor(u"HubSpot"_s).toLatin1(); }
    // `id` may bring query parameters of its own after a '?'.
    QByteArray recordPath(const QByteArray &id = "151") const
    {
        const qsizetype query = id.indexOf('?');
        return "/unified/crm/contacts/" + (query < 0 ? id : id.left(query)) + "?integrated_account_id=" + account()
               + (query < 0 ? QByteArray() : '&' + id.mid(query + 1));
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<SandboxServer>();
        QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
        m_client = std::make_unique<SandboxTestClient>(m_server->baseUrl(), m_server->token());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void shouldRefuseBadInputWithItsStatusAndKeepTheRecord_data()
    {
        QTest::addColumn<QByteArray>("id"); // and extra query: the record path is built per run
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const QByteArray json = "application/json";
        QTest::newRow("malformed JSON") << QByteArray("151") << QByteArray("{\"first_name\": ") << json << 400
                                        << u"not valid JSON"_s;
        QTest::newRow("not an object") << QByteArray("151") << QByteArray("[1,2]") << json << 400
                                       << u"must be a JSON object"_s;
        QTest::newRow("invalid UTF-8") << QByteArray("151") << QByteArray("{\"first_name\":\"Ad\xff\xfe\"}") << json
                                       << 400 << u"not valid JSON"_s;
        QTest::newRow("wrong content type") << QByteArray("151") << QByteArray("first_name=Ada")
                                            << QByteArray("application/x-www-form-urlencoded") << 415
                                            << u"must be JSON"_s;
        QTest::newRow("wrong type for a known field") << QByteArray("151") << QByteArray(R"({"first_name":42})") << json
                                                      << 400 << u"first_name: expected a string, got a number"_s;
        QTest::newRow("body over the size limit")
            << QByteArray("151") << QByteArray("{\"first_name\":\"" + QByteArray(RequestLimits::kMaxBodyBytes, 'a') + "\"}")
            << json << 413 << u"accepts at most 1048576"_s;
        QTest::newRow("nesting over the limit") << QByteArray("151") << nested(RequestLimits::kMaxJsonDepth + 8) << json
                                                << 400 << u"nests deeper than 32 levels"_s;
        QTest::newRow("very long id") << QByteArray(300, '7') << QByteArray("{}") << json << 414
                                      << u"300 characters long"_s;
        QTest::newRow("traversal-looking id") << QByteArray("..%2F..%2F..%2Fetc%2Fpasswd") << QByteArray("{}")
                                              << json << 404 << u"No contacts record with id '../../../etc/passwd'"_s;
        QByteArray repeated = "151?";
        for (int i = 0; i < 3000; ++i)
            repeated += "&truto_exclude_fields[]=x";
        QTest::newRow("thousands of repeated query keys") << repeated << QByteArray("{}") << json << 400
                                                          << u"more than 1000 parameters"_s;
    }

    void shouldRefuseBadInputWithItsStatusAndKeepTheRecord()
    {
        QFETCH(QByteArray, id);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        QFETCH(QString, message);
        const SandboxResponse before = m_client->get(recordPath());
        QCOMPARE(before.status, 200);

        const SandboxResponse refused =
            m_client->patch(recordPath(id), body, {{"Content-Type", contentType}});
        QCOMPARE(refused.status, status);
        const QString said = refused.json().value(u"message").toString();
        QVERIFY2(said.contains(message, Qt::CaseInsensitive), qPrintable(said));
        QCOMPARE(refused.json().value(u"statusCode").toInt(), status); // Truto's envelope

        // Still serving, and the record is exactly as it was.
        const SandboxResponse after = m_client->get(recordPath());
        QCOMPARE(after.status, 200);
        QCOMPARE(after.json(), before.json());
    }

    void shouldListEachWrongTypeAsAFailure()
    {
        const SandboxResponse refused =
            m_client->patch(recordPath(), R"({"first_name":["Ada"],"last_name":"Lovelace","email_addresses":"a@b"})");
        QCOMPARE(refused.status, 400);
        const QJsonArray failures = refused.json().value(u"details").toObject().value(u"failures").toArray();
        QCOMPARE(failures.size(), 2);
        QStringList fields;
        for (const QJsonValue &failure : failures)
            fields.append(failure.toObject().value(u"field").toString());
        fields.sort();
        QCOMPARE(fields, (QStringList{u"email_addresses"_s, u"first_name"_s}));
    }

    void shouldIgnoreUnknownFieldsAndClearWithNull()
    {
        const SandboxResponse ignored = m_client->patch(recordPath(), R"({"favourite_colour":"teal","title":null})");
        QCOMPARE(ignored.status, 200);
        const QJsonObject record = m_client->get(recordPath()).json();
        QVERIFY(!record.contains(u"favourite_colour"));
    }

    void shouldRefuseAMissingOrWrongToken()
    {
        m_client->setToken({});
        SandboxResponse response = m_client->patch(recordPath(), R"({"first_name":"Eve"})");
        QCOMPARE(response.status, 401);
        QVERIFY(response.json().value(u"message").toString().contains(u"Missing bearer token"_s));
        m_client->setToken(u"tr_wrong"_s);
        response = m_client->patch(recordPath(), R"({"first_name":"Eve"})");
        QCOMPARE(response.status, 401);
        QCOMPARE(response.json().value(u"message").toString(), u"Invalid API token"_s);
        m_client->setToken(m_server->token());
        QVERIFY(m_client->get(recordPath()).json().value(u"first_name").toString() != u"Eve"_s);
    }

    void shouldEndWithOneWholeBodyAfterManyConcurrentPatches()
    {
        constexpr int kPatches = 200;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < kPatches; ++i) {
            QNetworkRequest request(m_client->url(recordPath()));
            request.setRawHeader("Authorization", "Bearer " + m_server->token().toUtf8());
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            const QByteArray n = QByteArray::number(i);
            replies.append(m_client->network().sendCustomRequest(
                request, "PATCH", "{\"first_name\":\"First " + n + "\",\"last_name\":\"Last " + n + "\"}"));
        }
        int ok = 0;
        for (QNetworkReply *reply : replies) {
            if (!reply->isFinished())
                QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 60000);
            ok += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200 ? 1 : 0;
            reply->deleteLater();
        }
        QCOMPARE(ok, kPatches);
        const QJsonObject record = m_client->get(recordPath()).json();
        const QString first = record.value(u"first_name").toString();
        const QString last = record.value(u"last_name").toString();
        QVERIFY2(first.startsWith(u"First "_s), qPrintable(first));
        QCOMPARE(last, u"Last "_s + first.mid(6)); // both fields from the same body, never a mix
    }

    void shouldTimeOutAHalfSentRequestAndKeepServing()
    {
        SandboxServer server;
        server.setTimeouts(300, 600);
        QVERIFY(server.listen());
        SandboxTestClient client(server.baseUrl(), server.token());
        const QByteArray path = "/unified/crm/contacts/151?integrated_account_id="
                                + server.accountIdFor(u"HubSpot"_s).toLatin1();
        const QJsonObject before = client.get(path).json();

        // The headers promise 100 bytes of body; 14 come, then nothing.
        QTcpSocket slow;
        slow.connectToHost(QHostAddress::LocalHost, quint16(server.baseUrl().port()));
        QVERIFY(slow.waitForConnected(5000));
        slow.write("PATCH " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                   + server.token().toUtf8()
                   + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"first_name\":");
        QByteArray answer;
        connect(&slow, &QTcpSocket::readyRead, this, [&] { answer += slow.readAll(); });
        QTRY_VERIFY_WITH_TIMEOUT(slow.state() == QAbstractSocket::UnconnectedState, 10000);
        answer += slow.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 408"), answer.constData());
        QVERIFY(answer.contains("did not arrive in time"));

        // A connection that sends nothing is closed quietly, and the server goes on serving.
        QTcpSocket idle;
        idle.connectToHost(QHostAddress::LocalHost, quint16(server.baseUrl().port()));
        QVERIFY(idle.waitForConnected(5000));
        QTRY_VERIFY_WITH_TIMEOUT(idle.state() == QAbstractSocket::UnconnectedState, 10000);
        QCOMPARE(client.get(path).json(), before);
    }

    void shouldMeasureNestingWithoutBeingFooledByStrings()
    {
        QCOMPARE(jsonDepth("{\"a\":[1,{\"b\":2}]}"), 3);
        QCOMPARE(jsonDepth("{\"a\":\"[[[[{{{{\\\"]]]\"}"), 1); // brackets and an escaped quote in a string
        QCOMPARE(jsonDepth("]]]}}}"), 0);
    }
};

QTEST_GUILESS_MAIN(TestSandboxBadInput)
#include "tst_sandboxbadinput.moc"
