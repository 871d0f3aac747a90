#pragma once

#include "bulk/bulkjobstore.h"
#include "bulk/bulkplan.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>

namespace crmdesk {

class ApiCall;
class HistoryService;
class TrutoClient;
struct ApiResult;

// Sends the rows of a bulk plan one at a time through TrutoClient::updateRecord, so through its
// rate limiter and retry policy (Retry-After, ratelimit-*, contract §8), each row with the key
// BulkJobStore::idempotencyKey(job, row) on every attempt and after every restart (§9). Every
// outcome is in the job's journal before the next row starts; a job made from the same journal
// skips the rows answered and sends again, with the same key, the one that was in flight (the
// server then replays its answer instead of applying it twice).
//
// A 429 that outlasts the client's retries is no answer: the job waits as long as the server
// asked (Retry-After, else ratelimit-reset, else 10 s) and sends the row again, however long
// the storm lasts. A transport failure (connection refused, timeout) stops the job, resumable.
class BulkJob : public QObject
{
    Q_OBJECT
public:
    enum class State { Ready, Running, Pausing, Paused, Finished, Cancelled, Stopped };
    Q_ENUM(State)

    BulkJob(TrutoClient *client, BulkJobStore store, QList<BulkRow> rows, QObject *parent = nullptr);
    ~BulkJob() override;

    // Each answered request goes to the history, like a send from the form; the report links
    // the row to its entry.
    void setHistory(HistoryService *history, const QString &profileId, const QString &environment);

    const BulkJobStore &store() const { return m_store; }
    State state() const { return m_state; }
    QString errorString() const { return m_error; }

    int totalRows() const { return int(m_rows.size()); }
    int answeredRows() const { return int(m_store.results().size()); }
    int sentRows() const;
    // Rows per second over the last answers, and the time left at that rate; 0 / -1 unknown.
    double rowsPerSecond() const;
    qint64 etaMs() const;
    int rateLimitWaits() const { return m_rateLimitWaits; }

    // Every row in file order, with its outcome (Pending when not answered yet).
    QList<RowResult> report() const;

public Q_SLOTS:
    // Starts, or resumes after pause() or a restart.
    void start();
    // Stops after the row being sent is answered.
    void pause();
    // Stops now: the row being sent and every row not answered are skipped.
    void cancel();

Q_SIGNALS:
    void stateChanged(crmdesk::BulkJob::State state);
    void rowAnswered(const crmdesk::RowResult &result);
    // The row's history entry is stored (its id is in report()).
    void historyLinked(int row, qint64 historyId);
    void progress(int answered, int total, double rowsPerSecond, qint64 etaMs);
    // Finished, Cancelled or Stopped, and every history entry is linked.
    void finished(crmdesk::BulkJob::State state);

private:
    void setState(State state);
    void skipUnsendableRows();
    void sendNext();
    void onAnswer(const BulkRow &row, const QString &key, const ApiResult &result);
    void record(const RowResult &result);
    void linkHistory(const ApiResult &result, int row);
    void finishIfDone();
    void storeFailed(const QString &error);

    QPointer<TrutoClient> m_client;
    BulkJobStore m_store;
    QList<BulkRow> m_rows;
    QPointer<HistoryService> m_history;
    QString m_profileId;
    QString m_environment;
    State m_state = State::Ready;
    State m_endState = State::Finished;
    QString m_error;
    qsizetype m_next = 0; // the first row that may still need sending
    QPointer<ApiCall> m_call;
    QTimer m_rateLimitWait;
    int m_rateLimitWaits = 0;
    int m_pendingHistory = 0;
    bool m_endReported = false;
    QElapsedTimer m_clock;
    std::deque<qint64> m_answerTimes; // ms on m_clock of the last answers, for the rate
};

} // namespace crmdesk
