#pragma once

#include "sandbox/sandboxhttp.h"

#include <QAbstractHttpServer>

#include <functional>

namespace crmdesk::sandbox {

// The transport: a QtHttpServer bound to 127.0.0.1 only, which turns each request into a
// SandboxRequest, hands it to the API and writes the SandboxReply back.
//
// It derives from QAbstractHttpServer rather than using QHttpServer's router because the sandbox
// needs three things the Qt 6.4 router does not give: the path exactly as encoded (an id may
// contain "%2F", contract §3), one handler that answers every unknown route with Truto's error
// envelope, and the raw socket, so that faults can delay, stream, drop or hold a reply.
//
// Requests whose Host header is not a loopback name are refused with 403 before anything else
// runs: a web page on another origin cannot reach the sandbox by DNS rebinding
// (style.md 15b, after zealdocs/zeal src/libs/core/httpserver.cpp).
class LoopbackHttpServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    using Handler = std::function<SandboxReply(const SandboxRequest &)>;

    // A request must arrive whole within kDefaultRequestTimeoutMs of its first byte: a slow or
    // half-sent one gets 408 and its connection is closed, so no client can hold a socket
    // forever. A connection that sends nothing for kDefaultIdleTimeoutMs is closed quietly.
    static constexpr int kDefaultRequestTimeoutMs = 10000;
    static constexpr int kDefaultIdleTimeoutMs = 60000;

    explicit LoopbackHttpServer(Handler handler, QObject *parent = nullptr);
    void setTimeouts(int requestMs, int idleMs)
    {
        m_requestTimeoutMs = requestMs;
        m_idleTimeoutMs = idleMs;
    }

    // Binds 127.0.0.1:port (0 picks a free port). On failure returns false and sets error.
    bool listenOnLoopback(quint16 port, QString *error);
    quint16 port() const { return m_port; }

    static bool isLoopbackHost(const QByteArray &hostHeader);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void watch(QTcpSocket *socket);

    Handler m_handler;
    quint16 m_port = 0;
    int m_requestTimeoutMs = kDefaultRequestTimeoutMs;
    int m_idleTimeoutMs = kDefaultIdleTimeoutMs;
};

} // namespace crmdesk::sandbox
