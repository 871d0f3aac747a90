// SandboxHost runs the sandbox in a worker thread: it reports ready (or failed) without blocking
// its caller, serves requests from that thread, and stops cleanly.

#include "sandboxtestclient.h"

#include "sandbox/sandboxhost.h"

#include <QJsonArray>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace crmdesk;

class TestSandboxHost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReportReadyAndServeFromItsOwnThread()
    {
        SandboxHost host;
        QSignalSpy ready(&host, &SandboxHost::ready);
        host.start();
        QVERIFY(!host.isRunning()); // start() returned before the worker listened
        QVERIFY(ready.wait(10000));
        const QUrl baseUrl = ready.first().at(0).toUrl();
        const QString token = ready.first().at(1).toString();
        QCOMPARE(baseUrl.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(!token.isEmpty());
        QVERIFY(host.isRunning());
        QCOMPARE(host.baseUrl(), baseUrl);
        QVERIFY(host.accounts().size() >= 13);
        QVERIFY(host.usageText().contains(token));

        SandboxTestClient client(baseUrl, token);
        const SandboxResponse response = client.get("/integrated-account");
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value(QLatin1String("result")).toArray().size(),
                 host.accounts().size());
    }

    void shouldReportFailureWhenThePortIsTaken()
    {
        QTcpServer occupant;
        QVERIFY(occupant.listen(QHostAddress::LocalHost));
        SandboxHost host;
        QSignalSpy ready(&host, &SandboxHost::ready);
        QSignalSpy failed(&host, &SandboxHost::failed);
        host.start(occupant.serverPort());
        QVERIFY(failed.wait(10000));
        QVERIFY(!failed.first().at(0).toString().isEmpty());
        QCOMPARE(ready.count(), 0);
        QVERIFY(!host.isRunning());
    }

    void shouldStopServing()
    {
        SandboxHost host;
        QSignalSpy ready(&host, &SandboxHost::ready);
        host.start();
        QVERIFY(ready.wait(10000));
        SandboxTestClient client(host.baseUrl(), host.token());
        const QByteArray path = "/integrated-account";
        QCOMPARE(client.get(path).status, 200);
        const QUrl baseUrl = host.baseUrl();
        host.stop();
        QVERIFY(!host.isRunning());
        SandboxTestClient after(baseUrl, QStringLiteral("any"));
        const SandboxResponse response = after.get(path);
        QCOMPARE(response.status, 0);
        QCOMPARE(response.error, QNetworkReply::ConnectionRefusedError);
    }

    void shouldKeepEditsInTheDataDirectoryItWasGiven()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        QString accountId;
        {
            SandboxHost host;
            QSignalSpy ready(&host, &SandboxHost::ready);
            host.start(0, directory.path());
            QVERIFY(ready.wait(10000));
            for (const QJsonValue &account : host.accounts()) {
                if (account.toObject()
                        .value(QLatin1String("integration"))
                        .toObject()
                        .value(QLatin1String("name")) == QStringLiteral("capsule"))
                    accountId = account.toObject().value(QLatin1String("id")).toString();
            }
            SandboxTestClient client(host.baseUrl(), host.token());
            QCOMPARE(client
                         .patch("/unified/crm/contacts/11587?integrated_account_id=" +
                                    accountId.toLatin1(),
                                R"({"title":"Lead engineer"})")
                         .status,
                     200);
        }
        SandboxHost again;
        QSignalSpy ready(&again, &SandboxHost::ready);
        again.start(0, directory.path());
        QVERIFY(ready.wait(10000));
        SandboxTestClient client(again.baseUrl(), again.token());
        const SandboxResponse response =
            client.get("/unified/crm/contacts/11587?integrated_account_id=" + accountId.toLatin1());
        QCOMPARE(response.json().value(QLatin1String("title")).toString(),
                 QStringLiteral("Lead engineer"));
    }

    void shouldNotReportReadyForAServerStoppedWhileStarting()
    {
        SandboxHost host;
        QSignalSpy ready(&host, &SandboxHost::ready);
        host.start();
        host.stop(); // the worker may already have reported; that report must be dropped
        QCoreApplication::sendPostedEvents();
        QCOMPARE(ready.count(), 0);
        QVERIFY(!host.isRunning());
        QVERIFY(host.baseUrl().isEmpty());
        // And the host can start again afterwards.
        host.start();
        QVERIFY(ready.wait(10000));
        QVERIFY(host.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestSandboxHost)
#include "tst_sandboxhost.moc"
