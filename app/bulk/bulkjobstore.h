#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QFile;

namespace crmdesk {

// What happened to one row of a bulk run.
enum class RowOutcome { Pending, Sent, Refused, Skipped };
QString toString(RowOutcome outcome); // "pending", "sent", "refused", "skipped"

struct RowResult
{
    int row = 0; // BulkRow::number
    QString recordId;
    RowOutcome outcome = RowOutcome::Pending;
    int httpStatus = 0;
    QString message;      // Truto's message for a refusal, the reason for a skip
    qint64 historyId = 0; // the history entry of the request; 0 when none
    QString idempotencyKey;
};

// What a job is, written once when it starts: enough to find it again and to check that a
// resumed run sends the same file with the same column match.
struct BulkJobSpec
{
    QString jobId;
    QString resource;
    QString accountId;
    QString provider;
    QString csvPath;
    QByteArray csvSha256; // hex
    QStringList columnTargets; // ColumnMatch::target() per column
    int rowCount = 0;
    QString status = QStringLiteral("running"); // running, paused, finished, cancelled
    QDateTime createdAt;
};

// A bulk job's state on disk, in its own folder:
//  * job.json: the spec and status, replaced atomically (app/files) when the status changes;
//  * rows.jsonl: one JSON line per event, appended with one write() each and so in the kernel
//    before the next row starts (a kill -9 loses nothing): {"row":N,"sending":KEY} before a
//    request, {"row":N,"outcome":...} once it is answered, {"row":N,"history":ID} once its
//    history entry is stored. A line cut short by a crash is ignored.
// An append-only journal rather than one JSON file rewritten per row, because rewriting 10,000
// rows' state after each of them is quadratic.
class BulkJobStore
{
public:
    static QString defaultDirectory(); // <app data>/bulk
    static std::optional<BulkJobStore> create(const QString &directory, BulkJobSpec spec,
                                              QString *error = nullptr);
    static std::optional<BulkJobStore> open(const QString &jobDirectory, QString *error = nullptr);
    // The most recent job for this file content, resource and account that is neither finished
    // nor cancelled: its folder.
    static std::optional<QString> findUnfinished(const QString &directory, const QByteArray &csvSha256,
                                                 const QString &resource, const QString &accountId);
    // The key a row is always sent with, on every attempt and after every restart (contract §9).
    static QString idempotencyKey(const QString &jobId, int row);

    BulkJobStore(BulkJobStore &&) noexcept;
    BulkJobStore &operator=(BulkJobStore &&) noexcept;
    ~BulkJobStore();

    const BulkJobSpec &spec() const { return m_spec; }
    const QString &folder() const { return m_folder; }
    // Answered rows, by row number.
    const QHash<int, RowResult> &results() const { return m_results; }
    // Rows that were being sent when the last run stopped, without an answer.
    QSet<int> inFlight() const;

    bool markSending(int row, const QString &key, QString *error = nullptr);
    bool recordResult(const RowResult &result, QString *error = nullptr);
    bool recordHistory(int row, qint64 historyId, QString *error = nullptr);
    bool setStatus(const QString &status, QString *error = nullptr);

private:
    BulkJobStore() = default;
    bool append(const QByteArray &line, QString *error);
    bool writeSpec(QString *error) const;

    QString m_folder;
    BulkJobSpec m_spec;
    void linkHistory(int row, qint64 historyId);

    QHash<int, RowResult> m_results;
    QHash<int, qint64> m_unansweredHistory; // history of tries not answered yet (a 429 waited out)
    QSet<int> m_sending;
    std::unique_ptr<QFile> m_journal;
};

} // namespace crmdesk
