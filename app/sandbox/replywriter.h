#pragma once

#include "sandbox/sandboxhttp.h"

#include <QObject>

class QTcpSocket;

namespace crmdesk::sandbox {

// Puts one reply on a connection, honouring its Delivery: latency, chunked streaming with pauses,
// a connection dropped mid-body, or no answer at all. It writes the HTTP/1.1 bytes itself so that
// faults can break the protocol on purpose. The writer is a child of the socket: when the client
// goes away, pending writes go with it.
class ReplyWriter : public QObject
{
    Q_OBJECT
public:
    static void send(QTcpSocket *socket, SandboxReply reply, bool closeAfterwards);

private:
    ReplyWriter(QTcpSocket *socket, SandboxReply reply, bool closeAfterwards);

    void start();
    void writeHead();
    void writeNextChunk();
    void finish();
    // Writes body bytes, stopping (and closing) once the drop budget is spent.
    bool writeBody(const QByteArray &bytes);

    QTcpSocket *m_socket;
    SandboxReply m_reply;
    bool m_closeAfterwards;
    qsizetype m_nextChunk = 0;
    qint64 m_bodyBytesWritten = 0;
};

} // namespace crmdesk::sandbox
