#pragma once

#include "secrets/keychainbackend.h"

#include <QHash>
#include <QString>

#include <memory>

namespace crmdesk::test {

// An isolated stand-in for the OS keychain, so that tests exercise KeychainSecretStore without
// ever touching the user's keyring (style example 4). It answers asynchronously, like the
// real jobs, and can pretend to be a machine without a keychain.
class FakeKeychainBackend final : public crmdesk::KeychainBackend
{
public:
    // What the fake keychain holds and how it behaves; shared with the test after the backend
    // has been moved into a store.
    struct State
    {
        QHash<QString, QString> entries; // "service/key" -> secret
        QKeychain::Error failWith = QKeychain::NoError; // every call fails with this when set
        QString failMessage = QStringLiteral("The name org.freedesktop.secrets was not provided");
        int calls = 0;
    };

    FakeKeychainBackend() : m_state(std::make_shared<State>()) {}
    std::shared_ptr<State> state() const { return m_state; }

    void run(Operation operation, const QString &service, const QString &key, const QString &text,
             QObject *receiver, Callback done) override;

private:
    std::shared_ptr<State> m_state;
};

} // namespace crmdesk::test
