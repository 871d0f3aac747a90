#include "sandbox/replywriter.h"

#include <QDateTime>
#include <QLocale>
#include <QTcpSocket>
#include <QTimer>

namespace crmdesk::sandbox {

namespace {
QByteArray httpDate()
{
    return QLocale::c()
        .toString(QDateTime::currentDateTimeUtc(),
                  QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}
} // namespace

void ReplyWriter::send(QTcpSocket *socket, SandboxReply reply, bool closeAfterwards)
{
    auto *writer = new ReplyWriter(socket, std::move(reply), closeAfterwards);
    writer->start();
}

ReplyWriter::ReplyWriter(QTcpSocket *socket, SandboxReply reply, bool closeAfterwards)
    : QObject(socket), m_socket(socket), m_reply(std::move(reply)),
      m_closeAfterwards(closeAfterwards)
{
}

void ReplyWriter::start()
{
    if (m_reply.delivery.hang)
        return; // Stays a child of the socket until the client gives up and disconnects.
    if (m_reply.delivery.latencyMs > 0) {
        QTimer::singleShot(m_reply.delivery.latencyMs, this, [this] {
            writeHead();
            writeNextChunk();
        });
        return;
    }
    writeHead();
    writeNextChunk();
}

void ReplyWriter::writeHead()
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(m_reply.status) + ' ' +
                      reasonPhrase(m_reply.status) + "\r\n";
    head += "date: " + httpDate() + "\r\n";
    for (const auto &[name, value] : std::as_const(m_reply.headers))
        head += name + ": " + value + "\r\n";
    if (m_reply.delivery.chunked)
        head += "transfer-encoding: chunked\r\n";
    else
        head += "content-length: " + QByteArray::number(m_reply.body.size()) + "\r\n";
    if (m_closeAfterwards)
        head += "connection: close\r\n";
    head += "\r\n";
    m_socket->write(head);
}

void ReplyWriter::writeNextChunk()
{
    if (!m_reply.delivery.chunked) {
        if (writeBody(m_reply.body))
            finish();
        return;
    }
    if (m_nextChunk >= m_reply.delivery.chunks.size()) {
        m_socket->write("0\r\n\r\n");
        finish();
        return;
    }
    const QByteArray &chunk = m_reply.delivery.chunks.at(m_nextChunk++);
    const QByteArray framed = QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    if (!writeBody(framed))
        return;
    // A pause between chunks makes them arrive as separate reads on the client side.
    QTimer::singleShot(m_reply.delivery.chunkIntervalMs, this, [this] { writeNextChunk(); });
}

bool ReplyWriter::writeBody(const QByteArray &bytes)
{
    const qint64 budget = m_reply.delivery.dropAfterBytes;
    if (budget >= 0 && m_bodyBytesWritten + bytes.size() >= budget) {
        // The connection breaks mid-body: the client has seen a status and part of the body.
        m_socket->write(bytes.left(budget - m_bodyBytesWritten));
        m_socket->flush();
        m_socket->disconnectFromHost();
        deleteLater();
        return false;
    }
    m_bodyBytesWritten += bytes.size();
    m_socket->write(bytes);
    return true;
}

void ReplyWriter::finish()
{
    if (m_closeAfterwards)
        m_socket->disconnectFromHost();
    deleteLater();
}

} // namespace crmdesk::sandbox
