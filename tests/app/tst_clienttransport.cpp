// The client over real loopback sockets, against a raw TCP server whose bytes each test
// scripts. This checks what the fake network can only assume: how Qt's own HTTP stack reports a
// timeout, a body cut short, a TLS failure and a redirect, and that a stream really arrives
// piece by piece.
#include "awaitresult.h"
#include "api/trutoclient.h"

#include <QNetworkAccessManager>
#include <QPointer>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <functional>

using namespace crmdesk;
using crmdesk::test::awaitResult;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kToken = "sk-transport-SECRET-42";

// Accepts connections on 127.0.0.1 and calls `respond` once the request head is complete, or
// with AnyBytes at the first bytes (a TLS ClientHello has no HTTP head).
class ScriptedServer
{
public:
    using Respond = std::function<void(QTcpSocket *socket)>;
    enum Trigger { RequestHead, AnyBytes };

    explicit ScriptedServer(Respond respond = {}, Trigger trigger = RequestHead)
        : m_respond(std::move(respond))
    {
        const QByteArray marker = trigger == RequestHead ? QByteArray("\r\n\r\n") : QByteArray();
        m_server.listen(QHostAddress::LocalHost);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this, marker] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++m_connections;
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, marker] {
                    const bool triggered = !m_received.isEmpty() && m_received.contains(marker);
                    m_received += socket->readAll();
                    if (!triggered && m_received.contains(marker) && m_respond)
                        m_respond(socket);
                });
            }
        });
    }

    QUrl url(const QString &scheme = u"http"_s) const
    {
        return QUrl(scheme + u"://127.0.0.1:"_s + QString::number(m_server.serverPort()));
    }
    const QByteArray &received() const { return m_received; }
    int connections() const { return m_connections; }

private:
    QTcpServer m_server;
    Respond m_respond;
    QByteArray m_received;
    int m_connections = 0;
};

QByteArray chunk(const QByteArray &data)
{
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

} // namespace

class TestClientTransport : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager *m_network = nullptr;
    TrutoClient *m_client = nullptr;

    void useServer(const QUrl &baseUrl, int timeoutMs = 5000, int maxAttempts = 1)
    {
        ConnectionConfig config;
        config.baseUrl = baseUrl;
        config.token = QString::fromLatin1(kToken);
        config.transferTimeoutMs = timeoutMs;
        config.maxAttempts = maxAttempts;
        config.baseBackoffMs = 1;
        config.maxBackoffMs = 2;
        m_client->setConfig(config);
    }

    ApiCall *getContact(std::optional<ResponseFormat> format = std::nullopt)
    {
        QueryOptions options;
        options.integratedAccountId = u"acc-1"_s;
        options.responseFormat = format;
        return m_client->getRecord(u"contacts"_s, u"42"_s, options);
    }


private Q_SLOTS:
    void init()
    {
        m_network = new QNetworkAccessManager(this);
        m_client = new TrutoClient(m_network, this);
    }

    void cleanup()
    {
        delete m_client;
        delete m_network;
    }

    void shouldReportARefusedConnectionAndRetryTheGet()
    {
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            closedPort = probe.serverPort();
        }
        useServer(QUrl(u"http://127.0.0.1:"_s + QString::number(closedPort)), 5000, 2);
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        QCOMPARE(toString(result.errorKind), toString(ErrorKind::ConnectionRefused));
        QCOMPARE(result.timings.attempts, 2);
        QVERIFY2(result.errorString.contains(u"connection was refused"_s), qPrintable(result.errorString));
    }

    void shouldTimeOutOnASilentServer()
    {
        ScriptedServer silent;
        useServer(silent.url(), 100);
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        // Qt reports an elapsed transfer timeout as a cancel; the client must not.
        QCOMPARE(toString(result.errorKind), toString(ErrorKind::Timeout));
        QVERIFY(silent.received().startsWith("GET /unified/crm/contacts/42?integrated_account_id=acc-1 HTTP/1.1"));
    }

    void shouldReportABodyCutShort()
    {
        ScriptedServer server([](QTcpSocket *socket) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":");
            socket->flush();
            socket->disconnectFromHost();
        });
        useServer(server.url());
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        QCOMPARE(toString(result.errorKind), toString(ErrorKind::ConnectionClosed));
        QCOMPARE(result.httpStatus, 200);
    }

    void shouldStopAtAFailedTlsHandshakeWithoutSendingTheRequest()
    {
        // Debian's Qt ships the OpenSSL backend; a Qt built without any TLS backend cannot
        // make a handshake at all, so there is nothing to check there.
        if (!QSslSocket::supportsSsl())
            QSKIP("No TLS backend available");
        // Not a TLS server: the handshake cannot succeed, and nothing may go out in clear.
        ScriptedServer plain(
            [](QTcpSocket *socket) {
                socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                socket->disconnectFromHost();
            },
            ScriptedServer::AnyBytes);
        useServer(plain.url(u"https"_s));
        ApiCall *call = getContact();
        ApiResult result;
        QVERIFY(awaitResult(call, result));
        QCOMPARE(toString(result.errorKind), toString(ErrorKind::Tls));
        QVERIFY(!plain.received().contains("Bearer"));
        QVERIFY(!plain.received().contains(kToken));
        QCOMPARE(result.timings.attempts, 1);
    }

    void shouldNotFollowARedirectToAnotherHost()
    {
        ScriptedServer elsewhere([](QTcpSocket *socket) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        });
        const QByteArray location = elsewhere.url().toEncoded() + "/steal";
        ScriptedServer server([location](QTcpSocket *socket) {
            socket->write("HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n");
        });
        useServer(server.url());
        ApiResult result;
        QVERIFY(awaitResult(getContact(), result));
        QCOMPARE(result.httpStatus, 302);
        QCOMPARE(elsewhere.connections(), 0);
        QVERIFY2(result.errorString.startsWith(uR"(Server replied "302 Found")"_s), qPrintable(result.errorString));
    }

    void shouldHandOnEachStreamedChunkBeforeTheNextIsSent()
    {
        // The server sends a chunk only once the previous one reached the consumer, so the call
        // can only finish if nothing waits for the whole body.
        QPointer<QTcpSocket> connection;
        ScriptedServer server([&connection](QTcpSocket *socket) {
            connection = socket;
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n" + chunk("part-0;"));
        });
        useServer(server.url());
        ApiCall *call = getContact(ResponseFormat::Stream);
        QList<QByteArray> arrived;
        QByteArray all;
        connect(call, &ApiCall::bytesArrived, this, [&](const QByteArray &piece) {
            all += piece;
            if (!all.endsWith(';'))
                return; // a chunk may arrive in more than one piece
            arrived.append(all);
            if (!connection)
                return;
            if (arrived.size() < 5)
                connection->write(chunk("part-" + QByteArray::number(arrived.size()) + ';'));
            else
                connection->write("0\r\n\r\n");
        });
        ApiResult result;
        QVERIFY(awaitResult(call, result));
        QVERIFY2(result.ok(), qPrintable(result.errorString));
        QCOMPARE(all, "part-0;part-1;part-2;part-3;part-4;"_ba);
        QCOMPARE(arrived.size(), 5);
        QVERIFY(result.body.isEmpty());
        QCOMPARE(result.bodySize, all.size());
    }
};

QTEST_GUILESS_MAIN(TestClientTransport)
#include "tst_clienttransport.moc"
