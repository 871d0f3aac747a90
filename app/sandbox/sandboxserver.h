#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace crmdesk {

class Schema;

namespace sandbox {
class LoopbackHttpServer;
class RecordPersistence;
class SandboxApi;
struct SandboxData;
} // namespace sandbox

// CRM Desk's offline stand-in for https://api.truto.one (contract §21 item 8): a real HTTP
// server on 127.0.0.1 that serves the Unified CRM routes the app uses for seeded integrated
// accounts of many providers, with each provider's records in its own native shape, plus faults
// on demand. app/sandbox/README.md documents the routes, accounts, faults and data files.
//
// The server lives in the thread that created it; use SandboxHost to run it beside a GUI.
class SandboxServer : public QObject
{
    Q_OBJECT
public:
    explicit SandboxServer(QObject *parent = nullptr); // uses Schema::bundled()
    explicit SandboxServer(const Schema &schema, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Keeps edits in directory: saved records are loaded now, and every successful PATCH
    // rewrites its account's file atomically. Without it, edits live in memory only.
    void setDataDirectory(const QString &directory);
    QString dataDirectory() const;

    bool listen(quint16 port = 0); // 127.0.0.1 only; false + errorString() on failure
    bool isListening() const;
    QString errorString() const;
    QUrl baseUrl() const;  // http://127.0.0.1:<port>
    QString token() const; // random token generated at construction, always accepted
    void addToken(const QString &token);

    // 400 for any query not encoded exactly as contract §5.3 prescribes.
    void setStrictQueryEncoding(bool strict);
    // 429 past 50 requests per 10 s per account (contract §8.3); off by default.
    void setEnforceRateLimit(bool enforce);
    // Another per-account limit than 50 per 10 s, for tests and benchmarks of rate limiting.
    void setRateLimit(int perAccount, int windowSeconds);
    // How long a request may take to arrive whole from its first byte before it gets 408
    // (default 10 s), and how long an idle connection stays open (60 s); call before listen().
    void setTimeouts(int requestMs, int idleMs);

    QJsonArray accounts() const; // the integrated accounts as served
    // First active, non-sandbox account of that provider (display name, slug or label, any
    // case) that is neither blocked nor a reserved fault account; empty if none.
    QString accountIdFor(const QString &provider) const;
    QJsonObject nativeRecord(const QString &accountId, const QString &resource,
                             const QString &id) const;
    QJsonObject unifiedRecord(const QString &accountId, const QString &resource,
                              const QString &id) const; // without remote_data
    QStringList recordIds(const QString &accountId, const QString &resource) const;
    // The mapping tables (resources/sandbox/mappings.json): provider -> resource -> {id, fields:
    // [{unified, native, transform, ...}], touch}. One table is also meta/update's
    // response_mapping.
    QJsonObject mappingTables() const;
    QJsonObject mappingTable(const QString &provider, const QString &resource) const;

    // How to use the running server, for `crmdesk --sandbox` to print: URL, token, the accounts
    // per provider, the fault accounts and an example curl line.
    QString usageText() const;

Q_SIGNALS:
    // A PATCH changed a record (emitted in the server's thread).
    void recordChanged(const QString &accountId, const QString &resource, const QString &id);
    // Saving to the data directory failed; the edit stays in memory.
    void persistenceFailed(const QString &errorString);

private:
    void recordsChanged(const QString &accountId, const QString &resource, const QString &id);

    std::unique_ptr<sandbox::SandboxData> m_data;
    std::unique_ptr<sandbox::SandboxApi> m_api;
    std::unique_ptr<sandbox::RecordPersistence> m_persistence;
    sandbox::LoopbackHttpServer *m_http = nullptr;
    QString m_token;
    QString m_error;
};

} // namespace crmdesk
