// The API client against the fake network: what a call puts on the wire, how every kind of
// answer and failure reaches the user, retries and their limits, timeout, cancel, streaming.
#include "awaitresult.h"
#include "api/listpage.h"
#include "api/trutoclient.h"
#include "fakenetwork.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace crmdesk;
using crmdesk::test::awaitResult;
using namespace crmdesk::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kToken = "sk-test-SECRET-7f3a9c";

// Everything in a result a person or a log could ever see, as one string.
QString everythingVisible(const ApiResult &result)
{
    QString text = result.errorString + QString::fromUtf8(result.request.url.toEncoded())
                   + QString::fromUtf8(result.request.body) + QString::fromUtf8(result.body);
    for (const auto &[name, value] : result.request.headers)
        text += QString::fromUtf8(name + value);
    for (const AttemptRecord &attempt : result.attemptLog)
        text += attempt.outcome + attempt.retryReason;
    return text;
}

} // namespace

class TestTrutoClient : public QObject
{
    Q_OBJECT

private:
    FakeNetworkAccessManager *m_network = nullptr;
    TrutoClient *m_client = nullptr;

    ConnectionConfig testConfig() const
    {
        ConnectionConfig config;
        config.baseUrl = QUrl(u"https://api.truto.one"_s);
        config.token = QString::fromLatin1(kToken);
        config.transferTimeoutMs = 5000;
        config.baseBackoffMs = 1; // real backoff is 1 s, 2 s, 4 s; tests only need the order
        config.maxBackoffMs = 4;
        return config;
    }

    void configure(void (*change)(ConnectionConfig &))
    {
        ConnectionConfig config = testConfig();
        change(config);
        m_client->setConfig(config);
    }

    static QueryOptions account(const QString &id = u"acc-1"_s)
    {
        QueryOptions options;
        options.integratedAccountId = id;
        return options;
    }

    ApiCall *patchContact(const QJsonObject &body = {{u"first_name"_s, u"Ada"_s}},
                          const QString &key = u"edit-1"_s)
    {
        return m_client->updateRecord({{u"contacts"_s, u"42"_s, u"acc-1"_s}, body, {}, key});
    }

    ApiCall *getContact(const QueryOptions &options = account())
    {
        return m_client->getRecord(u"contacts"_s, u"42"_s, options);
    }

    // Waits for the one finished() of a call and for the call to delete itself.

private Q_SLOTS:
    void init()
    {
        m_network = new FakeNetworkAccessManager(this);
        m_client = new TrutoClient(m_network, this);
        m_client->setConfig(testConfig());
    }

    void cleanup()
    {
        delete m_client;
        delete m_network;
    }

    // --- What goes on the wire ---------------------------------------------------------------

    void shouldSendPatchWithExactUrlHeadersAndBody()
    {
        m_network->respondWith({FakeResponse::json(200, R"({"id":"42","first_name":"Ada"})")});
        const QJsonObject body{{u"first_name"_s, u"Ada"_s},
                               {u"phone_numbers"_s, QJsonArray{QJsonObject{{u"number"_s, u"+1 555"_s}}}}};
        ApiResult result;
        QVERIFY(awaitResult(patchContact(body), result));

        QCOMPARE(m_network->requests().size(), 1);
        const FakeRequest &sent = m_network->requests().first();
        QCOMPARE(sent.verb, "PATCH"_ba);
        QCOMPARE(sent.encodedUrl(),
                 "https://api.truto.one/unified/crm/contacts/42?integrated_account_id=acc-1"_ba);
        QCOMPARE(sent.body, R"({"first_name":"Ada","phone_numbers":[{"number":"+1 555"}]})"_ba);
        QCOMPARE(sent.header("Authorization"), "Bearer " + kToken);
        QCOMPARE(sent.header("Content-Type"), "application/json"_ba);
        QCOMPARE(sent.header("Accept"), "application/json"_ba);
        QCOMPARE(sent.header("Idempotency-Key"), "edit-1"_ba);
        QVERIFY(result.ok());
        QCOMPARE(result.json.object().value(u"first_name"_s).toString(), u"Ada"_s);
    }

    void shouldSendGetWithoutBodyContentTypeOrKey()
    {
        m_network->respondWith({FakeResponse::json(200, R"({"id":"42"})")});
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        const FakeRequest &sent = m_network->requests().first();
        QCOMPARE(sent.verb, "GET"_ba);
        QVERIFY(sent.body.isEmpty());
        QVERIFY(!sent.request.hasRawHeader("Content-Type"));
        QVERIFY(!sent.request.hasRawHeader("Idempotency-Key"));
        QCOMPARE(sent.header("Accept"), "application/json"_ba);
    }

    void shouldKeepAVeryLargeBodyAsBytesWithoutParsingItOnTheUiThread()
    {
        QByteArray big = "{\"result\":[";
        while (big.size() <= kMaxParsedJsonBytes)
            big += "{\"id\":\"0123456789\",\"name\":\"Ada Lovelace\"},";
        big += "{}]}";
        m_network->respondWith({FakeResponse::json(200, big)});
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        QVERIFY(result.ok());
        QCOMPARE(result.body.size(), big.size());
        QVERIFY(result.body == big);
        QVERIFY(result.json.isNull());
    }

    // History's "Resend": the old path, query and body go to the current connection, with the
    // current token and the new key, never to the base URL the old call used.
    void shouldResendAnEarlierRequestToTheCurrentConnection()
    {
        m_network->respondWith({FakeResponse::json(200, R"({"id":"a b"})")});
        const QUrl old = QUrl::fromEncoded(
            "http://127.0.0.1:9/unified/crm/contacts/a%20b?integrated_account_id=acc-1&remote_query%5Bq%5D=x%2By");
        ApiResult result;
        SentRequest original;
        original.method = "PATCH";
        original.url = old;
        original.body = R"({"title":"CTO"})"_ba;
        original.target = {u"contacts"_s, u"a b"_s, u"acc-1"_s};
        QVERIFY(awaitResult(m_client->resend(original, u"edit-2"_s), result));
        const FakeRequest &sent = m_network->requests().first();
        QCOMPARE(sent.verb, "PATCH"_ba);
        QCOMPARE(sent.encodedUrl(),
                 "https://api.truto.one/unified/crm/contacts/a%20b?integrated_account_id=acc-1&remote_query%5Bq%5D=x%2By"_ba);
        QCOMPARE(sent.body, R"({"title":"CTO"})"_ba);
        QCOMPARE(sent.header("Authorization"), "Bearer " + kToken);
        QCOMPARE(sent.header("Idempotency-Key"), "edit-2"_ba);
        QVERIFY(result.ok());
        QCOMPARE(result.request.target, original.target); // the answer says what it was about
    }

    void shouldPreviewExactlyWhatThePatchSends()
    {
        m_network->respondWith({FakeResponse::json(200, "{}")});
        QueryOptions options = account();
        options.responseFormat = ResponseFormat::Raw;
        options.excludeFields = {u"remote_data"_s};
        const QJsonObject body{{u"title"_s, u"VP Sales"_s}};
        const QString id = u"id/with space+plus"_s;
        const PatchRequest patch{{u"contacts"_s, id, u"acc-1"_s}, body, options, u"key-9"_s};
        const SentRequest preview = m_client->previewUpdate(patch);

        ApiResult result;
        QVERIFY(awaitResult(m_client->updateRecord(patch), result));
        const FakeRequest &sent = m_network->requests().first();
        QCOMPARE(preview.method, sent.verb);
        QCOMPARE(preview.url.toEncoded(), sent.encodedUrl());
        QCOMPARE(preview.body, sent.body);
        for (const auto &[name, value] : preview.headers) {
            if (name != "Authorization")
                QCOMPARE(sent.header(name), value);
        }
        QCOMPARE(preview.header("Authorization"), QByteArray(kRedactedAuthorization));
        QCOMPARE(result.request.url, preview.url);
        QCOMPARE(result.request.headers, preview.headers);
        QCOMPARE(result.request.body, preview.body);
        QCOMPARE(result.request.idempotencyKey, u"key-9"_s);
        QCOMPARE(result.request.target, patch.target);
        QCOMPARE(preview.target, patch.target);
    }

    void shouldNeverExposeTheTokenInResults()
    {
        m_network->respondWith({FakeResponse::trutoError(401, u"Invalid API token"_s)});
        ApiResult failed;
        QVERIFY(awaitResult(patchContact(), failed));
        QVERIFY(!failed.ok());
        QVERIFY(!everythingVisible(failed).contains(QString::fromLatin1(kToken)));
        QCOMPARE(failed.request.header("Authorization"), QByteArray(kRedactedAuthorization));

        const SentRequest preview = m_client->previewUpdate({{u"contacts"_s, u"1"_s, u"acc-1"_s}, {}, {}, {}});
        for (const auto &[name, value] : preview.headers)
            QVERIFY(!value.contains(kToken));
    }

    void shouldBuildTheUrlOfEveryOperation_data()
    {
        QTest::addColumn<int>("operation");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray base = "https://api.truto.one";
        QTest::newRow("get record") << 0 << base + "/unified/crm/notes/n%201?integrated_account_id=acc-1&truto_ignore_remote_data=true";
        QTest::newRow("list records") << 1 << base + "/unified/crm/leads?integrated_account_id=acc-1&limit=2&next_cursor=c%2F2";
        QTest::newRow("list accounts") << 2 << base + "/integrated-account?integration.name=hubspot&limit=10";
        QTest::newRow("get account") << 3 << base + "/integrated-account/acc%201";
        QTest::newRow("capabilities") << 4 << base + "/integrated-account/acc-1/capabilities?type=unified&resource=contacts";
        QTest::newRow("update meta") << 5 << base + "/unified/crm/opportunities/meta/update?integrated_account_id=acc-1";
        QTest::newRow("custom fields") << 6 << base + "/unified/crm/fields?integrated_account_id=acc-1&entity_type=contact";
    }

    void shouldBuildTheUrlOfEveryOperation()
    {
        QFETCH(int, operation);
        QFETCH(QByteArray, expected);
        m_network->respondWith({FakeResponse::json(200, "{}")});
        ApiCall *call = nullptr;
        switch (operation) {
        case 0: {
            QueryOptions options = account();
            options.ignoreRemoteData = true;
            call = m_client->getRecord(u"notes"_s, u"n 1"_s, options);
            break;
        }
        case 1: {
            QueryOptions options = account();
            options.limit = 2;
            options.nextCursor = u"c/2"_s;
            call = m_client->listRecords(u"leads"_s, options);
            break;
        }
        case 2: {
            QueryOptions options;
            options.limit = 10;
            options.resourceQuery = QJsonObject{{u"integration.name"_s, u"hubspot"_s}};
            call = m_client->listIntegratedAccounts(options);
            break;
        }
        case 3: call = m_client->getIntegratedAccount(u"acc 1"_s); break;
        case 4: call = m_client->getCapabilities(u"acc-1"_s, u"contacts"_s); break;
        case 5: call = m_client->getUpdateMeta(u"opportunities"_s, u"acc-1"_s); break;
        case 6: call = m_client->listFields(u"acc-1"_s, u"contact"_s); break;
        }
        ApiResult result;
        QVERIFY(awaitResult(call, result));
        QCOMPARE(m_network->requests().first().verb, "GET"_ba);
        QCOMPARE(m_network->requests().first().encodedUrl(), expected);
        QVERIFY(result.ok());
    }

    void shouldKeepThePathOfTheBaseUrl()
    {
        configure([](ConnectionConfig &config) { config.baseUrl = QUrl(u"http://127.0.0.1:8080/truto/"_s); });
        m_network->respondWith({FakeResponse::json(200, "{}")});
        ApiResult result;
        QVERIFY(awaitResult(getContact(QueryOptions()), result));
        QCOMPARE(m_network->requests().first().encodedUrl(),
                 "http://127.0.0.1:8080/truto/unified/crm/contacts/42"_ba);
    }

    void shouldSendExtraHeadersWithoutReplacingTheContractOnes()
    {
        configure([](ConnectionConfig &config) {
            config.extraHeaders = {{"X-Sandbox-Fault"_ba, "status=500"_ba},
                                   {"Authorization"_ba, "Bearer someone-else"_ba}};
        });
        m_network->respondWith({FakeResponse::json(200, "{}")});
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        const FakeRequest &sent = m_network->requests().first();
        QCOMPARE(sent.header("X-Sandbox-Fault"), "status=500"_ba);
        QCOMPARE(sent.header("Authorization"), "Bearer " + kToken);
    }

    void shouldNeverFollowRedirectsWithTheToken()
    {
        // A redirect would carry the Authorization header to a host the user never chose.
        m_network->respondWith({FakeResponse::payload(302, {}, {}).withHeader("Location", "https://elsewhere.example/")});
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        QCOMPARE(m_network->requests().first().request.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(),
                 int(QNetworkRequest::ManualRedirectPolicy));
        QCOMPARE(toString(result.errorKind), toString(ErrorKind::Http));
        QCOMPARE(result.httpStatus, 302);
    }

    // --- What comes back ---------------------------------------------------------------------

    void shouldKeepTheBodyExactlyAsReceived()
    {
        const QByteArray body = "{ \"name\" :\t\"Zo\xc3\xab\",\n  \"n\": 1.50 }\n";
        m_network->respondWith({FakeResponse::json(200, body).withHeader("ratelimit-remaining", "49")});
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        QVERIFY(result.ok());
        QCOMPARE(result.body, body);
        QCOMPARE(result.bodySize, body.size());
        QCOMPARE(result.httpStatus, 200);
        QCOMPARE(result.header("RateLimit-Remaining"), "49"_ba);
        QCOMPARE(result.json.object().value(u"name"_s).toString(), u"Zoë"_s);
        QCOMPARE(result.timings.attempts, 1);
        QVERIFY(result.timings.firstByteMs >= 0);
    }

    void shouldParseByContentTypeNotByRequestedFormat_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<bool>("parsed");
        QTest::newRow("raw answered as JSON") << int(ResponseFormat::Raw) << "application/json"_ba << true;
        QTest::newRow("unified answered as text") << int(ResponseFormat::Unified) << "text/plain"_ba << false;
        QTest::newRow("normalized, +json type") << int(ResponseFormat::Normalized) << "application/vnd.api+json"_ba << true;
        QTest::newRow("ndjson is not one document") << int(ResponseFormat::Unified) << "application/x-ndjson"_ba << false;
    }

    void shouldParseByContentTypeNotByRequestedFormat()
    {
        QFETCH(int, format);
        QFETCH(QByteArray, contentType);
        QFETCH(bool, parsed);
        m_network->respondWith({FakeResponse::payload(200, contentType, R"({"id":"42"})")});
        QueryOptions options = account();
        options.responseFormat = ResponseFormat(format);
        ApiResult result;
        QVERIFY(awaitResult(getContact(options), result));
        QVERIFY(result.ok());
        QCOMPARE(result.body, R"({"id":"42"})"_ba);
        QCOMPARE(!result.json.isNull(), parsed);
    }

    void shouldReportInvalidJsonAndKeepTheBody()
    {
        m_network->respondWith({FakeResponse::json(200, R"({"id": "42", )")});
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        QCOMPARE(toString(result.errorKind), toString(ErrorKind::InvalidResponse));
        QCOMPARE(result.body, R"({"id": "42", )"_ba);
        QVERIFY(result.json.isNull());
        QVERIFY(result.errorString.contains(u"not valid JSON"_s));
        QVERIFY(result.errorString.contains(u"application/json"_s));
        QCOMPARE(m_network->requests().size(), 1); // the same bytes would come back
    }

    void shouldAccept204WithoutBody()
    {
        m_network->respondWith({FakeResponse::payload(204, "application/json", {})});
        ApiResult result;
        QVERIFY(awaitResult(patchContact(), result));
        QVERIFY(result.ok());
        QCOMPARE(result.httpStatus, 204);
        QVERIFY(result.body.isEmpty());
    }

    void shouldReadListPagesAndFollowTheCursor()
    {
        m_network->respondWith({FakeResponse::json(200, R"({"result":[{"id":"1"},{"id":"2"}],"next_cursor":"p/2"})"),
                                FakeResponse::json(200, R"({"results":[{"id":"3"}],"next_cursor":null,"is_partial_response":true})")});
        QueryOptions options = account();
        options.limit = 2;
        ApiResult first;
        QVERIFY(awaitResult(m_client->listRecords(u"contacts"_s, options), first));
        const std::optional<ListPage> page = ListPage::fromJson(first.json);
        QVERIFY(page);
        QCOMPARE(page->records.size(), 2);
        QVERIFY(page->hasMore());

        options.nextCursor = page->nextCursor;
        ApiResult second;
        QVERIFY(awaitResult(m_client->listRecords(u"contacts"_s, options), second));
        QVERIFY(m_network->requests().last().encodedUrl().endsWith("&limit=2&next_cursor=p%2F2"));
        const std::optional<ListPage> last = ListPage::fromJson(second.json);
        QVERIFY(last);
        QCOMPARE(last->records.size(), 1);
        QVERIFY(!last->hasMore());
        QVERIFY(last->isPartial);
    }

    // --- Errors a person can act on ------------------------------------------------------------

    void shouldExplainAProviderValidationError()
    {
        m_network->respondWith({FakeResponse::trutoError(
            422, u"Phone number is not valid"_s, true,
            {{u"raw_response"_s, QJsonObject{{u"errors"_s, QJsonArray{QJsonObject{{u"field"_s, u"phone"_s}}}}}}})});
        ApiResult result;
        QVERIFY(awaitResult(patchContact(), result));
        QCOMPARE(toString(result.errorKind), toString(ErrorKind::Http));
        QCOMPARE(result.httpStatus, 422);
        QVERIFY2(result.errorString.startsWith(
                     uR"(Server replied "422 Unprocessable Entity" to "PATCH /unified/crm/contacts/42": Phone number is not valid.)"_s),
                 qPrintable(result.errorString));
        QVERIFY(result.trutoError);
        QVERIFY(result.trutoError->isRemoteError);
        QCOMPARE(result.trutoError->rawResponse.toObject().value(u"errors"_s).toArray().size(), 1);
        QCOMPARE(m_network->requests().size(), 1);
    }

    void shouldRebuildTheStatusLineWithoutReasonPhrase()
    {
        // HTTP/2 carries no reason phrase; the sentence must still name the status.
        m_network->respondWith({FakeResponse::trutoError(404, u"Record not found"_s).withReasonPhrase({})});
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        QVERIFY2(result.errorString.startsWith(uR"(Server replied "404 Not Found" to "GET /unified/crm/contacts/42")"_s),
                 qPrintable(result.errorString));
    }

    void shouldUseRawResponseWhenMessageIsEmpty()
    {
        m_network->respondWith({FakeResponse::trutoError(
            409, QString(), true,
            {{u"raw_response"_s, QJsonObject{{u"errors"_s, QJsonArray{QJsonObject{{u"message"_s, u"Email already exists"_s}}}}}}})});
        ApiResult result;
        QVERIFY(awaitResult(patchContact(), result));
        QVERIFY2(result.errorString.contains(u": Email already exists."_s), qPrintable(result.errorString));
        QVERIFY(result.errorString.contains(u"duplicate"_s));
    }

    void shouldNameMissingRequiredFields()
    {
        const QJsonObject insight{{u"missing_required_body_fields"_s,
                                   QJsonObject{{u"description"_s, u"Required by the provider"_s},
                                               {u"value"_s, QJsonArray{u"first_name"_s, u"last_name"_s}}}}};
        m_network->respondWith({FakeResponse::trutoError(400, u"Missing required fields"_s, false,
                                                         {{u"truto_error_insight"_s, insight}})});
        ApiResult result;
        QVERIFY(awaitResult(patchContact(), result));
        QVERIFY(result.trutoError);
        QCOMPARE(result.trutoError->missingRequiredBodyFields, (QStringList{u"first_name"_s, u"last_name"_s}));
        QVERIFY2(result.errorString.contains(u"Missing required fields: first_name, last_name."_s),
                 qPrintable(result.errorString));
    }

    void shouldNameMissingScopesOnForbidden()
    {
        const QJsonObject insight{{u"forbidden_error"_s,
                                   QJsonObject{{u"value"_s, QJsonObject{{u"missing_scopes"_s,
                                                                         QJsonArray{u"crm.objects.contacts.write"_s}}}}}}};
        m_network->respondWith({FakeResponse::trutoError(403, u"Forbidden"_s, true,
                                                         {{u"truto_error_insight"_s, insight}})});
        ApiResult result;
        QVERIFY(awaitResult(patchContact(), result));
        QCOMPARE(result.trutoError->missingScopes, QStringList{u"crm.objects.contacts.write"_s});
        QVERIFY2(result.errorString.contains(u"crm.objects.contacts.write"_s), qPrintable(result.errorString));
        QVERIFY(result.errorString.contains(u"reconnect"_s));
    }

    void shouldGiveAdviceForEachStatus_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("remote");
        QTest::addColumn<QString>("advice");
        QTest::newRow("401 token") << 401 << false << u"check the token in Settings"_s;
        QTest::newRow("401 remote") << 401 << true << u"reconnect the account"_s;
        QTest::newRow("404 both possibilities") << 404 << false << u"Either the record does not exist, or the integrated account"_s;
        QTest::newRow("405 sandbox") << 405 << false << u"Sandbox accounts are read-only"_s;
        QTest::newRow("503 blocked") << 503 << false << u"account is blocked"_s;
    }

    void shouldGiveAdviceForEachStatus()
    {
        QFETCH(int, status);
        QFETCH(bool, remote);
        QFETCH(QString, advice);
        m_network->respondWith({FakeResponse::trutoError(status, u"Refused"_s, remote)});
        ApiResult result;
        QVERIFY(awaitResult(patchContact(), result));
        QVERIFY2(result.errorString.contains(advice), qPrintable(result.errorString));
        QCOMPARE(m_network->requests().size(), 1);
    }

    void shouldQuoteABodyThatIsNotAnEnvelope_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain text") << "text/plain"_ba << "no such route\n"_ba << u": no such route."_s;
        QTest::newRow("html page") << "text/html"_ba << "<html><head><title>Blocked by proxy</title></head><body>...</body></html>"_ba
                                   << u": Blocked by proxy."_s;
        QTest::newRow("foreign json") << "application/json"_ba << R"({"detail":"Gateway says no"})"_ba << u": Gateway says no."_s;
    }

    void shouldQuoteABodyThatIsNotAnEnvelope()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, quoted);
        m_network->respondWith({FakeResponse::payload(403, contentType, body)});
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        QVERIFY(!result.trutoError);
        QCOMPARE(result.body, body);
        QVERIFY2(result.errorString.contains(quoted), qPrintable(result.errorString));
    }

    void shouldClassifyTransportErrors_data()
    {
        QTest::addColumn<int>("networkError");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("text");
        QTest::newRow("refused") << int(QNetworkReply::ConnectionRefusedError) << int(ErrorKind::ConnectionRefused)
                                 << u"Could not connect to api.truto.one"_s;
        QTest::newRow("dns") << int(QNetworkReply::HostNotFoundError) << int(ErrorKind::HostNotFound)
                             << uR"(Could not find the host "api.truto.one")"_s;
        QTest::newRow("tls") << int(QNetworkReply::SslHandshakeFailedError) << int(ErrorKind::Tls)
                             << u"Nothing was sent"_s;
        QTest::newRow("other") << int(QNetworkReply::TemporaryNetworkFailureError) << int(ErrorKind::Network)
                               << uR"(Network error during "GET /unified/crm/contacts/42": Network unreachable)"_s;
    }

    void shouldClassifyTransportErrors()
    {
        QFETCH(int, networkError);
        QFETCH(int, kind);
        QFETCH(QString, text);
        configure([](ConnectionConfig &config) { config.maxAttempts = 1; });
        m_network->respondWith({FakeResponse::networkError(QNetworkReply::NetworkError(networkError),
                                                           u"Network unreachable"_s)});
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        QCOMPARE(int(result.errorKind), kind);
        QCOMPARE(result.httpStatus, 0);
        QVERIFY2(result.errorString.contains(text), qPrintable(result.errorString));
    }

    void shouldNotRetryTlsOrDnsFailures()
    {
        for (QNetworkReply::NetworkError error : {QNetworkReply::SslHandshakeFailedError, QNetworkReply::HostNotFoundError}) {
            init();
            m_network->respondWith({FakeResponse::networkError(error, u"failed"_s)});
            ApiResult result;
            QVERIFY(awaitResult(getContact(), result));
            QCOMPARE(m_network->requests().size(), 1);
            cleanup();
        }
        init();
    }

    // --- Timeout and cancel -------------------------------------------------------------------

    void shouldTimeOutWhenNoAnswerComes()
    {
        configure([](ConnectionConfig &config) {
            config.transferTimeoutMs = 30;
            config.maxAttempts = 1;
        });
        m_network->respondWith({FakeResponse::hanging()});
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        QCOMPARE(toString(result.errorKind), toString(ErrorKind::Timeout));
        QCOMPARE(m_network->requests().first().request.transferTimeout(), 30);
        QVERIFY2(result.errorString.startsWith(uR"(No answer to "GET /unified/crm/contacts/42" within 30 ms.)"_s),
                 qPrintable(result.errorString));
    }

    void shouldTimeOutWhenTheBodyStalls()
    {
        configure([](ConnectionConfig &config) {
            config.transferTimeoutMs = 30;
            config.maxAttempts = 1;
        });
        m_network->respondWith({FakeResponse::json(200, R"({"id":"42","name":"x"})").stalledAfter(6)});
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        QCOMPARE(toString(result.errorKind), toString(ErrorKind::Timeout));
        QVERIFY2(result.errorString.contains(u"stalled: nothing more arrived for 30 ms"_s),
                 qPrintable(result.errorString));
    }

    void shouldRetryATimedOutGet()
    {
        configure([](ConnectionConfig &config) { config.transferTimeoutMs = 30; });
        m_network->respondWith({FakeResponse::hanging(), FakeResponse::json(200, "{}")});
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        QVERIFY(result.ok());
        QCOMPARE(result.timings.attempts, 2);
        QCOMPARE(toString(result.attemptLog.first().errorKind), toString(ErrorKind::Timeout));
    }

    void shouldCancelARunningCallDistinctFromTimeout()
    {
        m_network->respondWith({FakeResponse::hanging()});
        ApiCall *call = getContact();
        QSignalSpy finished(call, &ApiCall::finished);
        QTRY_COMPARE(m_network->requests().size(), 1);
        const QPointer<FakeReply> reply = m_network->lastReply();
        call->cancel();
        QCOMPARE(finished.size(), 1); // before cancel() returned
        const ApiResult result = finished.first().first().value<ApiResult>();
        QCOMPARE(toString(result.errorKind), toString(ErrorKind::Cancelled));
        QCOMPARE(result.errorString, uR"("GET /unified/crm/contacts/42" was cancelled.)"_s);
        QVERIFY(!reply || reply->isFinished()); // the transfer really stopped
        call->cancel();                          // a second cancel changes nothing
        QCOMPARE(finished.size(), 1);
    }

    void shouldCancelBeforeAnythingIsSent()
    {
        ApiCall *call = getContact();
        QSignalSpy finished(call, &ApiCall::finished);
        const QPointer<ApiCall> alive(call);
        call->cancel();
        QCOMPARE(finished.size(), 1);
        QTRY_VERIFY(alive.isNull());
        QVERIFY(m_network->requests().isEmpty());
    }

    // --- Retries ------------------------------------------------------------------------------

    void shouldRetryServerErrorsThenSucceed()
    {
        m_network->respondWith({FakeResponse::trutoError(500, u"Internal error"_s),
                                FakeResponse::trutoError(502, u"Bad gateway"_s),
                                FakeResponse::json(200, R"({"id":"42"})")});
        ApiCall *call = patchContact();
        QSignalSpy retrying(call, &ApiCall::retrying);
        ApiResult result;
        QVERIFY(awaitResult(call, result));
        QVERIFY(result.ok());
        QCOMPARE(retrying.size(), 2);
        QCOMPARE(retrying.at(0).at(0).toInt(), 2);
        QCOMPARE(retrying.at(1).at(0).toInt(), 3);
        QCOMPARE(result.timings.attempts, 3);
        QCOMPARE(result.attemptLog.size(), 3);
        QCOMPARE(result.attemptLog.at(0).httpStatus, 500);
        QCOMPARE(result.attemptLog.at(1).httpStatus, 502);
        QCOMPARE(result.attemptLog.at(2).httpStatus, 200);
        QVERIFY(result.attemptLog.at(0).retryDelayMs >= 0);
        QCOMPARE(result.attemptLog.at(2).retryDelayMs, -1);
        // Every retry of the edit carries the edit's one key (§9).
        for (const FakeRequest &request : m_network->requests())
            QCOMPARE(request.header("Idempotency-Key"), "edit-1"_ba);
    }

    void shouldGiveUpAfterMaxAttempts()
    {
        m_network->respondWith({FakeResponse::trutoError(504, u"Provider timed out"_s)});
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        QCOMPARE(m_network->requests().size(), 3);
        QCOMPARE(result.httpStatus, 504);
        QCOMPARE(result.timings.attempts, 3);
        QVERIFY2(result.errorString.endsWith(u" Tried 3 times."_s), qPrintable(result.errorString));
    }

    void shouldNotRetryFinalStatuses_data()
    {
        QTest::addColumn<int>("status");
        for (int status : {400, 401, 403, 404, 405, 409, 422, 503})
            QTest::addRow("%d", status) << status;
    }

    void shouldNotRetryFinalStatuses()
    {
        QFETCH(int, status);
        m_network->respondWith({FakeResponse::trutoError(status, u"No"_s, true), FakeResponse::json(200, "{}")});
        ApiResult result;
        QVERIFY(awaitResult(patchContact(), result));
        QCOMPARE(result.httpStatus, status);
        QCOMPARE(m_network->requests().size(), 1);
    }

    void shouldRetryAFailingProvider()
    {
        m_network->respondWith({FakeResponse::trutoError(520, u"Provider down"_s, true), FakeResponse::json(200, "{}")});
        ApiResult result;
        QVERIFY(awaitResult(patchContact(), result));
        QVERIFY(result.ok());
        QCOMPARE(m_network->requests().size(), 2);
    }

    void shouldRetryRateLimitWithTheSameKey()
    {
        m_network->respondWith({FakeResponse::trutoError(429, u"Too many requests"_s).withHeader("Retry-After", "0"),
                                FakeResponse::json(200, "{}")});
        ApiCall *call = patchContact({{u"title"_s, u"CTO"_s}}, u"edit-77"_s);
        QSignalSpy retrying(call, &ApiCall::retrying);
        ApiResult result;
        QVERIFY(awaitResult(call, result));
        QVERIFY(result.ok());
        QCOMPARE(retrying.size(), 1);
        QCOMPARE(retrying.first().at(1).toInt(), 0);
        QCOMPARE(m_network->requests().size(), 2);
        QCOMPARE(m_network->requests().at(1).header("Idempotency-Key"), "edit-77"_ba);
        QCOMPARE(m_network->requests().at(1).body, m_network->requests().at(0).body);
        QCOMPARE(result.attemptLog.first().httpStatus, 429);
        QCOMPARE(headerValue(result.attemptLog.first().headers, "retry-after"), "0"_ba);
    }

    void shouldWaitAsLongAsRetryAfterAsks()
    {
        m_network->respondWith({FakeResponse::trutoError(429, u"Slow down"_s).withHeader("Retry-After", "2")});
        ApiCall *call = getContact();
        QSignalSpy retrying(call, &ApiCall::retrying);
        QSignalSpy finished(call, &ApiCall::finished);
        QVERIFY(retrying.wait(5000));
        QCOMPARE(retrying.first().at(0).toInt(), 2);
        QCOMPARE(retrying.first().at(1).toInt(), 2000);
        // The wait runs on a timer: nothing is sent before it ends, and it can be cancelled.
        QCOMPARE(m_network->requests().size(), 1);
        call->cancel();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(toString(finished.first().first().value<ApiResult>().errorKind), toString(ErrorKind::Cancelled));
        QCOMPARE(m_network->requests().size(), 1);
    }

    void shouldRetryADroppedGetThenSucceed()
    {
        m_network->respondWith({FakeResponse::json(200, R"({"id":"42","name":"Ada"})").droppedAfter(10),
                                FakeResponse::json(200, R"({"id":"42"})")});
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        QVERIFY(result.ok());
        QCOMPARE(toString(result.attemptLog.first().errorKind), toString(ErrorKind::ConnectionClosed));
        QCOMPARE(result.body, R"({"id":"42"})"_ba);
    }

    void shouldRetryADroppedPatchOnlyOnce()
    {
        m_network->respondWith({FakeResponse::json(200, R"({"id":"42","first_name":"Ada"})").droppedAfter(10)});
        ApiResult result;
        QVERIFY(awaitResult(patchContact(), result));
        QCOMPARE(toString(result.errorKind), toString(ErrorKind::ConnectionClosed));
        QCOMPARE(m_network->requests().size(), 2);
        QCOMPARE(m_network->requests().at(1).header("Idempotency-Key"), "edit-1"_ba);
        QVERIFY2(result.errorString.contains(u"may or may not have been saved"_s), qPrintable(result.errorString));
    }

    // --- Streaming ----------------------------------------------------------------------------

    void shouldDeliverAStreamIncrementally()
    {
        QByteArray payload;
        for (int i = 0; i < 20; ++i)
            payload += "{\"id\":\"" + QByteArray::number(i) + "\",\"content\":\"note\"}\n";
        m_network->respondWith({FakeResponse::payload(200, "application/x-ndjson", payload).chunked(64)});
        QueryOptions options = account();
        options.responseFormat = ResponseFormat::Stream;
        ApiCall *call = getContact(options);
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        call->setStreamSink(&sink);

        QList<QByteArray> chunks;
        qint64 sentWhenFirstArrived = -1;
        connect(call, &ApiCall::bytesArrived, this, [&](const QByteArray &chunk) {
            if (chunks.isEmpty())
                sentWhenFirstArrived = m_network->lastReply()->bytesSent();
            chunks.append(chunk);
        });
        ApiResult result;
        QVERIFY(awaitResult(call, result));
        QVERIFY(result.ok());
        QVERIFY(result.streamed);
        QVERIFY(chunks.size() > 1);
        // The first bytes were handed on while most of the body was still on its way.
        QVERIFY(sentWhenFirstArrived < payload.size());
        QCOMPARE(chunks.join(), payload);
        QCOMPARE(sink.data(), payload);
        QVERIFY(result.body.isEmpty());
        QCOMPARE(result.bodySize, payload.size());
    }

    void shouldReadTheErrorOfAStreamedCall()
    {
        m_network->respondWith({FakeResponse::trutoError(404, u"Record not found"_s)});
        QueryOptions options = account();
        options.responseFormat = ResponseFormat::Stream;
        ApiCall *call = getContact(options);
        QSignalSpy arrived(call, &ApiCall::bytesArrived);
        ApiResult result;
        QVERIFY(awaitResult(call, result));
        QCOMPARE(arrived.size(), 0);
        QVERIFY(result.trutoError);
        QCOMPARE(result.trutoError->message, u"Record not found"_s);
    }

    void shouldNotRetryAStreamAfterBytesWereDelivered()
    {
        m_network->respondWith({FakeResponse::payload(200, "application/octet-stream", QByteArray(64, 'x'))
                                    .chunked(8)
                                    .droppedAfter(24),
                                FakeResponse::payload(200, "application/octet-stream", QByteArray(64, 'y'))});
        QueryOptions options = account();
        options.responseFormat = ResponseFormat::Stream;
        ApiCall *call = getContact(options);
        QSignalSpy arrived(call, &ApiCall::bytesArrived);
        ApiResult result;
        QVERIFY(awaitResult(call, result));
        QCOMPARE(toString(result.errorKind), toString(ErrorKind::ConnectionClosed));
        QCOMPARE(result.bodySize, 24);
        QCOMPARE(m_network->requests().size(), 1);
    }

    void shouldStopWhenTheSinkRefusesBytes()
    {
        m_network->respondWith({FakeResponse::payload(200, "application/octet-stream", QByteArray(32, 'x')).chunked(8)});
        QueryOptions options = account();
        options.responseFormat = ResponseFormat::Stream;
        ApiCall *call = getContact(options);
        QBuffer readOnly;
        readOnly.open(QIODevice::ReadOnly);
        call->setStreamSink(&readOnly);
        QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (QBuffer): ReadOnly device");
        ApiResult result;
        QVERIFY(awaitResult(call, result));
        QCOMPARE(toString(result.errorKind), toString(ErrorKind::LocalWrite));
        QCOMPARE(m_network->requests().size(), 1);
    }

    void shouldReportDownloadProgress()
    {
        const QByteArray body = "{\"content\":\"" + QByteArray(100, 'a') + "\"}";
        m_network->respondWith({FakeResponse::json(200, body).chunked(25)});
        ApiCall *call = getContact();
        QSignalSpy progress(call, &ApiCall::downloadProgress);
        ApiResult result;
        QVERIFY(awaitResult(call, result));
        QVERIFY(progress.size() > 1);
        QCOMPARE(progress.last().at(0).toLongLong(), body.size());
        QCOMPARE(progress.last().at(1).toLongLong(), body.size());
    }

    // --- Throttle -----------------------------------------------------------------------------

    void shouldHoldCallsBeyondTheAccountLimit()
    {
        qint64 now = 0;
        m_client->rateLimiter().setClock([&now] { return now; });
        m_client->rateLimiter().setLimits({1, 500, 10000});
        m_network->respondWith({FakeResponse::json(200, "{}")});
        ApiResult first;
        QVERIFY(awaitResult(getContact(), first));
        ApiCall *second = getContact();
        QSignalSpy finished(second, &ApiCall::finished);
        QTRY_COMPARE(m_client->rateLimiter().waitingCount(), 1);
        QCOMPARE(m_network->requests().size(), 1);

        // Another account is not held back by the busy one.
        ApiResult other;
        QVERIFY(awaitResult(getContact(account(u"acc-2"_s)), other));
        QCOMPARE(m_network->requests().size(), 2);

        now += 10000;
        m_client->rateLimiter().dispatch();
        QVERIFY(finished.wait(5000));
        QCOMPARE(m_network->requests().size(), 3);
        QVERIFY(finished.first().first().value<ApiResult>().ok());
    }
};

QTEST_GUILESS_MAIN(TestTrutoClient)
#include "tst_trutoclient.moc"
