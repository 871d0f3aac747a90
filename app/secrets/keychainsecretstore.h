#pragma once

#include "secrets/inmemorysecretstore.h"
#include "secrets/keychainbackend.h"
#include "secrets/secretstore.h"

#include <memory>

namespace crmdesk {

// Tokens in the OS keychain through qtkeychain (style example 14): service "crmdesk", one entry
// per connection profile.
//
// A machine without a keychain (a headless Linux box without a Secret Service, a CI runner)
// answers NoBackendAvailable, NotImplemented or OtherError. The store then switches, once and
// for the rest of the session, to an in-memory store, reports isPersistent() == false and
// emits persistenceChanged(false, sessionOnlyMessage()), so the UI can tell the user that the
// token will have to be entered again next time. The token is never written to a file instead.
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT
public:
    // The real OS keychain.
    explicit KeychainSecretStore(QObject *parent = nullptr);
    // Any backend; tests pass a fake one.
    explicit KeychainSecretStore(std::unique_ptr<KeychainBackend> backend,
                                 QObject *parent = nullptr);
    ~KeychainSecretStore() override;

    static QString serviceName();                         // "crmdesk"
    static QString keyFor(const QString &profileId);      // "profile/<id>/api-token"
    static QString sessionOnlyMessage();

    void readToken(const QString &profileId, const QObject *context, SecretCallback done) override;
    void writeToken(const QString &profileId, const QString &token, const QObject *context,
                    SecretCallback done) override;
    void deleteToken(const QString &profileId, const QObject *context, SecretCallback done) override;

    bool isPersistent() const override { return !m_sessionOnly; }
    QString persistenceMessage() const override;

private:
    void run(KeychainBackend::Operation operation, const QString &profileId, const QString &token,
             const QObject *context, SecretCallback done);
    void runInSession(KeychainBackend::Operation operation, const QString &profileId,
                      const QString &token, const QObject *context, SecretCallback done);
    void switchToSession(const QString &why);

    std::unique_ptr<KeychainBackend> m_backend;
    InMemorySecretStore m_session;
    bool m_sessionOnly = false;
};

} // namespace crmdesk
