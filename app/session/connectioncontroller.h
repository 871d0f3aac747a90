#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

namespace crmdesk {

class AppSettings;
class HistoryService;
class SandboxHost;
class SecretStore;
class TrutoClient;

// Points the client at the connection in use: the selected profile, with its token read from
// the secret store, or the embedded sandbox when no profile is selected (the default).
class ConnectionController : public QObject
{
    Q_OBJECT
public:
    ConnectionController(TrutoClient *client, AppSettings *settings, SecretStore *secrets,
                         SandboxHost *sandbox, QObject *parent = nullptr);

    // Tokens read are also taught to the history's redactor, so they can never land in it.
    void setHistory(HistoryService *history) { m_history = history; }
    // Applies AppSettings::selectedProfileId(); connected() or failed() follows.
    void connectSelected();
    // The name of the connection connectSelected() will use, to show before it is made.
    QString selectedName() const;
    QString profileId() const { return m_profileId; }

Q_SIGNALS:
    void connected(const QString &profileId, const QString &name, const QString &environment);
    void failed(const QString &message);

private:
    void useSandbox();
    void applySandbox(const QUrl &baseUrl, const QString &token);

    TrutoClient *m_client;
    AppSettings *m_settings;
    SecretStore *m_secrets;
    SandboxHost *m_sandbox;
    HistoryService *m_history = nullptr;
    QString m_profileId;
};

// The profile id drafts and history use for the embedded sandbox.
inline QString sandboxProfileId() { return QStringLiteral("sandbox"); }

} // namespace crmdesk
