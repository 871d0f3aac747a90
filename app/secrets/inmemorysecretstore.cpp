#include "secrets/inmemorysecretstore.h"

namespace crmdesk {

void InMemorySecretStore::readToken(const QString &profileId, const QObject *context,
                                    SecretCallback done)
{
    SecretResult result;
    const auto it = m_tokens.constFind(profileId);
    if (it == m_tokens.cend()) {
        result.status = SecretResult::Status::NotFound;
    } else {
        result.status = SecretResult::Status::Ok;
        result.token = it.value();
    }
    deliver(context, std::move(done), result);
}

void InMemorySecretStore::writeToken(const QString &profileId, const QString &token,
                                     const QObject *context, SecretCallback done)
{
    m_tokens.insert(profileId, token);
    deliver(context, std::move(done), SecretResult{SecretResult::Status::Ok, {}, {}});
}

void InMemorySecretStore::deleteToken(const QString &profileId, const QObject *context,
                                      SecretCallback done)
{
    m_tokens.remove(profileId);
    deliver(context, std::move(done), SecretResult{SecretResult::Status::Ok, {}, {}});
}

QString InMemorySecretStore::persistenceMessage() const
{
    return tr("Tokens are kept in memory for this session only");
}

} // namespace crmdesk
