// The sandbox server over real loopback sockets: every route, PATCH as the real API behaves,
// query encodings, response formats, idempotency, rate-limit headers, persistence and the Host
// guard. Faults are in tst_sandboxfaults, the threaded host in tst_sandboxhost.

#include "sandboxtestclient.h"

#include "sandbox/querydecoder.h"
#include "sandbox/sandboxserver.h"

#include <QJsonArray>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace crmdesk;

namespace {
// Special accounts documented in app/sandbox/README.md.
const QByteArray kSandboxAccount = "117081c0-b177-402c-b4bf-63e943e97eb0";
const QByteArray kNeedsReauthAccount = "0ce01552-4372-481f-81fc-c316b9b12028";
const QByteArray kLiveMetadataAccount = "d872f658-b6c8-4d6c-9c56-73c13a54f48d";
const QByteArray kBlockedAccount = "fa017000-0000-4000-8000-000000000503";
const QByteArray kOnePageOddId = "alt:ref:imported@onepage.example_t:50603/x y+z";

QJsonValue at(const QJsonValue &value, const QString &dottedPath)
{
    QJsonValue current = value;
    for (const QString &key : dottedPath.split(u'.')) {
        bool isIndex = false;
        const int index = key.toInt(&isIndex);
        current = isIndex ? current.toArray().at(index) : current.toObject().value(key);
    }
    return current;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
} // namespace

class TestSandboxServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxTestClient> m_client;

    QByteArray account(const QString &provider) const
    {
        const QString id = m_server->accountIdFor(provider);
        Q_ASSERT(!id.isEmpty());
        return id.toLatin1();
    }
    QByteArray recordPath(const QByteArray &resource, const QByteArray &id,
                          const QByteArray &accountId, const QByteArray &extraQuery = {}) const
    {
        return "/unified/crm/" + resource + '/' + QUrl::toPercentEncoding(QString::fromUtf8(id)) +
               "?integrated_account_id=" + accountId +
               (extraQuery.isEmpty() ? QByteArray() : '&' + extraQuery);
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

    // ---- server basics --------------------------------------------------------------------

    void shouldListenOnLoopbackOnly()
    {
        QCOMPARE(m_server->baseUrl().host(), QStringLiteral("127.0.0.1"));
        QVERIFY(m_server->baseUrl().port() > 0);
        QVERIFY(!m_server->token().isEmpty());
        SandboxServer second;
        QVERIFY(!second.listen(quint16(m_server->baseUrl().port())));
        QVERIFY(!second.errorString().isEmpty());
    }

    void shouldPrintUsageWithUrlTokenAccountsAndAnExample()
    {
        const QString text = m_server->usageText();
        QVERIFY(text.contains(m_server->baseUrl().toString()));
        QVERIFY(text.contains(m_server->token()));
        QVERIFY(text.contains(m_server->accountIdFor(QStringLiteral("Zendesk Sell"))));
        QVERIFY(text.contains(QStringLiteral("curl -H \"Authorization: Bearer ")));
        QVERIFY(text.contains(QStringLiteral("fa017000-0000-4000-8000-000000000429")));
    }

    void shouldAnswer401WithoutAValidToken()
    {
        m_client->setToken({});
        SandboxResponse response = m_client->get("/integrated-account");
        QCOMPARE(response.status, 401);
        QCOMPARE(response.json().value(QLatin1String("statusCode")).toInt(), 401);
        QCOMPARE(response.json().value(QLatin1String("error")).toString(),
                 QStringLiteral("Unauthorized"));
        m_client->setToken(QStringLiteral("not-the-token"));
        QCOMPARE(m_client->get("/integrated-account").status, 401);
        m_server->addToken(QStringLiteral("not-the-token"));
        QCOMPARE(m_client->get("/integrated-account").status, 200);
    }

    void shouldAnswerUnknownRoutesWithTheTrutoErrorEnvelope()
    {
        for (const QByteArray &path : {QByteArray("/nope"), QByteArray("/unified/crm"),
                                       QByteArray("/unified/crm/contacts/1/2/3/4/5")}) {
            const SandboxResponse response = m_client->get(path);
            QCOMPARE(response.status, 404);
            const QJsonObject body = response.json();
            QCOMPARE(body.value(QLatin1String("statusCode")).toInt(), 404);
            QCOMPARE(body.value(QLatin1String("error")).toString(), QStringLiteral("Not Found"));
            QVERIFY(!body.value(QLatin1String("message")).toString().isEmpty());
        }
        QCOMPARE(m_client
                     ->send("DELETE",
                            recordPath("contacts", "151", account(QStringLiteral("HubSpot"))), {},
                            {})
                     .status,
                 404);
    }

    void shouldRefuseRequestsAddressedToAForeignHost()
    {
        // A DNS-rebinding page would reach 127.0.0.1 with its own host name in Host.
        const auto rawStatus = [this](const QByteArray &host) {
            // The server runs in this thread: wait with the event loop running, never block.
            QTcpSocket socket;
            QSignalSpy closed(&socket, &QTcpSocket::disconnected);
            QByteArray answer;
            connect(&socket, &QTcpSocket::readyRead, &socket,
                    [&socket, &answer] { answer += socket.readAll(); });
            connect(&socket, &QTcpSocket::connected, &socket, [this, &socket, host] {
                socket.write("GET /integrated-account HTTP/1.1\r\nHost: " + host +
                             "\r\nAuthorization: Bearer " + m_server->token().toUtf8() +
                             "\r\nConnection: close\r\n\r\n");
            });
            socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_server->baseUrl().port()));
            closed.wait(10000);
            return answer.left(answer.indexOf("\r\n"));
        };
        QCOMPARE(rawStatus("evil.example:80"), QByteArray("HTTP/1.1 403 Forbidden"));
        QCOMPARE(rawStatus("127.0.0.1.evil.example"), QByteArray("HTTP/1.1 403 Forbidden"));
        QCOMPARE(rawStatus("localhost:" + QByteArray::number(m_server->baseUrl().port())),
                 QByteArray("HTTP/1.1 200 OK"));
        QCOMPARE(rawStatus("[::1]:" + QByteArray::number(m_server->baseUrl().port())),
                 QByteArray("HTTP/1.1 200 OK"));
    }

    // ---- integrated accounts ----------------------------------------------------------------

    void shouldListIntegratedAccountsInThePlatformEnvelope()
    {
        const SandboxResponse response = m_client->get("/integrated-account");
        QCOMPARE(response.status, 200);
        const QJsonObject body = response.json();
        const QJsonArray result = body.value(QLatin1String("result")).toArray();
        QCOMPARE(result.size(), m_server->accounts().size());
        QVERIFY(body.contains(QLatin1String("next_cursor")));
        QVERIFY(body.contains(QLatin1String("limit")));
        QVERIFY(result.size() >= 13);
        const QJsonObject first = result.first().toObject();
        QVERIFY(!at(first, QStringLiteral("integration.name")).toString().isEmpty());
        QVERIFY(first.contains(QLatin1String("is_sandbox")));
        QVERIFY(first.contains(QLatin1String("status")));
    }

    void shouldFilterAndPageTheAccountList()
    {
        SandboxResponse response =
            m_client->get("/integrated-account?integration%5Bname%5D=pipedrive");
        const QJsonArray pipedrive = response.json().value(QLatin1String("result")).toArray();
        QCOMPARE(pipedrive.size(), 2); // the active one and the one that needs reauth
        for (const QJsonValue &item : pipedrive)
            QCOMPARE(at(item, QStringLiteral("integration.name")).toString(),
                     QStringLiteral("pipedrive"));
        response = m_client->get("/integrated-account?is_sandbox=true");
        QCOMPARE(response.json().value(QLatin1String("result")).toArray().size(), 1);

        QStringList seen;
        QByteArray cursor;
        for (int page = 0; page < 20; ++page) {
            response = m_client->get("/integrated-account?limit=5" +
                                     (cursor.isEmpty() ? QByteArray() : "&next_cursor=" + cursor));
            const QJsonArray result = response.json().value(QLatin1String("result")).toArray();
            QVERIFY(result.size() <= 5);
            for (const QJsonValue &item : result)
                seen.append(item.toObject().value(QLatin1String("id")).toString());
            cursor = response.json().value(QLatin1String("next_cursor")).toString().toLatin1();
            if (cursor.isEmpty())
                break;
        }
        QCOMPARE(seen.size(), m_server->accounts().size());
        seen.removeDuplicates();
        QCOMPARE(seen.size(), m_server->accounts().size());
    }

    void shouldReturnOneIntegratedAccount()
    {
        const SandboxResponse response =
            m_client->get("/integrated-account/" + account(QStringLiteral("Zoho CRM")));
        QCOMPARE(response.status, 200);
        const QJsonObject body = response.json();
        QCOMPARE(body.value(QLatin1String("id")).toString(),
                 QString::fromLatin1(account(QStringLiteral("Zoho CRM"))));
        QCOMPARE(at(body, QStringLiteral("integration.label")).toString(),
                 QStringLiteral("Zoho CRM"));
        QCOMPARE(body.value(QLatin1String("status")).toString(), QStringLiteral("active"));
        QCOMPARE(m_client->get("/integrated-account/00000000-0000-4000-8000-00000000dead").status,
                 404);
        QCOMPARE(m_client->get("/integrated-account/" + kNeedsReauthAccount)
                     .json()
                     .value(QLatin1String("status"))
                     .toString(),
                 QStringLiteral("needs_reauth"));
    }

    void shouldDescribeTheCapabilitiesOfAnAccount()
    {
        SandboxResponse response = m_client->get(
            "/integrated-account/" + account(QStringLiteral("Teamleader")) + "/capabilities");
        QCOMPARE(response.status, 200);
        QJsonObject body = response.json();
        QCOMPARE(at(body, QStringLiteral("integration.name")).toString(),
                 QStringLiteral("teamleader"));
        QCOMPARE(at(body, QStringLiteral("account.status")).toString(), QStringLiteral("active"));
        QCOMPARE(at(body, QStringLiteral("account.is_blocked")).toBool(true), false);
        QVERIFY(!at(body, QStringLiteral("account.authentication_method")).toString().isEmpty());
        QStringList resources;
        for (const QJsonValue &entry : body.value(QLatin1String("unified")).toArray()) {
            resources.append(entry.toObject().value(QLatin1String("resource")).toString());
            if (entry.toObject().value(QLatin1String("resource")) == QStringLiteral("contacts"))
                QVERIFY(entry.toObject()
                            .value(QLatin1String("methods"))
                            .toArray()
                            .contains(QStringLiteral("update")));
        }
        QVERIFY(resources.contains(QStringLiteral("contacts")));
        QVERIFY(resources.contains(QStringLiteral("opportunities")));
        QVERIFY(!resources.contains(QStringLiteral("notes")));

        response = m_client->get("/integrated-account/" + kBlockedAccount +
                                 "/capabilities?type=unified&resource=notes");
        body = response.json();
        QCOMPARE(at(body, QStringLiteral("account.is_blocked")).toBool(), true);
        QCOMPARE(body.value(QLatin1String("unified")).toArray().size(), 1);
        response =
            m_client->get("/integrated-account/" + kBlockedAccount + "/capabilities?type=proxy");
        QVERIFY(!response.json().contains(QLatin1String("unified")));
    }

    // ---- metadata ---------------------------------------------------------------------------

    void shouldBuildUpdateMetaFromTheBundledSchema()
    {
        SandboxResponse response =
            m_client->get("/unified/crm/contacts/meta/update?integrated_account_id=" +
                          account(QStringLiteral("Capsule")));
        QCOMPARE(response.status, 200);
        QJsonObject meta = response.json();
        QCOMPARE(meta.value(QLatin1String("method")).toString(), QStringLiteral("update"));
        QVERIFY(meta.value(QLatin1String("documentation_link"))
                    .toString()
                    .startsWith(QLatin1String("https://")));
        for (const char *key : {"schema", "query_schema", "request_body_schema", "default_query",
                                "default_body", "response_mapping"})
            QVERIFY2(meta.contains(QLatin1String(key)), key);
        const QJsonObject body = meta.value(QLatin1String("request_body_schema")).toObject();
        QCOMPARE(at(body, QStringLiteral("properties.first_name.required")).toBool(), true);
        QCOMPARE(at(body, QStringLiteral("properties.last_name.required")).toBool(true), false);
        QVERIFY(
            body.value(QLatin1String("required")).toArray().contains(QStringLiteral("first_name")));
        QVERIFY(body.value(QLatin1String("properties"))
                    .toObject()
                    .contains(QLatin1String("remote_data")));
        QVERIFY(at(meta, QStringLiteral("query_schema.required"))
                    .toArray()
                    .contains(QStringLiteral("integrated_account_id")));
        QCOMPARE(at(meta, QStringLiteral("response_mapping.fields")).toArray(),
                 m_server->mappingTable(QStringLiteral("Capsule"), QStringLiteral("contacts"))
                     .value(QLatin1String("fields"))
                     .toArray());

        // HubSpot engagements: only engagement_type is documented, and it is required.
        response = m_client->get("/unified/crm/engagements/meta/update?integrated_account_id=" +
                                 account(QStringLiteral("HubSpot")));
        const QJsonObject engagement =
            response.json().value(QLatin1String("request_body_schema")).toObject();
        QCOMPARE(at(engagement, QStringLiteral("properties.engagement_type.required")).toBool(),
                 true);
        QCOMPARE(at(engagement, QStringLiteral("properties.engagement_type.enum")).toArray(),
                 (QJsonArray{QStringLiteral("call"), QStringLiteral("email"),
                             QStringLiteral("meeting")}));
        QVERIFY(!engagement.value(QLatin1String("properties"))
                     .toObject()
                     .contains(QLatin1String("subject")));

        // OnePageCRM requires engagement_type as a query parameter.
        response = m_client->get("/unified/crm/engagements/meta/update?integrated_account_id=" +
                                 account(QStringLiteral("OnePageCRM")));
        QVERIFY(at(response.json(), QStringLiteral("query_schema.required"))
                    .toArray()
                    .contains(QStringLiteral("engagement_type")));

        response = m_client->get("/unified/crm/opportunities/teamleader/meta/update");
        QCOMPARE(response.status, 200);
        QCOMPARE(
            at(response.json(), QStringLiteral("request_body_schema.required")).toArray().size(),
            3);
        QVERIFY(response.json().contains(QLatin1String("response_schema")));
    }

    void shouldServeLiveMetadataThatDiffersFromTheBundledSchema()
    {
        const auto bodySchema = [this](const QByteArray &accountId) {
            return m_client
                ->get("/unified/crm/contacts/meta/update?integrated_account_id=" + accountId)
                .json()
                .value(QLatin1String("request_body_schema"))
                .toObject();
        };
        const QJsonObject bundled = bodySchema(account(QStringLiteral("HubSpot")));
        QCOMPARE(at(bundled, QStringLiteral("properties.title.required")).toBool(true), false);
        QVERIFY(
            bundled.value(QLatin1String("properties")).toObject().contains(QLatin1String("tags")));

        const QJsonObject live = bodySchema(kLiveMetadataAccount);
        QCOMPARE(at(live, QStringLiteral("properties.title.required")).toBool(), true);
        QVERIFY(live.value(QLatin1String("required")).toArray().contains(QStringLiteral("title")));
        QVERIFY(
            !live.value(QLatin1String("properties")).toObject().contains(QLatin1String("tags")));
    }

    void shouldListCustomFieldDefinitions()
    {
        SandboxResponse response = m_client->get("/unified/crm/fields?integrated_account_id=" +
                                                 account(QStringLiteral("HubSpot")));
        QCOMPARE(response.status, 200);
        const QJsonArray fields = response.json().value(QLatin1String("result")).toArray();
        QVERIFY(fields.size() >= 3);
        bool sawEnumWithOptions = false;
        for (const QJsonValue &value : fields) {
            const QJsonObject field = value.toObject();
            for (const char *key : {"id", "name", "label", "type", "is_editable", "is_required",
                                    "options", "entity_type"})
                QVERIFY2(field.contains(QLatin1String(key)), key);
            if (field.value(QLatin1String("type")) == QStringLiteral("enum"))
                sawEnumWithOptions |= !field.value(QLatin1String("options")).toArray().isEmpty();
        }
        QVERIFY(sawEnumWithOptions);
        response =
            m_client->get("/unified/crm/fields?entity_type=opportunity&integrated_account_id=" +
                          account(QStringLiteral("HubSpot")));
        for (const QJsonValue &value : response.json().value(QLatin1String("result")).toArray())
            QCOMPARE(value.toObject().value(QLatin1String("entity_type")).toString(),
                     QStringLiteral("opportunity"));
    }

    // ---- reading records --------------------------------------------------------------------

    void shouldListRecordsWithCursorPaging()
    {
        const QByteArray hubspot = account(QStringLiteral("HubSpot"));
        SandboxResponse response = m_client->get(
            "/unified/crm/contacts?integrated_account_id=" + hubspot + "&limit=2&next_cursor=");
        QCOMPARE(response.status, 200);
        QJsonObject body = response.json();
        QCOMPARE(body.value(QLatin1String("result")).toArray().size(), 2);
        QCOMPARE(body.value(QLatin1String("result_count")).toInt(), 2);
        QVERIFY(body.value(QLatin1String("prev_cursor")).isNull());
        const QByteArray cursor = body.value(QLatin1String("next_cursor")).toString().toLatin1();
        QVERIFY(!cursor.isEmpty());
        response = m_client->get("/unified/crm/contacts?integrated_account_id=" + hubspot +
                                 "&limit=2&next_cursor=" + cursor);
        body = response.json();
        QCOMPARE(body.value(QLatin1String("result")).toArray().size(), 1);
        QVERIFY(body.value(QLatin1String("next_cursor")).isNull());
        QCOMPARE(m_client
                     ->get("/unified/crm/contacts?integrated_account_id=" + hubspot +
                           "&next_cursor=garbage")
                     .status,
                 400);
    }

    void shouldReturnOneUnifiedRecordWithItsNativeRecordAsRemoteData()
    {
        const SandboxResponse response =
            m_client->get(recordPath("contacts", "151", account(QStringLiteral("HubSpot"))));
        QCOMPARE(response.status, 200);
        QVERIFY(response.header("content-type").startsWith("application/json"));
        const QJsonObject record = response.json();
        QCOMPARE(record.value(QLatin1String("id")).toString(), QStringLiteral("151"));
        QCOMPARE(record.value(QLatin1String("first_name")).toString(), QStringLiteral("Ada"));
        QCOMPARE(at(record, QStringLiteral("email_addresses.0.email")).toString(),
                 QStringLiteral("ada@analytical-engines.example"));
        QCOMPARE(at(record, QStringLiteral("tags.1.name")).toString(),
                 QStringLiteral("newsletter"));
        QCOMPARE(at(record, QStringLiteral("custom_fields.customer_tier")).toString(),
                 QStringLiteral("gold"));
        QCOMPARE(record.value(QLatin1String("remote_data")).toObject(),
                 m_server->nativeRecord(QString::fromLatin1(account(QStringLiteral("HubSpot"))),
                                        QStringLiteral("contacts"), QStringLiteral("151")));
    }

    void shouldAnswerTheDocumentedErrorsForUnifiedCalls()
    {
        SandboxResponse response = m_client->get("/unified/crm/contacts/151");
        QCOMPARE(response.status, 400);
        QCOMPARE(at(response.insight(), QStringLiteral("missing_required_query_parameters.value"))
                     .toArray(),
                 QJsonArray{QStringLiteral("integrated_account_id")});
        QCOMPARE(
            m_client->get(recordPath("contacts", "151", "9b2f0c4e-0000-4000-8000-000000000000"))
                .status,
            404);
        QCOMPARE(m_client->get(recordPath("contacts", "999999", account(QStringLiteral("HubSpot"))))
                     .status,
                 404);
        QCOMPARE(
            m_client->get(recordPath("notes", "1", account(QStringLiteral("Teamleader")))).status,
            404);
        QCOMPARE(m_client
                     ->get(recordPath("contacts", "151", account(QStringLiteral("HubSpot")),
                                      "truto_response_format=xml"))
                     .status,
                 400);

        response = m_client->get(recordPath("contacts", "101", kNeedsReauthAccount));
        QCOMPARE(response.status, 401);
        QCOMPARE(response.json().value(QLatin1String("truto_is_remote_error")).toBool(), true);
        QVERIFY(response.json().contains(QLatin1String("raw_response")));

        response = m_client->get(recordPath("contacts", "151", kBlockedAccount));
        QCOMPARE(response.status, 503);
        QCOMPARE(response.json().value(QLatin1String("statusCode")).toInt(), 503);
    }

    void shouldFindARecordWhoseIdHasReservedCharacters()
    {
        // Contract §3: the id is percent-encoded into one path segment, "/" included.
        const SandboxResponse response = m_client->get(
            recordPath("contacts", kOnePageOddId, account(QStringLiteral("OnePageCRM"))));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value(QLatin1String("id")).toString(),
                 QString::fromUtf8(kOnePageOddId));
    }

    // ---- response formats -------------------------------------------------------------------

    void shouldReturnTheProvidersOwnBodyInRawFormat()
    {
        const QByteArray hubspot = account(QStringLiteral("HubSpot"));
        const QJsonObject raw =
            m_client->get(recordPath("contacts", "151", hubspot, "truto_response_format=raw"))
                .json();
        QCOMPARE(raw, m_server->nativeRecord(QString::fromLatin1(hubspot),
                                             QStringLiteral("contacts"), QStringLiteral("151")));
        QVERIFY(!raw.contains(QLatin1String("first_name")));
        QVERIFY(!raw.contains(QLatin1String("remote_data")));

        // Zendesk Sell wraps its records in {"data": ..., "meta": ...}.
        const QByteArray sell = account(QStringLiteral("Zendesk Sell"));
        const QJsonObject wrapped =
            m_client->get(recordPath("contacts", "1", sell, "truto_response_format=raw")).json();
        QCOMPARE(wrapped.value(QLatin1String("data")).toObject(),
                 m_server->nativeRecord(QString::fromLatin1(sell), QStringLiteral("contacts"),
                                        QStringLiteral("1")));
        QCOMPARE(at(wrapped, QStringLiteral("meta.type")).toString(), QStringLiteral("contact"));
    }

    void shouldReturnEveryResponseFieldInNormalizedFormat()
    {
        const QJsonObject record =
            m_client
                ->get(recordPath("contacts", "1", account(QStringLiteral("Zendesk Sell")),
                                 "truto_response_format=normalized"))
                .json();
        for (const char *key : {"id", "first_name", "last_name", "email_addresses", "urls", "etag",
                                "last_activity_at", "updated_at"})
            QVERIFY2(record.contains(QLatin1String(key)), key);
        QVERIFY(record.value(QLatin1String("urls")).isNull());
        QVERIFY(!record.contains(QLatin1String("remote_data")));
        QCOMPARE(record.value(QLatin1String("first_name")).toString(), QStringLiteral("Sophie"));
    }

    void shouldLeaveOutRemoteDataWhenAsked()
    {
        const QJsonObject record =
            m_client
                ->get(recordPath("contacts", "151", account(QStringLiteral("HubSpot")),
                                 "truto_ignore_remote_data=true"))
                .json();
        QVERIFY(!record.contains(QLatin1String("remote_data")));
        QVERIFY(record.contains(QLatin1String("first_name")));
    }

    void shouldStreamNewlineDelimitedJsonInSeveralChunks()
    {
        const SandboxResponse response = m_client->get(
            "/unified/crm/contacts?integrated_account_id=" + account(QStringLiteral("HubSpot")) +
            "&truto_response_format=stream");
        QCOMPARE(response.status, 200);
        QVERIFY(response.header("content-type").startsWith("application/x-ndjson"));
        QCOMPARE(response.header("transfer-encoding"), QByteArray("chunked"));
        QVERIFY2(response.reads >= 2, qPrintable(QString::number(response.reads)));
        const QList<QByteArray> lines = response.body.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        for (const QByteArray &line : lines) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(line, &error);
            QCOMPARE(error.error, QJsonParseError::NoError);
            QVERIFY(document.object().contains(QLatin1String("id")));
        }
    }

    void shouldKeyListsByAFieldWhenAsked()
    {
        const QJsonObject body = m_client
                                     ->get("/unified/crm/contacts?integrated_account_id=" +
                                           account(QStringLiteral("HubSpot")) + "&truto_key_by=id")
                                     .json();
        const QJsonObject keyed = body.value(QLatin1String("result")).toObject();
        QCOMPARE(keyed.keys(), (QStringList{QStringLiteral("151"), QStringLiteral("152"),
                                            QStringLiteral("153")}));
    }

    // ---- query decoding ---------------------------------------------------------------------

    void shouldDecodeEveryArrayEncodingOfExcludeFields_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::newRow("documented []")
            << QByteArray("truto_exclude_fields[]=first_name&truto_exclude_fields[]=last_name");
        QTest::newRow("TS SDK [0] encoded") << QByteArray(
            "truto_exclude_fields%5B0%5D=first_name&truto_exclude_fields%5B1%5D=last_name");
        QTest::newRow("[0] literal")
            << QByteArray("truto_exclude_fields[0]=first_name&truto_exclude_fields[1]=last_name");
        QTest::newRow("Python SDK %5B%5D") << QByteArray(
            "truto_exclude_fields%5B%5D=first_name&truto_exclude_fields%5B%5D=last_name");
        QTest::newRow("comma list") << QByteArray("truto_exclude_fields=first_name%2Clast_name");
    }

    void shouldDecodeEveryArrayEncodingOfExcludeFields()
    {
        QFETCH(QByteArray, query);
        const SandboxResponse response =
            m_client->get(recordPath("contacts", "151", account(QStringLiteral("HubSpot")), query));
        QCOMPARE(response.status, 200);
        const QJsonObject record = response.json();
        QVERIFY(!record.contains(QLatin1String("first_name")));
        QVERIFY(!record.contains(QLatin1String("last_name")));
        QVERIFY(record.contains(QLatin1String("title")));
    }

    void shouldDecodePlusAsSpaceAndPercent2BAsPlus_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("%20") << QByteArray("remote_query%5Bq%5D=a%20b") << QStringLiteral("q")
                             << QStringLiteral("a b");
        QTest::newRow("literal + is a space")
            << QByteArray("remote_query[q]=a+b") << QStringLiteral("q") << QStringLiteral("a b");
        QTest::newRow("%2B is a plus") << QByteArray("remote_query%5Bq%5D=a%2Bb")
                                       << QStringLiteral("q") << QStringLiteral("a+b");
        QTest::newRow("encoded key and ampersand")
            << QByteArray("remote_query%5Ba%20b%5D=c%26d") << QStringLiteral("a b")
            << QStringLiteral("c&d");
        QTest::newRow("utf-8") << QByteArray("remote_query[q]=caf%C3%A9") << QStringLiteral("q")
                               << QStringLiteral("café");
    }

    void shouldDecodePlusAsSpaceAndPercent2BAsPlus()
    {
        QFETCH(QByteArray, query);
        QFETCH(QString, key);
        QFETCH(QString, value);
        const SandboxResponse response =
            m_client->get(recordPath("contacts", "151", account(QStringLiteral("HubSpot")), query));
        QCOMPARE(response.status, 200);
        // The server reports what it decoded in X-Sandbox-Query.
        const QJsonObject decoded =
            QJsonDocument::fromJson(response.header("x-sandbox-query")).object();
        QCOMPARE(at(decoded, u"remote_query." + key).toString(), value);
    }

    void shouldDecodeTheContractsQueryVectorIntoNestedValues()
    {
        // Contract §5.3 unit-test vector.
        const QJsonObject decoded =
            sandbox::QueryDecoder::decode("integrated_account_id=62f44730-dd91-461e-bd6a-"
                                          "aedd9e0ad79d&truto_exclude_fields%5B%5D=id"
                                          "&truto_exclude_fields%5B%5D=name&remote_query%5Ba%20b%"
                                          "5D=c%26d&remote_query%5Bnested%5D"
                                          "%5Bx%5D=1&str=hello%20world%2B%2F%3F");
        QCOMPARE(decoded.value(QLatin1String("truto_exclude_fields")).toArray(),
                 (QJsonArray{QStringLiteral("id"), QStringLiteral("name")}));
        QCOMPARE(at(decoded, QStringLiteral("remote_query.a b")).toString(), QStringLiteral("c&d"));
        QCOMPARE(at(decoded, QStringLiteral("remote_query.nested.x")).toString(),
                 QStringLiteral("1"));
        QCOMPARE(decoded.value(QLatin1String("str")).toString(), QStringLiteral("hello world+/?"));
        const QJsonObject objects =
            sandbox::QueryDecoder::decode("contact[0][id]=a&contact[1][id]=b&foo[][bar]=baz");
        QCOMPARE(at(objects, QStringLiteral("contact.1.id")).toString(), QStringLiteral("b"));
        QCOMPARE(at(objects, QStringLiteral("foo.0.bar")).toString(), QStringLiteral("baz"));
    }

    void shouldRejectLooseEncodingInStrictMode()
    {
        const QByteArray hubspot = account(QStringLiteral("HubSpot"));
        const SandboxTestClient::Headers strict{{"X-Sandbox-Strict-Query", "true"}};
        QCOMPARE(m_client
                     ->get(recordPath("contacts", "151", hubspot, "truto_exclude_fields%5B%5D=id"),
                           strict)
                     .status,
                 200);
        for (const QByteArray &loose :
             {QByteArray("truto_exclude_fields[]=id"), QByteArray("remote_query%5Bq%5D=a+b"),
              QByteArray("truto_exclude_fields%5B0%5D=id"), QByteArray("remote_query%5Bq%5D=")}) {
            const SandboxResponse response =
                m_client->get(recordPath("contacts", "151", hubspot, loose), strict);
            QCOMPARE(response.status, 400);
            QVERIFY(response.json()
                        .value(QLatin1String("message"))
                        .toString()
                        .contains(QLatin1String("5.3")));
        }
        m_server->setStrictQueryEncoding(true);
        QCOMPARE(m_client->get(recordPath("contacts", "151", hubspot, "a[]=b")).status, 400);
    }

    // ---- PATCH ------------------------------------------------------------------------------

    void shouldUpdateEachResourceInTheProvidersNativeShape_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("nativePath");
        QTest::addColumn<QJsonValue>("nativeValue");
        const auto row = [](const char *name, const QString &provider, const QString &resource,
                            const QString &id, const QJsonObject &body, const QString &path,
                            const QJsonValue &value) {
            QTest::newRow(name) << provider << resource << id << body << path << value;
        };
        const QString hs = QStringLiteral("HubSpot");
        const QString pd = QStringLiteral("Pipedrive");
        row("hubspot contacts", hs, QStringLiteral("contacts"), QStringLiteral("151"),
            {{QStringLiteral("first_name"), QStringLiteral("Augusta")}},
            QStringLiteral("properties.firstname"), QStringLiteral("Augusta"));
        row("hubspot notes", hs, QStringLiteral("notes"), QStringLiteral("7001"),
            {{QStringLiteral("content"), QStringLiteral("Demo booked.")}},
            QStringLiteral("properties.hs_note_body"), QStringLiteral("Demo booked."));
        row("hubspot leads", hs, QStringLiteral("leads"), QStringLiteral("8101"),
            {{QStringLiteral("title"), QStringLiteral("Expansion, phase 2")}},
            QStringLiteral("properties.hs_lead_name"), QStringLiteral("Expansion, phase 2"));
        row("hubspot opportunities", hs, QStringLiteral("opportunities"), QStringLiteral("5301"),
            {{QStringLiteral("amount"), 51000.5}}, QStringLiteral("properties.amount"),
            QStringLiteral("51000.5"));
        row("hubspot engagements", hs, QStringLiteral("engagements"), QStringLiteral("4401"),
            {{QStringLiteral("engagement_type"), QStringLiteral("meeting")}},
            QStringLiteral("engagement.type"), QStringLiteral("MEETING"));
        row("pipedrive contacts", pd, QStringLiteral("contacts"), QStringLiteral("101"),
            {{QStringLiteral("email_addresses"),
              QJsonArray{QJsonObject{{QStringLiteral("email"), QStringLiteral("alan@new.example")},
                                     {QStringLiteral("type"), QStringLiteral("work")}}}}},
            QStringLiteral("email.0.value"), QStringLiteral("alan@new.example"));
        row("pipedrive notes", pd, QStringLiteral("notes"), QStringLiteral("9001"),
            {{QStringLiteral("contact"),
              QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("102")}}}}},
            QStringLiteral("person_id"), 102);
        row("pipedrive leads", pd, QStringLiteral("leads"),
            QStringLiteral("adf21080-0e10-11eb-879b-05d71fb426ec"),
            {{QStringLiteral("lead_source"), QStringLiteral("Referral")}},
            QStringLiteral("source_name"), QStringLiteral("Referral"));
        row("pipedrive opportunities", pd, QStringLiteral("opportunities"), QStringLiteral("6001"),
            {{QStringLiteral("close_date"), QStringLiteral("2024-08-01T00:00:00.000Z")}},
            QStringLiteral("expected_close_date"), QStringLiteral("2024-08-01"));
        row("pipedrive engagements", pd, QStringLiteral("engagements"), QStringLiteral("11001"),
            {{QStringLiteral("subject"), QStringLiteral("Follow-up call")}},
            QStringLiteral("subject"), QStringLiteral("Follow-up call"));
    }

    void shouldUpdateEachResourceInTheProvidersNativeShape()
    {
        QFETCH(QString, provider);
        QFETCH(QString, resource);
        QFETCH(QString, id);
        QFETCH(QJsonObject, body);
        QFETCH(QString, nativePath);
        QFETCH(QJsonValue, nativeValue);
        const QByteArray accountId = account(provider);
        const QString accountText = QString::fromLatin1(accountId);
        const QByteArray path = recordPath(resource.toLatin1(), id.toUtf8(), accountId);
        const QJsonObject before = m_client->get(path).json();

        const SandboxResponse response = m_client->patch(path, json(body));
        QCOMPARE(response.status, 200);
        const QJsonObject updated = response.json();
        const QString field = body.keys().first();
        QCOMPARE(updated.value(field), body.value(field));
        QVERIFY(updated.value(QLatin1String("updated_at")) !=
                before.value(QLatin1String("updated_at")));
        const QJsonObject native = m_server->nativeRecord(accountText, resource, id);
        QCOMPARE(at(native, nativePath), nativeValue);
        QCOMPARE(updated.value(QLatin1String("remote_data")).toObject(), native);

        // A later GET sees the edit; raw gives the native record, which is not the unified one.
        QCOMPARE(m_client->get(path).json().value(field), body.value(field));
        const QJsonObject raw = m_client
                                    ->get(recordPath(resource.toLatin1(), id.toUtf8(), accountId,
                                                     "truto_response_format=raw"))
                                    .json();
        QCOMPARE(raw, native);
        QVERIFY(raw != updated);
    }

    void shouldIgnoreFieldsTheProviderDoesNotSupport()
    {
        const QByteArray hubspot = account(QStringLiteral("HubSpot"));
        const QString hubspotText = QString::fromLatin1(hubspot);
        const QString titleBefore =
            at(m_server->nativeRecord(hubspotText, QStringLiteral("engagements"),
                                      QStringLiteral("4401")),
               QStringLiteral("metadata.title"))
                .toString();
        const SandboxResponse response = m_client->patch(
            recordPath("engagements", "4401", hubspot),
            R"({"engagement_type":"call","subject":"Not mapped for HubSpot","favourite_colour":"teal"})");
        QCOMPARE(response.status, 200);
        const QByteArray ignored = response.header("x-sandbox-ignored-fields");
        QVERIFY(ignored.contains("subject"));
        QVERIFY(ignored.contains("favourite_colour"));
        QCOMPARE(at(m_server->nativeRecord(hubspotText, QStringLiteral("engagements"),
                                           QStringLiteral("4401")),
                    QStringLiteral("metadata.title"))
                     .toString(),
                 titleBefore);
        QVERIFY(
            !m_server
                 ->nativeRecord(hubspotText, QStringLiteral("engagements"), QStringLiteral("4401"))
                 .contains(QLatin1String("favourite_colour")));
    }

    void shouldRefuseAPatchThatLeavesAProviderRequiredFieldEmpty_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QByteArray>("resource");
        QTest::addColumn<QByteArray>("id");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QStringList>("missing");
        QTest::newRow("capsule first_name emptied")
            << QStringLiteral("Capsule") << QByteArray("contacts") << QByteArray("11587")
            << QByteArray(R"({"first_name":""})") << QStringList{QStringLiteral("first_name")};
        QTest::newRow("capsule first_name null")
            << QStringLiteral("Capsule") << QByteArray("contacts") << QByteArray("11587")
            << QByteArray(R"({"first_name":null})") << QStringList{QStringLiteral("first_name")};
        QTest::newRow("teamleader contact and name")
            << QStringLiteral("Teamleader") << QByteArray("opportunities")
            << QByteArray("f6871b06-6513-4750-b5e6-ff3503b5a029")
            << QByteArray(R"({"contact":[],"name":"  "})")
            << QStringList{QStringLiteral("contact"), QStringLiteral("name")};
        QTest::newRow("affinity note content")
            << QStringLiteral("Affinity") << QByteArray("notes") << QByteArray("22984")
            << QByteArray(R"({"content":null})") << QStringList{QStringLiteral("content")};
    }

    void shouldRefuseAPatchThatLeavesAProviderRequiredFieldEmpty()
    {
        QFETCH(QString, provider);
        QFETCH(QByteArray, resource);
        QFETCH(QByteArray, id);
        QFETCH(QByteArray, body);
        QFETCH(QStringList, missing);
        const QByteArray accountId = account(provider);
        const QJsonObject before = m_server->nativeRecord(
            QString::fromLatin1(accountId), QString::fromLatin1(resource), QString::fromLatin1(id));
        const SandboxResponse response = m_client->patch(recordPath(resource, id, accountId), body);
        QCOMPARE(response.status, 400);
        QCOMPARE(response.json().value(QLatin1String("statusCode")).toInt(), 400);
        QCOMPARE(response.json().value(QLatin1String("error")).toString(),
                 QStringLiteral("Bad Request"));
        const QJsonObject insight =
            response.insight().value(QLatin1String("missing_required_body_fields")).toObject();
        QVERIFY(!insight.value(QLatin1String("description")).toString().isEmpty());
        QStringList reported;
        for (const QJsonValue &name : insight.value(QLatin1String("value")).toArray())
            reported.append(name.toString());
        reported.sort();
        missing.sort();
        QCOMPARE(reported, missing);
        QCOMPARE(m_server->nativeRecord(QString::fromLatin1(accountId),
                                        QString::fromLatin1(resource), QString::fromLatin1(id)),
                 before);
    }

    void shouldRequireWhatTheLiveAccountRequires()
    {
        // Contact 153 has no job title; this account's live mapping requires one.
        SandboxResponse response = m_client->patch(
            recordPath("contacts", "153", kLiveMetadataAccount), R"({"last_name":"Goble"})");
        QCOMPARE(response.status, 400);
        QCOMPARE(
            at(response.insight(), QStringLiteral("missing_required_body_fields.value")).toArray(),
            QJsonArray{QStringLiteral("title")});
        response = m_client->patch(
            recordPath("contacts", "153", kLiveMetadataAccount),
            R"({"last_name":"Goble","title":"Mathematician","tags":[{"name":"x"}]})");
        QCOMPARE(response.status, 200);
        QVERIFY(response.header("x-sandbox-ignored-fields").contains("tags"));
        QCOMPARE(response.json().value(QLatin1String("title")).toString(),
                 QStringLiteral("Mathematician"));
        // The same edit on the regular HubSpot account needs no title and stores tags.
        response =
            m_client->patch(recordPath("contacts", "153", account(QStringLiteral("HubSpot"))),
                            R"({"last_name":"Goble","tags":[{"name":"x"}]})");
        QCOMPARE(response.status, 200);
        QCOMPARE(at(response.json(), QStringLiteral("tags.0.name")).toString(),
                 QStringLiteral("x"));
    }

    void shouldRequireTheQueryParametersAProviderRequires()
    {
        const QByteArray highlevel = account(QStringLiteral("Highlevel"));
        SandboxResponse response = m_client->patch(
            recordPath("notes", "oKyx8Zq2hW3nJm4bVc5T", highlevel), R"({"content":"x"})");
        QCOMPARE(response.status, 400);
        QCOMPARE(at(response.insight(), QStringLiteral("missing_required_query_parameters.value"))
                     .toArray(),
                 QJsonArray{QStringLiteral("contact")});
        response = m_client->patch(recordPath("notes", "oKyx8Zq2hW3nJm4bVc5T", highlevel,
                                              "contact%5B%5D%5Bid%5D=ve9EPM428h8vShlRW1KT"),
                                   R"({"content":"x"})");
        QCOMPARE(response.status, 200);
    }

    void shouldRefuseWritesToSandboxAccountsWith405()
    {
        const SandboxResponse response = m_client->patch(
            recordPath("contacts", "151", kSandboxAccount), R"({"first_name":"X"})");
        QCOMPARE(response.status, 405);
        QCOMPARE(response.json().value(QLatin1String("statusCode")).toInt(), 405);
        QCOMPARE(m_client->get(recordPath("contacts", "151", kSandboxAccount)).status, 200);
    }

    void shouldRefuseMalformedBodies()
    {
        const QByteArray path = recordPath("contacts", "151", account(QStringLiteral("HubSpot")));
        SandboxResponse response = m_client->patch(path, "{\"first_name\": ");
        QCOMPARE(response.status, 400);
        QVERIFY(response.json()
                    .value(QLatin1String("message"))
                    .toString()
                    .contains(QLatin1String("JSON")));
        QCOMPARE(m_client->patch(path, "[1,2]").status, 400);
        QCOMPARE(m_client->patch(path, R"({"remote_data":"text"})").status, 400);
        QCOMPARE(
            m_client->patch(recordPath("contacts", "999", account(QStringLiteral("HubSpot"))), "{}")
                .status,
            404);
        QCOMPARE(
            m_client
                ->patch(recordPath("contacts", "151", "9b2f0c4e-0000-4000-8000-000000000000"), "{}")
                .status,
            404);
    }

    void shouldPassRemoteDataToTheProviderAsIs()
    {
        const QByteArray hubspot = account(QStringLiteral("HubSpot"));
        const SandboxResponse response = m_client->patch(
            recordPath("contacts", "152", hubspot),
            R"({"remote_data":{"properties":{"hs_lead_status":"OPEN"}},"last_name":"Murray Hopper"})");
        QCOMPARE(response.status, 200);
        const QJsonObject native = m_server->nativeRecord(
            QString::fromLatin1(hubspot), QStringLiteral("contacts"), QStringLiteral("152"));
        QCOMPARE(at(native, QStringLiteral("properties.hs_lead_status")).toString(),
                 QStringLiteral("OPEN"));
        QCOMPARE(at(native, QStringLiteral("properties.lastname")).toString(),
                 QStringLiteral("Murray Hopper"));
        QCOMPARE(at(native, QStringLiteral("properties.firstname")).toString(),
                 QStringLiteral("Grace"));
    }

    void shouldAnswerAProviderRejectionAsARemote422()
    {
        const QByteArray pipedrive = account(QStringLiteral("Pipedrive"));
        SandboxResponse response = m_client->patch(recordPath("opportunities", "6001", pipedrive),
                                                   R"({"status":"pending"})");
        QCOMPARE(response.status, 422);
        QCOMPARE(response.json().value(QLatin1String("truto_is_remote_error")).toBool(), true);
        QVERIFY(response.json().contains(QLatin1String("raw_response")));
        response =
            m_client->patch(recordPath("contacts", "151", account(QStringLiteral("HubSpot"))),
                            R"({"custom_fields":{"customer_tier":"platinum"}})");
        QCOMPARE(response.status, 422);
        response =
            m_client->patch(recordPath("contacts", "151", account(QStringLiteral("HubSpot"))),
                            R"({"custom_fields":{"customer_tier":"bronze","no_such_field":1}})");
        QCOMPARE(response.status, 200);
        QCOMPARE(at(response.json(), QStringLiteral("custom_fields.customer_tier")).toString(),
                 QStringLiteral("bronze"));
        QVERIFY(
            response.header("x-sandbox-ignored-fields").contains("custom_fields.no_such_field"));
    }

    void shouldMergeArraysInsteadOfReplacingThemWhenAsked()
    {
        const QByteArray pipedrive = account(QStringLiteral("Pipedrive"));
        const QByteArray body =
            R"({"email_addresses":[{"email":"third@bletchley.example","type":"other"}]})";
        SandboxResponse response = m_client->patch(recordPath("contacts", "101", pipedrive), body,
                                                   {{"X-Sandbox-Array-Mode", "merge"}});
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value(QLatin1String("email_addresses")).toArray().size(), 3);
        response = m_client->patch(recordPath("contacts", "101", pipedrive), body);
        QCOMPARE(response.json().value(QLatin1String("email_addresses")).toArray().size(), 1);
    }

    void shouldRefuseAStaleEtagAndAdvanceTheVersionOnWrite()
    {
        const QByteArray dynamics = account(QStringLiteral("Microsoft Dynamics 365 Sales"));
        const QByteArray path =
            recordPath("contacts", "25a17064-1ae7-421c-8ae3-50c5c3a1d2f1", dynamics);
        const QString etag = m_client->get(path).json().value(QLatin1String("etag")).toString();
        QCOMPARE(etag, QStringLiteral("W/\"4431102\""));
        SandboxResponse response =
            m_client->patch(path, "{\"title\":\"CTO\",\"etag\":\"W/\\\"1\\\"\"}");
        QCOMPARE(response.status, 412);
        QCOMPARE(response.json().value(QLatin1String("truto_is_remote_error")).toBool(), true);
        response = m_client->patch(path, json({{QStringLiteral("title"), QStringLiteral("CTO")},
                                               {QStringLiteral("etag"), etag}}));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value(QLatin1String("etag")).toString(),
                 QStringLiteral("W/\"4431103\""));
    }

    void shouldReplayTheCachedResponseForARepeatedIdempotencyKey()
    {
        const QByteArray hubspot = account(QStringLiteral("HubSpot"));
        const QByteArray path = recordPath("contacts", "152", hubspot);
        const SandboxTestClient::Headers key{{"Idempotency-Key", "edit-1"}};
        const SandboxResponse first =
            m_client->patch(path, R"({"first_name":"Amazing Grace"})", key);
        QCOMPARE(first.status, 200);
        QVERIFY(first.header("idempotent-replayed").isEmpty());
        QCOMPARE(m_client->patch(path, R"({"first_name":"Someone else"})").status, 200);

        const SandboxResponse replay =
            m_client->patch(path, R"({"first_name":"Amazing Grace"})", key);
        QCOMPARE(replay.status, 200);
        QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(replay.body, first.body);
        // Not executed again: the later edit stays.
        QCOMPARE(at(m_server->nativeRecord(QString::fromLatin1(hubspot), QStringLiteral("contacts"),
                                           QStringLiteral("152")),
                    QStringLiteral("properties.firstname"))
                     .toString(),
                 QStringLiteral("Someone else"));

        const SandboxResponse reused = m_client->patch(path, R"({"first_name":"Other"})", key);
        QCOMPARE(reused.status, 422);
    }

    // ---- rate limits and persistence --------------------------------------------------------

    void shouldSendRateLimitHeaders()
    {
        const QByteArray path = recordPath("contacts", "151", account(QStringLiteral("HubSpot")));
        const SandboxResponse first = m_client->get(path);
        const SandboxResponse second = m_client->get(path);
        QCOMPARE(first.header("ratelimit-limit"), QByteArray("50"));
        QVERIFY(!first.header("ratelimit-reset").isEmpty());
        QCOMPARE(second.header("ratelimit-remaining").toInt(),
                 first.header("ratelimit-remaining").toInt() - 1);
    }

    void shouldRefusePastTheAccountLimitWhenEnforced()
    {
        m_server->setEnforceRateLimit(true);
        const QByteArray path = recordPath("contacts", "11587", account(QStringLiteral("Capsule")));
        SandboxResponse response;
        for (int i = 0; i < 51 && response.status != 429; ++i)
            response = m_client->get(path);
        QCOMPARE(response.status, 429);
        QCOMPARE(response.header("retry-after"), QByteArray("10"));
        QCOMPARE(response.header("ratelimit-remaining"), QByteArray("0"));
    }

    void shouldKeepEditsAcrossRestartsInTheDataDirectory()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const QString zoho = m_server->accountIdFor(QStringLiteral("Zoho CRM"));
        {
            SandboxServer first;
            first.setDataDirectory(directory.path());
            QVERIFY(first.listen());
            SandboxTestClient client(first.baseUrl(), first.token());
            const SandboxResponse response =
                client.patch(recordPath("contacts", "4876876000000415001", zoho.toLatin1()),
                             R"({"title":"Actress and inventor"})");
            QCOMPARE(response.status, 200);
        }
        QVERIFY(QFile::exists(directory.filePath(zoho + QStringLiteral(".json"))));
        SandboxServer second;
        second.setDataDirectory(directory.path());
        QCOMPARE(second
                     .nativeRecord(zoho, QStringLiteral("contacts"),
                                   QStringLiteral("4876876000000415001"))
                     .value(QLatin1String("Title"))
                     .toString(),
                 QStringLiteral("Actress and inventor"));
        // Without the directory the seeds come back.
        QCOMPARE(m_server
                     ->nativeRecord(zoho, QStringLiteral("contacts"),
                                    QStringLiteral("4876876000000415001"))
                     .value(QLatin1String("Title"))
                     .toString(),
                 QStringLiteral("Inventor"));
    }
};

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "tst_sandboxserver.moc"
