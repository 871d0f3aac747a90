#include "sandbox/sandboxhost.h"

#include "sandbox/sandboxserver.h"

#include <QThread>

namespace crmdesk {

SandboxHost::SandboxHost(QObject *parent) : QObject(parent) {}

SandboxHost::~SandboxHost()
{
    stop();
}

void SandboxHost::start(quint16 port, const QString &dataDirectory)
{
    if (m_thread)
        return;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("crmdesk-sandbox"));
    // The server is created inside the worker thread (its seed data is parsed there, not on the
    // UI thread) as a child of this context object, which the thread deletes when it ends.
    auto *context = new QObject;
    context->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, context, &QObject::deleteLater);
    m_thread->start();

    const int generation = ++m_generation;
    QMetaObject::invokeMethod(context, [this, context, port, dataDirectory, generation] {
        auto *server = new SandboxServer(context);
        if (!dataDirectory.isEmpty())
            server->setDataDirectory(dataDirectory);
        Started started;
        started.ok = server->listen(port);
        started.error = server->errorString();
        started.baseUrl = server->baseUrl();
        started.token = server->token();
        started.accounts = server->accounts();
        started.usageText = server->usageText();
        // Back on the host's thread. The host outlives this call: stop() waits for the thread.
        QMetaObject::invokeMethod(
            this, [this, generation, started] { onStarted(generation, started); },
            Qt::QueuedConnection);
    });
}

void SandboxHost::onStarted(int generation, const Started &started)
{
    if (generation != m_generation || !m_thread)
        return;
    if (!started.ok) {
        stop();
        Q_EMIT failed(started.error);
        return;
    }
    m_running = true;
    m_baseUrl = started.baseUrl;
    m_token = started.token;
    m_accounts = started.accounts;
    m_usageText = started.usageText;
    Q_EMIT ready(m_baseUrl, m_token);
}

void SandboxHost::stop()
{
    if (!m_thread)
        return;
    ++m_generation;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_running = false;
    m_baseUrl.clear();
    m_token.clear();
    m_accounts = {};
    m_usageText.clear();
}

} // namespace crmdesk
