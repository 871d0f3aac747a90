#pragma once

#include <QJsonArray>
#include <QObject>
#include <QString>
#include <QUrl>

class QThread;

namespace crmdesk {

// Runs a SandboxServer in a thread of its own, so that the GUI (or a test) can talk to it over
// loopback without the server ever waiting on the UI thread, or the UI on the server.
//
// start() returns at once; ready() follows once the server listens (or failed() if it cannot).
// No nested event loop anywhere: the worker binds the socket and reports back with a queued
// call. Stopping (stop() or the destructor) ends the worker thread and waits for it, which takes
// only as long as the request being handled.
class SandboxHost : public QObject
{
    Q_OBJECT
public:
    explicit SandboxHost(QObject *parent = nullptr);
    ~SandboxHost() override;

    // port 0 picks a free port; dataDirectory keeps edits across restarts (empty: memory only).
    void start(quint16 port = 0, const QString &dataDirectory = QString());
    void stop();
    bool isRunning() const { return m_running; }

    // Valid after ready().
    QUrl baseUrl() const { return m_baseUrl; }
    QString token() const { return m_token; }
    QJsonArray accounts() const { return m_accounts; }
    QString usageText() const { return m_usageText; }

Q_SIGNALS:
    void ready(const QUrl &baseUrl, const QString &token);
    void failed(const QString &errorString);

private:
    struct Started
    {
        bool ok = false;
        QString error;
        QUrl baseUrl;
        QString token;
        QJsonArray accounts;
        QString usageText;
    };
    void onStarted(int generation, const Started &started);

    QThread *m_thread = nullptr;
    bool m_running = false;
    int m_generation = 0; // a report from a server stopped since is ignored
    QUrl m_baseUrl;
    QString m_token;
    QJsonArray m_accounts;
    QString m_usageText;
};

} // namespace crmdesk
