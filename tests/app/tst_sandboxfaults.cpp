// Faults on demand, over real loopback sockets: selected by the X-Sandbox-Fault header or by a
// reserved account id (app/sandbox/README.md, "Faults"), never by accident. Delays are small so
// the binary stays fast; no test asserts on elapsed time.

#include "sandboxtestclient.h"

#include "sandbox/sandboxserver.h"

#include <QJsonArray>
#include <QTest>

#include <memory>

using namespace crmdesk;

class TestSandboxFaults : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxTestClient> m_client;
    QByteArray m_hubspot;

    QByteArray contactPath(const QByteArray &accountId, const QByteArray &extra = {}) const
    {
        return "/unified/crm/contacts/151?integrated_account_id=" + accountId + extra;
    }
    static QByteArray faultAccount(const char *suffix)
    {
        return QByteArray("fa017000-0000-4000-8000-") + QByteArray(suffix).rightJustified(12, '0');
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<SandboxServer>();
        QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
        m_client = std::make_unique<SandboxTestClient>(m_server->baseUrl(), m_server->token());
        m_hubspot = m_server->accountIdFor(QStringLiteral("HubSpot")).toLatin1();
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void shouldAnswerNormallyWithoutAFaultHeader()
    {
        const SandboxResponse response = m_client->get(contactPath(m_hubspot));
        QCOMPARE(response.status, 200);
        QVERIFY(response.header("x-sandbox-fault-attempt").isEmpty());
    }

    void shouldRefuseAFaultSpecificationItCannotRead()
    {
        for (const QByteArray &spec :
             {QByteArray("explode"), QByteArray("latency=soon"), QByteArray("500=0")}) {
            const SandboxResponse response =
                m_client->get(contactPath(m_hubspot), {{"X-Sandbox-Fault", spec}});
            QCOMPARE(response.status, 400);
            QVERIFY(response.json()
                        .value(QLatin1String("message"))
                        .toString()
                        .contains(QLatin1String("X-Sandbox-Fault")));
        }
    }

    void shouldHoldTheReplyForTheRequestedLatency()
    {
        // The reply cannot come before 1.5 s, so a client that waits 150 ms times out; the same
        // request without the fault is answered.
        SandboxResponse response =
            m_client->get(contactPath(m_hubspot), {{"X-Sandbox-Fault", "latency=1500"}}, 150);
        QVERIFY(response.error != QNetworkReply::NoError);
        QCOMPARE(response.status, 0);
        response = m_client->get(contactPath(m_hubspot), {{"X-Sandbox-Fault", "latency=20"}}, 5000);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value(QLatin1String("id")).toString(), QStringLiteral("151"));
    }

    void shouldAnswer429WithRetryAfter()
    {
        const SandboxResponse response =
            m_client->get(contactPath(m_hubspot), {{"X-Sandbox-Fault", "429=0"}});
        QCOMPARE(response.status, 429);
        QCOMPARE(response.header("retry-after"), QByteArray("0"));
        QCOMPARE(response.header("ratelimit-remaining"), QByteArray("0"));
        QCOMPARE(response.header("ratelimit-reset"), QByteArray("0"));
        const QJsonObject body = response.json();
        QCOMPARE(body.value(QLatin1String("statusCode")).toInt(), 429);
        QCOMPARE(body.value(QLatin1String("error")).toString(),
                 QStringLiteral("Too Many Requests"));
        QVERIFY(body.value(QLatin1String("truto_error_insight"))
                    .toObject()
                    .contains(QLatin1String("rate_limit_error")));

        const SandboxResponse reserved = m_client->get(contactPath(faultAccount("429")));
        QCOMPARE(reserved.status, 429);
        QCOMPARE(reserved.header("retry-after"), QByteArray("1"));
    }

    void shouldFailOnlyTheFirstAttemptsOfAnIdempotentPatch()
    {
        const QByteArray path = contactPath(m_hubspot);
        const SandboxTestClient::Headers headers{{"X-Sandbox-Fault", "500=2"},
                                                 {"Idempotency-Key", "retry-me"}};
        const QByteArray body = R"({"title":"Countess"})";
        SandboxResponse response = m_client->patch(path, body, headers);
        QCOMPARE(response.status, 500);
        QCOMPARE(response.json().value(QLatin1String("statusCode")).toInt(), 500);
        QVERIFY(!response.json().contains(QLatin1String("truto_is_remote_error")));
        QCOMPARE(response.header("x-sandbox-fault-attempt"), QByteArray("1"));
        QCOMPARE(m_client->patch(path, body, headers).status, 500);
        response = m_client->patch(path, body, headers);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value(QLatin1String("title")).toString(),
                 QStringLiteral("Countess"));
        // A fourth try is a replay of the success, not a new write.
        response = m_client->patch(path, body, headers);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.header("idempotent-replayed"), QByteArray("true"));
        // Another key starts its own count.
        QCOMPARE(
            m_client
                ->patch(path, body, {{"X-Sandbox-Fault", "500=2"}, {"Idempotency-Key", "other"}})
                .status,
            500);
    }

    void shouldCountAttemptsByFaultToken()
    {
        const SandboxTestClient::Headers headers{{"X-Sandbox-Fault", "502=1, token=list-retry"}};
        const QByteArray path = "/unified/crm/notes?integrated_account_id=" + m_hubspot;
        QCOMPARE(m_client->get(path, headers).status, 502);
        QCOMPARE(m_client->get(path, headers).status, 200);
        QCOMPARE(m_client->get(path, {{"X-Sandbox-Fault", "504"}}).status, 504);
        QCOMPARE(m_client->get(path, {{"X-Sandbox-Fault", "504"}}).status, 504);
    }

    void shouldFailTheReservedAccountsFirstTwoAttempts()
    {
        const QByteArray path = contactPath(faultAccount("500"));
        QCOMPARE(m_client->get(path).status, 500);
        QCOMPARE(m_client->get(path).status, 500);
        QCOMPARE(m_client->get(path).status, 200);
        QCOMPARE(m_client->get(contactPath(faultAccount("502"))).status, 502);
        QCOMPARE(m_client->get(contactPath(faultAccount("504"))).status, 504);
    }

    void shouldAnswer503ForABlockedAccount()
    {
        const SandboxResponse response = m_client->get(contactPath(faultAccount("503")));
        QCOMPARE(response.status, 503);
        QCOMPARE(m_client->get(contactPath(m_hubspot), {{"X-Sandbox-Fault", "503"}}).status, 503);
    }

    void shouldAnswerAProviderValidationErrorOnDemand()
    {
        const SandboxResponse response = m_client->patch(contactPath(m_hubspot), R"({"title":"x"})",
                                                         {{"X-Sandbox-Fault", "422"}});
        QCOMPARE(response.status, 422);
        QCOMPARE(response.json().value(QLatin1String("truto_is_remote_error")).toBool(), true);
        QVERIFY(response.json().value(QLatin1String("raw_response")).isObject());
    }

    void shouldDropTheConnectionMidBody()
    {
        SandboxResponse response =
            m_client->get(contactPath(m_hubspot), {{"X-Sandbox-Fault", "drop"}});
        QVERIFY(response.error != QNetworkReply::NoError);
        QCOMPARE(response.status, 200); // the status line and headers did arrive
        QVERIFY(QJsonDocument::fromJson(response.body).isNull());

        response = m_client->get(contactPath(faultAccount("444")));
        QVERIFY(response.error != QNetworkReply::NoError);
        QVERIFY(QJsonDocument::fromJson(response.body).isNull());
    }

    void shouldSendAVeryLargeValidList()
    {
        const SandboxResponse response =
            m_client->get("/unified/crm/contacts?integrated_account_id=" + m_hubspot,
                          {{"X-Sandbox-Fault", "large=30000000"}});
        QCOMPARE(response.status, 200);
        QVERIFY(response.body.size() >= 30'000'000);
        QVERIFY2(response.reads > 1, "tens of megabytes arrive in many reads");
        const QJsonObject body = QJsonDocument::fromJson(response.body).object();
        const QJsonArray result = body.value(QLatin1String("result")).toArray();
        QVERIFY(result.size() > 1000);
        QCOMPARE(body.value(QLatin1String("result_count")).toInt(), result.size());
        QCOMPARE(result.at(5).toObject().value(QLatin1String("id")).toString(),
                 QStringLiteral("151-copy-3"));
    }

    void shouldPadASingleRecordToTheRequestedSize()
    {
        const SandboxResponse response =
            m_client->get(contactPath(m_hubspot), {{"X-Sandbox-Fault", "large=2000000"}});
        QCOMPARE(response.status, 200);
        QVERIFY(response.body.size() >= 2'000'000);
        const QJsonObject record = response.json();
        QCOMPARE(record.value(QLatin1String("first_name")).toString(), QStringLiteral("Ada"));
        QVERIFY(record.value(QLatin1String("sandbox_padding")).toString().size() > 1'000'000);
    }

    void shouldStreamALargeBodyInChunks()
    {
        const SandboxResponse response =
            m_client->get("/unified/crm/contacts?integrated_account_id=" + m_hubspot +
                              "&truto_response_format=stream",
                          {{"X-Sandbox-Fault", "large=1000000"}});
        QCOMPARE(response.status, 200);
        QVERIFY(response.body.size() >= 1'000'000);
        QVERIFY(response.reads > 2);
        const QList<QByteArray> lines = response.body.trimmed().split('\n');
        QVERIFY(lines.size() > 100);
        QVERIFY(!QJsonDocument::fromJson(lines.last()).isNull());
    }

    void shouldNeverAnswerAHangingRequest()
    {
        SandboxResponse response =
            m_client->get(contactPath(m_hubspot), {{"X-Sandbox-Fault", "hang"}}, 200);
        QVERIFY(response.finished);
        QVERIFY(response.error != QNetworkReply::NoError);
        QCOMPARE(response.status, 0);
        QVERIFY(response.body.isEmpty());
        response = m_client->get(contactPath(faultAccount("408")), {}, 200);
        QCOMPARE(response.status, 0);
        // The server is still answering others.
        QCOMPARE(m_client->get(contactPath(m_hubspot)).status, 200);
    }

    void shouldKeepReservedFaultAccountsOutOfProviderLookups()
    {
        QCOMPARE(m_server->accountIdFor(QStringLiteral("hubspot")), QString::fromLatin1(m_hubspot));
        QVERIFY(!m_hubspot.startsWith("fa017000"));
    }
};

QTEST_GUILESS_MAIN(TestSandboxFaults)
#include "tst_sandboxfaults.moc"
