#pragma once

#include <qt6keychain/keychain.h>

#include <QObject>
#include <QString>

#include <functional>

namespace crmdesk {

// The raw keychain calls behind KeychainSecretStore. The real one runs QKeychain jobs; tests
// inject a fake that answers with QKeychain error codes, so that no test ever touches the
// user's keyring (style example 4) while the store's error handling is still exercised.
class KeychainBackend
{
public:
    enum class Operation { Read, Write, Delete };

    struct Reply
    {
        QKeychain::Error error = QKeychain::NoError;
        QString errorString;
        QString text; // Read only
    };
    using Callback = std::function<void(const Reply &)>;

    virtual ~KeychainBackend() = default;

    // Starts one operation. `done` runs later on receiver's thread, and not at all once
    // receiver is destroyed. `text` is the secret for Write, ignored otherwise.
    virtual void run(Operation operation, const QString &service, const QString &key,
                     const QString &text, QObject *receiver, Callback done) = 0;
};

// QKeychain::ReadPasswordJob / WritePasswordJob / DeletePasswordJob, auto-deleted.
class QtKeychainBackend final : public KeychainBackend
{
public:
    void run(Operation operation, const QString &service, const QString &key, const QString &text,
             QObject *receiver, Callback done) override;
};

} // namespace crmdesk
