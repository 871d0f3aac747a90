#pragma once

#include "secrets/secretstore.h"

#include <QHash>

namespace crmdesk {

// Tokens kept in this process's memory only. KeychainSecretStore falls back to it when the
// machine has no keychain; tests and the offline sandbox use it directly.
class InMemorySecretStore final : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    void readToken(const QString &profileId, const QObject *context, SecretCallback done) override;
    void writeToken(const QString &profileId, const QString &token, const QObject *context,
                    SecretCallback done) override;
    void deleteToken(const QString &profileId, const QObject *context, SecretCallback done) override;

    bool isPersistent() const override { return false; }
    QString persistenceMessage() const override;

    // Synchronous view for code that already holds the token (e.g. a test's setup).
    bool contains(const QString &profileId) const { return m_tokens.contains(profileId); }

private:
    QHash<QString, QString> m_tokens;
};

} // namespace crmdesk
