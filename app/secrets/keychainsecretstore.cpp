#include "secrets/keychainsecretstore.h"

#include <QLoggingCategory>
#include <QPointer>

namespace crmdesk {

namespace {
Q_LOGGING_CATEGORY(lcSecrets, "crmdesk.secrets")

// Errors that mean "there is no keychain here", as opposed to "the keychain said no".
bool meansNoKeychain(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
           || error == QKeychain::OtherError;
}
} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent)
    : KeychainSecretStore(std::make_unique<QtKeychainBackend>(), parent)
{
}

KeychainSecretStore::KeychainSecretStore(std::unique_ptr<KeychainBackend> backend, QObject *parent)
    : SecretStore(parent), m_backend(std::move(backend))
{
}

KeychainSecretStore::~KeychainSecretStore() = default;

QString KeychainSecretStore::serviceName()
{
    return QStringLiteral("crmdesk");
}

QString KeychainSecretStore::keyFor(const QString &profileId)
{
    // Scoped per profile, because each Truto token is bound to one environment (contract §2.2).
    return QStringLiteral("profile/%1/api-token").arg(profileId);
}

QString KeychainSecretStore::sessionOnlyMessage()
{
    return tr("No secret store available: the token is kept in memory for this session only");
}

QString KeychainSecretStore::persistenceMessage() const
{
    return m_sessionOnly ? sessionOnlyMessage() : QString();
}

void KeychainSecretStore::readToken(const QString &profileId, const QObject *context,
                                    SecretCallback done)
{
    run(KeychainBackend::Operation::Read, profileId, {}, context, std::move(done));
}

void KeychainSecretStore::writeToken(const QString &profileId, const QString &token,
                                     const QObject *context, SecretCallback done)
{
    run(KeychainBackend::Operation::Write, profileId, token, context, std::move(done));
}

void KeychainSecretStore::deleteToken(const QString &profileId, const QObject *context,
                                      SecretCallback done)
{
    run(KeychainBackend::Operation::Delete, profileId, {}, context, std::move(done));
}

void KeychainSecretStore::run(KeychainBackend::Operation operation, const QString &profileId,
                              const QString &token, const QObject *context, SecretCallback done)
{
    if (m_sessionOnly) {
        runInSession(operation, profileId, token, context, std::move(done));
        return;
    }
    using Operation = KeychainBackend::Operation;
    const QPointer<const QObject> guard(context);
    auto handle = [this, operation, profileId, token, guard,
                   done = std::move(done)](const KeychainBackend::Reply &reply) {
        if (meansNoKeychain(reply.error)) {
            switchToSession(reply.errorString);
            // Still completes the operation: a token the user just typed is kept for the
            // session even when the caller has gone away meanwhile.
            runInSession(operation, profileId, token, guard.data(), done);
            return;
        }
        SecretResult result;
        switch (reply.error) {
        case QKeychain::NoError:
            result.status = SecretResult::Status::Ok;
            result.token = reply.text;
            break;
        case QKeychain::EntryNotFound:
            result.status = operation == Operation::Delete ? SecretResult::Status::Ok
                                                           : SecretResult::Status::NotFound;
            break;
        default:
            result.status = SecretResult::Status::Failed;
            result.errorString = tr("The system keychain refused access to the token: %1")
                                     .arg(reply.errorString);
            break;
        }
        deliver(guard.data(), done, result);
    };
    m_backend->run(operation, serviceName(), keyFor(profileId), token, this, std::move(handle));
}

void KeychainSecretStore::runInSession(KeychainBackend::Operation operation,
                                       const QString &profileId, const QString &token,
                                       const QObject *context, SecretCallback done)
{
    switch (operation) {
    case KeychainBackend::Operation::Read:
        m_session.readToken(profileId, context, std::move(done));
        return;
    case KeychainBackend::Operation::Write:
        m_session.writeToken(profileId, token, context, std::move(done));
        return;
    case KeychainBackend::Operation::Delete:
        m_session.deleteToken(profileId, context, std::move(done));
        return;
    }
}

void KeychainSecretStore::switchToSession(const QString &why)
{
    if (m_sessionOnly)
        return;
    m_sessionOnly = true;
    qCWarning(lcSecrets).noquote() << "No usable keychain, keeping tokens in memory:" << why;
    emit persistenceChanged(false, sessionOnlyMessage());
}

} // namespace crmdesk
