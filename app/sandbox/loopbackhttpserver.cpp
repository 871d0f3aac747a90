#include "sandbox/loopbackhttpserver.h"

#include "sandbox/replywriter.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

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
} // namespace

LoopbackHttpServer::LoopbackHttpServer(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent), m_handler(std::move(handler))
{
}

bool LoopbackHttpServer::listenOnLoopback(quint16 port, QString *error)
{
    // Our own QTcpServer, so that a failure comes with its reason (QAbstractHttpServer::listen
    // only logs it).
    auto *tcpServer = new QTcpServer(this);
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
