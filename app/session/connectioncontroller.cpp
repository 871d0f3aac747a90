#include "session/connectioncontroller.h"

#include "api/trutoclient.h"
#include "sandbox/sandboxhost.h"
#include "settings/appsettings.h"
#include "history/historyservice.h"
#include "secrets/redactor.h"
#include "secrets/secretstore.h"

namespace crmdesk {

ConnectionController::ConnectionController(TrutoClient *client, AppSettings *settings,
                                           SecretStore *secrets, SandboxHost *sandbox,
                                           QObject *parent)
    : QObject(parent), m_client(client), m_settings(settings), m_secrets(secrets), m_sandbox(sandbox)
{
    connect(m_sandbox, &SandboxHost::ready, this, &ConnectionController::applySandbox);
    connect(m_sandbox, &SandboxHost::failed, this, [this](const QString &error) {
        Q_EMIT failed(tr("The embedded sandbox could not start: %1").arg(error));
    });
}

void ConnectionController::connectSelected()
{
    const std::optional<ConnectionProfile> profile = m_settings ? m_settings->selectedProfile() : std::nullopt;
    if (!profile) {
        useSandbox();
        return;
    }
    m_profileId = profile->id;
    const ConnectionProfile chosen = *profile;
    m_secrets->readToken(chosen.id, this, [this, chosen](const SecretResult &result) {
        if (m_profileId != chosen.id)
            return; // another connection was chosen meanwhile
        if (!result.ok()) {
            Q_EMIT failed(result.status == SecretResult::Status::NotFound
                              ? tr("No API token is stored for %1: add one in Connections").arg(chosen.name)
                              : result.errorString);
            return;
        }
        if (m_history)
            m_history->addSecret(result.token);
        ConnectionConfig config = m_client->config();
        config.baseUrl = chosen.baseUrl;
        config.token = result.token;
        config.transferTimeoutMs = chosen.transferTimeoutMs;
        m_client->setConfig(config);
        Q_EMIT connected(chosen.id, chosen.name, toString(chosen.environment));
    });
}

QString ConnectionController::selectedName() const
{
    const std::optional<ConnectionProfile> profile = m_settings ? m_settings->selectedProfile() : std::nullopt;
    return profile ? profile->name : tr("Embedded sandbox");
}

void ConnectionController::useSandbox()
{
    m_profileId = sandboxProfileId();
    if (m_sandbox->isRunning() && m_sandbox->baseUrl().isValid())
        applySandbox(m_sandbox->baseUrl(), m_sandbox->token());
    else if (!m_sandbox->isRunning())
        m_sandbox->start();
}

void ConnectionController::applySandbox(const QUrl &baseUrl, const QString &token)
{
    if (m_profileId != sandboxProfileId())
        return;
    ConnectionConfig config = m_client->config();
    config.baseUrl = baseUrl;
    config.token = token;
    m_client->setConfig(config);
    Q_EMIT connected(m_profileId, selectedName(), QStringLiteral("sandbox"));
}

} // namespace crmdesk
