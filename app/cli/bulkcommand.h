#pragma once

#include "cli/commandline.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

class QTextStream;

namespace crmdesk {

class BulkJob;
class HistoryService;
class ResourceSchema;
class TrutoClient;
struct BulkTarget;
struct CsvTable;

// Exit codes of `crmdesk --bulk` (README, "Bulk edit from CSV").
namespace bulkexit {
constexpr int kOk = 0;          // every row sent, or a dry run without problems
constexpr int kFailed = 1;      // nothing could start, or the run stopped (resumable)
constexpr int kUsage = kUsageExitCode; // 2: bad arguments or an unknown resource
constexpr int kProblems = 3;    // the dry run found problems; nothing was sent
constexpr int kIncomplete = 4;  // the run ended; some rows were refused or skipped
} // namespace bulkexit

// `crmdesk --bulk FILE --resource R --account ID [--dry-run] [--report OUT.csv]`: the dry run and
// the bulk job of the GUI, headless. The client must already point at the connection to use;
// run() reads the file, asks the account for its rules, prints every problem, then (without
// --dry-run) sends, resuming the unfinished job of the same file, resource and account if there
// is one. done() carries the exit code.
class BulkCommand : public QObject
{
    Q_OBJECT
public:
    BulkCommand(const CommandLine &commandLine, TrutoClient *client, HistoryService *history,
                QTextStream &out, QTextStream &err, QObject *parent = nullptr);
    ~BulkCommand() override;

    // profileId and environment label the history entries, as a send from the form is labelled.
    void run(const QString &profileId, const QString &environment);
    // Where job state lives (default BulkJobStore::defaultDirectory()).
    void setJobDirectory(const QString &directory) { m_jobDirectory = directory; }

Q_SIGNALS:
    void done(int exitCode);

private:
    void onTarget(const BulkTarget &target);
    void startJob(const BulkTarget &target);
    void printProgress(bool force);
    void finish(int exitCode);

    CommandLine m_commandLine;
    QPointer<TrutoClient> m_client;
    QPointer<HistoryService> m_history;
    QTextStream &m_out;
    QTextStream &m_err;
    QString m_profileId;
    QString m_environment;
    QString m_jobDirectory;
    const ResourceSchema *m_schema = nullptr;
    std::unique_ptr<CsvTable> m_table;
    QByteArray m_sha256;
    BulkJob *m_job = nullptr;
    QHash<int, int> m_lines; // row -> line, for the report
    bool m_tty = false;
    int m_lastPrinted = -1;
    QElapsedTimer m_sincePrint;
    bool m_finished = false;
};

} // namespace crmdesk
