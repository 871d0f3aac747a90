#pragma once

#include "history/historystore.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class QThread;

namespace crmdesk {

// One page of history rows, and how many rows match in all (capped: see totalIsCapped).
struct HistoryPage
{
    QList<HistorySummary> rows;
    int total = 0;
    bool totalIsCapped = false; // more than HistoryStore::kCountCap match
};

// The request history for the UI thread: every write and every search runs on a worker thread
// that owns the HistoryStore and its SQLite connection (Qt SQL allows a connection only in the
// thread that made it), so no database work ever stalls typing or painting. Calls return at
// once; answers come back on this object's thread through the callbacks, in the order asked,
// and never after `context` is gone.
class HistoryService : public QObject
{
    Q_OBJECT
public:
    explicit HistoryService(QString databasePath, QObject *parent = nullptr);
    // Finishes the work already asked for (appends are never dropped), then stops the worker.
    ~HistoryService() override;

    // Opens (and migrates) the database on the worker.
    void open(const QObject *context, std::function<void(bool ok, const QString &error)> done);
    bool isOpen() const { return m_open; }
    const QString &databasePath() const { return m_path; }

    // Secrets the store must redact from everything it writes (product principle 9).
    void addSecret(const QString &secret);
    void setBodyCap(qint64 bytes);

    // Stores a redacted copy; entryAdded() follows once it is written.
    void append(const HistoryEntry &entry);
    // The same, and then done(id) with the entry's id, or 0 when it could not be stored (a
    // bulk run links each row of its report to its entry).
    void append(const HistoryEntry &entry, const QObject *context, std::function<void(qint64 id)> done);
    // Newest first; an empty text lists everything (HistoryStore::search). Any number of rows:
    // the worker reads them in the store's pages.
    void search(const QString &text, int offset, int limit, const QObject *context,
                std::function<void(const HistoryPage &)> done);
    // The entries still stored, in the order of `ids`.
    void fetch(const QList<qint64> &ids, const QObject *context,
               std::function<void(const QList<HistoryEntry> &)> done);
    void remove(const QList<qint64> &ids, const QObject *context, std::function<void(int removed)> done);
    void clear(const QObject *context, std::function<void(bool cleared)> done);
    void count(const QObject *context, std::function<void(int)> done);

Q_SIGNALS:
    // open() has finished.
    void opened(bool ok, const QString &error);
    // The history file could not be read and was moved aside for a new one: the message says
    // where it went, for the user (HistoryStore::recoveryNote).
    void recovered(const QString &message);
    void entryAdded(qint64 id);
    void entriesRemoved();
    // A write failed (disk full, database locked): the message is for the status line.
    void appendFailed(const QString &message);

private:
    // Runs work(store) on the worker, then done(result) on this thread if context still lives.
    template<typename Result>
    void ask(const QObject *context, std::function<Result(HistoryStore &)> work,
             std::function<void(const Result &)> done);
    void post(std::function<void(HistoryStore &)> work);

    QString m_path;
    QThread *m_thread;
    HistoryStore *m_store; // lives in m_thread
    bool m_open = false;
};

} // namespace crmdesk
