#include "sandbox/loopbackhttpserver.h"

#include "sandbox/replywriter.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <functional>

namespace crmdesk::sandbox {

namespace {
QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        break;
    }
    return "UNKNOWN";
}

SandboxRequest toSandboxRequest(const QHttpServerRequest &request)
{
    const QUrl url = request.url();
    RawHeaders headers;
    const auto received = request.headers();
    for (const auto &header : received)
        headers.append({header.first, header.second});
    return SandboxRequest::fromWire(methodName(request.method()),
                                    url.path(QUrl::FullyEncoded).toLatin1(),
                                    url.query(QUrl::FullyEncoded).toLatin1(), std::move(headers),
                                    request.body());
}

// Hands every accepted socket to `accepted` before QAbstractHttpServer takes it.
class WatchingTcpServer : public QTcpServer
{
public:
    WatchingTcpServer(std::function<void(QTcpSocket *)> accepted, QObject *parent)
        : QTcpServer(parent), m_accepted(std::move(accepted))
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        m_accepted(socket);
        addPendingConnection(socket);
    }

private:
    std::function<void(QTcpSocket *)> m_accepted;
};

// The per-connection clock of LoopbackHttpServer's timeouts. It runs while the server waits for
// a request (idle, or part of one received) and stops while one is being answered.
class RequestDeadline : public QTimer
{
public:
    static constexpr char kName[] = "crmdesk-request-deadline";

    explicit RequestDeadline(QTcpSocket *socket) : QTimer(socket)
    {
        setObjectName(QLatin1String(kName));
        setSingleShot(true);
    }
    bool partialRequest = false; // bytes arrived since the last request was handled
};

RequestDeadline *deadlineOf(QTcpSocket *socket)
{
    // Found by its name (it has no meta-object of its own); only RequestDeadline uses it.
    return static_cast<RequestDeadline *>(
        socket->findChild<QTimer *>(QLatin1String(RequestDeadline::kName), Qt::FindDirectChildrenOnly));
}
} // namespace

LoopbackHttpServer::LoopbackHttpServer(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent), m_handler(std::move(handler))
{
}

bool LoopbackHttpServer::listenOnLoopback(quint16 port, QString *error)
{
    // Our own QTcpServer, so that a failure comes with its reason (QAbstractHttpServer::listen
    // only logs it).
    auto *tcpServer = new WatchingTcpServer([this](QTcpSocket *socket) { watch(socket); }, this);
    if (!tcpServer->listen(QHostAddress::LocalHost, port)) {
        if (error)
            *error = QStringLiteral("Cannot listen on 127.0.0.1:%1: %2")
                         .arg(port)
                         .arg(tcpServer->errorString());
        delete tcpServer;
        return false;
    }
    bind(tcpServer);
    m_port = tcpServer->serverPort();
    return true;
}

void LoopbackHttpServer::watch(QTcpSocket *socket)
{
    auto *deadline = new RequestDeadline(socket);
    connect(socket, &QTcpSocket::readyRead, deadline, [this, deadline] {
        if (deadline->partialRequest)
            return; // the clock runs from a request's first byte, not its latest
        deadline->partialRequest = true;
        deadline->start(m_requestTimeoutMs);
    });
    // Once a reply has gone out whole, the connection waits idle for the next request.
    connect(socket, &QTcpSocket::bytesWritten, deadline, [this, socket, deadline] {
        if (socket->bytesToWrite() == 0 && !deadline->partialRequest)
            deadline->start(m_idleTimeoutMs);
    });
    connect(deadline, &QTimer::timeout, socket, [socket, deadline] {
        if (deadline->partialRequest)
            ReplyWriter::send(socket,
                              errorReply(408, QStringLiteral("The request did not arrive in time; the "
                                                             "connection is closed")),
                              true);
        else
            socket->disconnectFromHost();
    });
    deadline->start(m_idleTimeoutMs);
}

bool LoopbackHttpServer::isLoopbackHost(const QByteArray &hostHeader)
{
    QByteArray host = hostHeader.trimmed().toLower();
    if (host.startsWith('[')) {
        const qsizetype close = host.indexOf(']');
        host = close > 0 ? host.mid(1, close - 1) : QByteArray();
    } else if (host.count(':') == 1) {
        host = host.left(host.indexOf(':'));
    }
    if (host == "localhost")
        return true;
    const QHostAddress address(QString::fromLatin1(host));
    return !address.isNull() && address.isLoopback();
}

bool LoopbackHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (RequestDeadline *deadline = deadlineOf(socket)) {
        deadline->stop(); // answering now; bytesWritten starts it again
        deadline->partialRequest = false;
    }
    const bool closeAfterwards =
        request.value("connection").compare("close", Qt::CaseInsensitive) == 0;
    if (!isLoopbackHost(request.value("host"))) {
        ReplyWriter::send(socket,
                          errorReply(403, QStringLiteral("The sandbox answers only requests "
                                                         "addressed to a loopback host")),
                          true);
        return true;
    }
    ReplyWriter::send(socket, m_handler(toSandboxRequest(request)), closeAfterwards);
    return true;
}

void LoopbackHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers everything; this is only reached if that ever changes.
    Q_UNUSED(request);
    ReplyWriter::send(socket, errorReply(404, QStringLiteral("Not found")), false);
}

} // namespace crmdesk::sandbox
