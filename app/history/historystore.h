#pragma once

#include "api/apiresult.h"
#include "secrets/redactor.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

class QSqlDatabase;

namespace crmdesk {

// One request CRM Desk sent and what came back (product §5 item 5: history *with* the request).
struct HistoryEntry
{
    qint64 id = 0;        // given by the store
    QDateTime sentAt;     // UTC
    QString profileId;
    QString environment;  // the profile's label at the time: "production", "staging", "sandbox"
    QByteArray method;    // "PATCH"
    QByteArray url;       // encoded, exactly as sent (contract §5.3)
    HeaderList requestHeaders;
    QByteArray requestBody;
    bool requestTruncated = false;
    int status = 0;       // 0 when no response arrived (timeout, refused connection)
    qint64 durationMs = 0;
    HeaderList responseHeaders;
    QByteArray responseBody;     // the first bodyCap() bytes
    qint64 responseSize = 0;     // bytes received in total
    bool responseTruncated = false;
    QString errorString;
    RecordTarget target;  // resource, record and account, as the request carried them
    QString idempotencyKey;

    // Request, response, timing, error and target of a finished call. The caller adds the
    // profile and environment, which ApiResult does not know.
    static HistoryEntry fromResult(const ApiResult &result);
};

// A row of the history list: no headers, no bodies.
struct HistorySummary
{
    qint64 id = 0;
    QDateTime sentAt;
    QString environment;
    QByteArray method;
    QByteArray url;
    int status = 0;
    qint64 durationMs = 0;
    QString resource;
    QString recordId;
    QString errorString;
};

// The local request history, in SQLite through Qt SQL (a named connection per instance, so
// several stores and threads never share one). Everything is redacted before it is written,
// even if the caller redacted already (product principle 9): a token that reaches this class
// in a header, the URL or a body never reaches the file. Deleted rows are overwritten
// (secure_delete), so "Clear history" really removes the data.
//
// The schema carries its version in PRAGMA user_version and is migrated on open(); a file
// from a newer CRM Desk is refused rather than altered. The file is in WAL mode, so a reader
// never waits for a writer. HistoryService runs a store on a worker thread.
//
// Use an instance from the thread that opened it (a Qt SQL rule).
class HistoryStore : public QObject
{
    Q_OBJECT
public:
    static constexpr int kSchemaVersion = 2;
    static constexpr qint64 kDefaultBodyCap = 1024 * 1024;
    // Counting a million entries, or the matches of a common word in them, would take longer
    // than the search itself; past this many countMatching() says "more than".
    static constexpr int kCountCap = 10000;
    static constexpr int kMaxPageSize = 1000; // rows one browse() or search() returns at most

    // <AppDataLocation>/history.sqlite
    static QString defaultPath();

    explicit HistoryStore(QString databasePath, QObject *parent = nullptr);
    ~HistoryStore() override;

    // Opens (creating if needed) and migrates the database. False, with a reason, on failure.
    bool open(QString *error = nullptr);
    bool isOpen() const;
    const QString &databasePath() const { return m_path; }

    // Secrets the redactor must know about, e.g. every token the app currently holds.
    void setRedactor(const Redactor &redactor) { m_redactor = redactor; }
    const Redactor &redactor() const { return m_redactor; }
    // Set by open() when the file could not be read and was moved aside for a new one: what
    // happened and where the old file is, in words for the user. Empty otherwise.
    const QString &recoveryNote() const { return m_recoveryNote; }

    // Bodies are stored up to this many bytes and flagged as truncated beyond it.
    void setBodyCap(qint64 bytes) { m_bodyCap = qMax<qint64>(0, bytes); }
    qint64 bodyCap() const { return m_bodyCap; }

    // Stores a redacted copy; returns its id, or nothing (with a reason) on failure.
    std::optional<qint64> append(const HistoryEntry &entry, QString *error = nullptr);

    // Newest first; `limit` is capped at kMaxPageSize rows.
    QList<HistorySummary> browse(int offset, int limit) const;
    int count() const;
    // Entries whose URL (as typed or percent-encoded), record id, request body or response body
    // contain `text`, case-insensitively. Newest first. Texts of three characters or more go
    // through the full-text index (FTS5, trigram tokenizer: substring matching); shorter ones
    // scan the table.
    QList<HistorySummary> search(const QString &text, int offset, int limit) const;
    // At most kCountCap; *capped says when there are more.
    int countMatching(const QString &text, bool *capped = nullptr) const;
    std::optional<HistoryEntry> fetch(qint64 id) const;

    bool remove(qint64 id);
    // Deletes every entry and compacts the file.
    bool clear();

    // Brings a database from `fromVersion` to kSchemaVersion, in one transaction.
    static bool migrate(QSqlDatabase &database, int fromVersion, QString *error = nullptr);

signals:
    void entryAdded(qint64 id);
    void entriesRemoved();

private:
    QSqlDatabase database() const;

    enum class OpenOutcome { Opened, Damaged, Failed };
    OpenOutcome openFile(QString *error);

    QString m_path;
    QString m_connectionName;
    QString m_recoveryNote;
    Redactor m_redactor;
    qint64 m_bodyCap = kDefaultBodyCap;
};

} // namespace crmdesk
