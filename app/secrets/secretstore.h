#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace crmdesk {

// The outcome of one secret-store operation.
struct SecretResult
{
    enum class Status { Ok, NotFound, Failed };

    Status status = Status::Failed;
    QString token;       // readToken() only; empty otherwise
    QString errorString; // one sentence for people when Failed; never contains the token

    bool ok() const { return status == Status::Ok; }
};

using SecretCallback = std::function<void(const SecretResult &)>;

// Where API tokens live: one token per connection profile (contract §2.2, product principle 9).
// Tokens never go into QSettings or any file of ours (style "things to avoid" 8).
//
// Every operation is asynchronous, because OS keychains answer over IPC and may show a
// prompt: `done` runs later from the event loop, never inside the call, and never once
// `context` has been destroyed. No implementation spins a nested event loop.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void readToken(const QString &profileId, const QObject *context, SecretCallback done) = 0;
    virtual void writeToken(const QString &profileId, const QString &token, const QObject *context,
                            SecretCallback done) = 0;
    // Deleting a token that does not exist succeeds.
    virtual void deleteToken(const QString &profileId, const QObject *context,
                             SecretCallback done) = 0;

    // False when tokens last only as long as this process; the UI must then say so.
    virtual bool isPersistent() const = 0;
    // Why tokens are not persistent; empty when they are.
    virtual QString persistenceMessage() const = 0;

signals:
    // Emitted when a store finds out that it cannot keep tokens beyond this session.
    void persistenceChanged(bool persistent, const QString &message);

protected:
    // Runs done(result) from the event loop of context's thread, unless context is gone by then.
    static void deliver(const QObject *context, SecretCallback done, SecretResult result);
};

} // namespace crmdesk
