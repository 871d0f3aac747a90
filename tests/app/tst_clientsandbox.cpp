// The API client against the real offline sandbox server over loopback sockets: every resource
// round-trips a PATCH in every response format, and the sandbox's faults (X-Sandbox-Fault, see
// app/sandbox/README.md) drive retry, 429, 5xx, timeout and a dropped connection end to end.
#include "awaitresult.h"
#include "api/listpage.h"
#include "api/trutoclient.h"
#include "sandbox/sandboxserver.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace crmdesk;
using crmdesk::test::awaitResult;
using namespace Qt::StringLiterals;

class TestClientSandbox : public QObject
{
    Q_OBJECT

private:
    SandboxServer *m_server = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    TrutoClient *m_client = nullptr;
    QString m_account;

    void configure(const QByteArray &fault = {}, int timeoutMs = 5000, int maxAttempts = 3)
    {
        ConnectionConfig config;
        config.baseUrl = m_server->baseUrl();
        config.token = m_server->token();
        config.transferTimeoutMs = timeoutMs;
        config.maxAttempts = maxAttempts;
        config.baseBackoffMs = 1;
        config.maxBackoffMs = 4;
        if (!fault.isEmpty())
            config.extraHeaders = {{"X-Sandbox-Fault"_ba, fault}};
        m_client->setConfig(config);
    }

    QueryOptions options(std::optional<ResponseFormat> format = std::nullopt) const
    {
        QueryOptions options;
        options.integratedAccountId = m_account;
        options.responseFormat = format;
        return options;
    }

    QString firstId(const QString &resource) const
    {
        const QStringList ids = m_server->recordIds(m_account, resource);
        return ids.isEmpty() ? QString() : ids.first();
    }

    ApiCall *patch(const QString &resource, const QJsonObject &body,
                   std::optional<ResponseFormat> format = std::nullopt)
    {
        const QueryOptions query = options(format);
        return m_client->updateRecord({{resource, firstId(resource), query.integratedAccountId}, body, query,
                                       QUuid::createUuid().toString(QUuid::WithoutBraces)});
    }


    static QList<int> statuses(const ApiResult &result)
    {
        QList<int> out;
        for (const AttemptRecord &attempt : result.attemptLog)
            out.append(attempt.httpStatus);
        return out;
    }

    // The first served account with this flag set ("is_sandbox", "is_blocked"); empty if none.
    QString accountWhere(const QString &flag) const
    {
        const QJsonArray accounts = m_server->accounts();
        for (const QJsonValue &account : accounts) {
            if (account.toObject().value(flag).toBool())
                return account.toObject().value(u"id"_s).toString();
        }
        return {};
    }

private Q_SLOTS:
    void init()
    {
        m_server = new SandboxServer(this);
        QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
        // Any query not encoded exactly as contract §5.3 says is refused with a 400.
        m_server->setStrictQueryEncoding(true);
        m_network = new QNetworkAccessManager(this);
        m_client = new TrutoClient(m_network, this);
        configure();
        m_account = m_server->accountIdFor(u"Pipedrive"_s);
        QVERIFY2(!m_account.isEmpty(), "the sandbox seeds no usable Pipedrive account");
    }

    void cleanup()
    {
        delete m_client;
        delete m_network;
        delete m_server;
    }

    void shouldRoundTripAPatchInEveryFormat_data()
    {
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("format");
        // Fields Pipedrive maps on update for each resource (contract §17).
        const QList<QPair<QString, QString>> fields = {{u"notes"_s, u"content"_s},
                                                       {u"contacts"_s, u"first_name"_s},
                                                       {u"leads"_s, u"title"_s},
                                                       {u"opportunities"_s, u"name"_s},
                                                       {u"engagements"_s, u"subject"_s}};
        for (const auto &[resource, field] : fields) {
            for (ResponseFormat format : {ResponseFormat::Unified, ResponseFormat::Raw,
                                          ResponseFormat::Normalized, ResponseFormat::Stream}) {
                QTest::addRow("%s %s", qPrintable(resource), qPrintable(toString(format)))
                    << resource << field << int(format);
            }
        }
    }

    void shouldRoundTripAPatchInEveryFormat()
    {
        QFETCH(QString, resource);
        QFETCH(QString, field);
        QFETCH(int, format);
        const auto responseFormat = ResponseFormat(format);
        const QString value = u"Edited in "_s + toString(responseFormat) + u" a+b c"_s;
        QVERIFY(!firstId(resource).isEmpty());

        QueryOptions query = options(responseFormat);
        query.remoteQuery = QJsonObject{{u"trace"_s, u"x y+z/?&"_s}}; // exercises §5.3 strictly
        ApiCall *call = m_client->updateRecord({{resource, firstId(resource), query.integratedAccountId},
                                                {{field, value}}, query,
                                                QUuid::createUuid().toString(QUuid::WithoutBraces)});
        QByteArray streamed;
        connect(call, &ApiCall::bytesArrived, this, [&streamed](const QByteArray &chunk) { streamed += chunk; });
        ApiResult result;
        QVERIFY(awaitResult(call, result));
        QVERIFY2(result.ok(), qPrintable(result.errorString));
        QCOMPARE(result.httpStatus, 200);

        switch (responseFormat) {
        case ResponseFormat::Unified:
        case ResponseFormat::Normalized:
            QCOMPARE(result.json.object().value(field).toString(), value);
            break;
        case ResponseFormat::Raw:
            // The provider's own shape: field names differ, the value does not.
            QVERIFY2(result.body.contains(value.toUtf8()), result.body.left(400).constData());
            break;
        case ResponseFormat::Stream:
            QVERIFY(result.streamed);
            QVERIFY(result.body.isEmpty());
            QVERIFY(result.json.isNull());
            QCOMPARE(result.bodySize, streamed.size());
            QVERIFY2(streamed.contains(value.toUtf8()), streamed.left(400).constData());
            break;
        }

        // Saved at the provider, whatever format the PATCH answered in.
        QueryOptions reread = options();
        reread.ignoreRemoteData = true;
        ApiResult get;
        QVERIFY(awaitResult(m_client->getRecord(resource, firstId(resource), reread), get));
        QVERIFY2(get.ok(), qPrintable(get.errorString));
        QCOMPARE(get.json.object().value(field).toString(), value);
    }

    void shouldReadAccountsCapabilitiesMetaFieldsAndPages()
    {
        ApiResult accounts;
        QVERIFY(awaitResult(m_client->listIntegratedAccounts({}), accounts));
        QVERIFY2(accounts.ok(), qPrintable(accounts.errorString));
        QVERIFY(ListPage::fromJson(accounts.json));

        ApiResult account;
        QVERIFY(awaitResult(m_client->getIntegratedAccount(m_account), account));
        QCOMPARE(account.json.object().value(u"id"_s).toString(), m_account);

        ApiResult capabilities;
        QVERIFY(awaitResult(m_client->getCapabilities(m_account, u"contacts"_s), capabilities));
        QVERIFY2(capabilities.ok(), qPrintable(capabilities.errorString));

        ApiResult meta;
        QVERIFY(awaitResult(m_client->getUpdateMeta(u"contacts"_s, m_account), meta));
        QVERIFY2(meta.ok(), qPrintable(meta.errorString));

        ApiResult fields;
        QVERIFY(awaitResult(m_client->listFields(m_account), fields));
        QVERIFY2(fields.ok(), qPrintable(fields.errorString));

        QueryOptions paging = options();
        paging.limit = 1;
        ApiResult first;
        QVERIFY(awaitResult(m_client->listRecords(u"contacts"_s, paging), first));
        const std::optional<ListPage> page = ListPage::fromJson(first.json);
        QVERIFY(page);
        QCOMPARE(page->records.size(), 1);
        QVERIFY(page->hasMore());
        paging.nextCursor = page->nextCursor;
        ApiResult second;
        QVERIFY(awaitResult(m_client->listRecords(u"contacts"_s, paging), second));
        const std::optional<ListPage> next = ListPage::fromJson(second.json);
        QVERIFY(next);
        QCOMPARE(next->records.size(), 1);
        QVERIFY(next->records.first() != page->records.first());
    }

    void shouldStreamALargeBodyWithoutKeepingIt()
    {
        configure("large=3000000");
        QueryOptions query = options(ResponseFormat::Stream);
        query.limit = 5;
        ApiCall *call = m_client->listRecords(u"contacts"_s, query);
        qint64 largestPiece = 0;
        int pieces = 0;
        qint64 total = 0;
        connect(call, &ApiCall::bytesArrived, this, [&](const QByteArray &piece) {
            ++pieces;
            total += piece.size();
            largestPiece = std::max<qint64>(largestPiece, piece.size());
        });
        ApiResult result;
        QVERIFY(awaitResult(call, result));
        QVERIFY2(result.ok(), qPrintable(result.errorString));
        QVERIFY(result.bodySize >= 3000000);
        QCOMPARE(total, result.bodySize);
        QVERIFY(result.body.isEmpty());
        QVERIFY(pieces > 1);
        QVERIFY(largestPiece < result.bodySize);
    }

    void shouldRetryServerErrorsWithTheSameKeyUntilTheSandboxRecovers()
    {
        // The sandbox counts attempts per Idempotency-Key: only a retry that reuses the edit's
        // key gets past "fail the first two".
        configure("500=2");
        ApiResult result;
        QVERIFY(awaitResult(patch(u"notes"_s, {{u"content"_s, u"after two failures"_s}}), result));
        QVERIFY2(result.ok(), qPrintable(result.errorString));
        QCOMPARE(statuses(result), (QList<int>{500, 500, 200}));
    }

    void shouldRetryABadGatewayOnGet()
    {
        configure("502=1");
        ApiResult result;
        QVERIFY(awaitResult(m_client->getRecord(u"contacts"_s, firstId(u"contacts"_s), options()), result));
        QVERIFY2(result.ok(), qPrintable(result.errorString));
        QCOMPARE(statuses(result), (QList<int>{502, 200}));
    }

    void shouldRetryRateLimitsAfterRetryAfterAndThenGiveUp()
    {
        configure("429=0");
        ApiCall *call = patch(u"contacts"_s, {{u"first_name"_s, u"Limited"_s}});
        QSignalSpy retrying(call, &ApiCall::retrying);
        ApiResult result;
        QVERIFY(awaitResult(call, result));
        QCOMPARE(result.httpStatus, 429);
        QCOMPARE(statuses(result), (QList<int>{429, 429, 429}));
        QCOMPARE(retrying.size(), 2);
        QCOMPARE(retrying.first().at(1).toInt(), 0);
        QCOMPARE(result.header("Retry-After"), "0"_ba);
        QVERIFY2(result.errorString.startsWith(uR"(Server replied "429 Too Many Requests")"_s),
                 qPrintable(result.errorString));
    }

    void shouldWaitTheRetryAfterTheSandboxAsksFor()
    {
        configure("429=1");
        ApiCall *call = patch(u"contacts"_s, {{u"first_name"_s, u"Waiting"_s}});
        QSignalSpy retrying(call, &ApiCall::retrying);
        QSignalSpy finished(call, &ApiCall::finished);
        QVERIFY(retrying.wait(5000));
        QCOMPARE(retrying.first().at(1).toInt(), 1000);
        call->cancel();
        QCOMPARE(finished.size(), 1);
    }

    void shouldNotRetryFinalFaults_data()
    {
        QTest::addColumn<QByteArray>("fault");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("advice");
        QTest::newRow("422") << "422"_ba << 422 << u"validation rejected the change"_s;
        QTest::newRow("503") << "503"_ba << 503 << u"account is blocked"_s;
    }

    void shouldNotRetryFinalFaults()
    {
        QFETCH(QByteArray, fault);
        QFETCH(int, status);
        QFETCH(QString, advice);
        configure(fault);
        ApiResult result;
        QVERIFY(awaitResult(patch(u"opportunities"_s, {{u"name"_s, u"Final"_s}}), result));
        QCOMPARE(result.httpStatus, status);
        QCOMPARE(result.timings.attempts, 1);
        QVERIFY(result.trutoError);
        QVERIFY2(result.errorString.contains(advice), qPrintable(result.errorString));
    }

    void shouldTimeOutOnAHangingSandbox()
    {
        configure("hang", 200, 2);
        ApiResult result;
        QVERIFY(awaitResult(m_client->getRecord(u"notes"_s, firstId(u"notes"_s), options()), result));
        QCOMPARE(toString(result.errorKind), toString(ErrorKind::Timeout));
        QCOMPARE(result.timings.attempts, 2);
    }

    void shouldReportADroppedConnection()
    {
        configure("drop");
        ApiResult get;
        QVERIFY(awaitResult(m_client->getRecord(u"leads"_s, firstId(u"leads"_s), options()), get));
        QCOMPARE(toString(get.errorKind), toString(ErrorKind::ConnectionClosed));
        QCOMPARE(get.timings.attempts, 3);

        ApiResult patched;
        QVERIFY(awaitResult(patch(u"leads"_s, {{u"title"_s, u"Dropped"_s}}), patched));
        QCOMPARE(toString(patched.errorKind), toString(ErrorKind::ConnectionClosed));
        QCOMPARE(patched.timings.attempts, 2); // a PATCH is retried once after a transport error
        QVERIFY2(patched.errorString.contains(u"may or may not have been saved"_s),
                 qPrintable(patched.errorString));
    }

    void shouldExplainReadOnlySandboxAccounts()
    {
        const QString readOnly = accountWhere(u"is_sandbox"_s);
        QVERIFY2(!readOnly.isEmpty(), "the sandbox seeds a read-only (is_sandbox) account");
        m_account = readOnly;
        const QString id = firstId(u"contacts"_s);
        QVERIFY2(!id.isEmpty(), "the read-only account has contacts");
        ApiResult result;
        QVERIFY(awaitResult(patch(u"contacts"_s, {{u"first_name"_s, u"Nope"_s}}), result));
        QCOMPARE(result.httpStatus, 405);
        QVERIFY2(result.errorString.contains(u"Sandbox accounts are read-only"_s), qPrintable(result.errorString));
    }

    void shouldRejectAWrongToken()
    {
        ConnectionConfig config = m_client->config();
        config.token = u"not-the-token"_s;
        m_client->setConfig(config);
        ApiResult result;
        QVERIFY(awaitResult(m_client->getRecord(u"contacts"_s, firstId(u"contacts"_s), options()), result));
        QCOMPARE(result.httpStatus, 401);
        QCOMPARE(result.timings.attempts, 1);
        QVERIFY2(result.errorString.contains(u"check the token in Settings"_s), qPrintable(result.errorString));
    }
};

QTEST_GUILESS_MAIN(TestClientSandbox)
#include "tst_clientsandbox.moc"
