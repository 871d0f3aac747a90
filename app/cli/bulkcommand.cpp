#include "cli/bulkcommand.h"

#include "history/historyservice.h"

#include "api/trutoclient.h"
#include "bulk/bulkjob.h"
#include "bulk/bulkplan.h"
#include "bulk/bulkreport.h"
#include "bulk/bulktarget.h"
#include "bulk/columnmatch.h"
#include "bulk/csvreader.h"
#include "schema/schema.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

namespace crmdesk {

namespace {
QString duration(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("?");
    const qint64 seconds = (ms + 999) / 1000;
    if (seconds < 60)
        return QStringLiteral("%1s").arg(seconds);
    if (seconds < 3600)
        return QStringLiteral("%1m%2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1h%2m").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}
} // namespace

BulkCommand::BulkCommand(const CommandLine &commandLine, TrutoClient *client, HistoryService *history,
                         QTextStream &out, QTextStream &err, QObject *parent)
    : QObject(parent), m_commandLine(commandLine), m_client(client), m_history(history), m_out(out),
      m_err(err), m_jobDirectory(BulkJobStore::defaultDirectory()), m_tty(isatty(fileno(stdout)) != 0)
{
}

BulkCommand::~BulkCommand() = default;

void BulkCommand::run(const QString &profileId, const QString &environment)
{
    m_profileId = profileId;
    m_environment = environment;
    m_schema = Schema::bundled().resource(m_commandLine.resource);
    if (!m_schema) {
        m_err << "crmdesk: unknown resource \"" << m_commandLine.resource << "\". Valid resources: "
              << Schema::bundled().resources().join(QLatin1String(", ")) << '\n';
        return finish(bulkexit::kUsage);
    }
    QFile file(m_commandLine.bulkFile);
    if (!file.open(QIODevice::ReadOnly)) {
        m_err << "crmdesk: cannot read " << m_commandLine.bulkFile << ": " << file.errorString() << '\n';
        return finish(bulkexit::kFailed);
    }
    const QByteArray bytes = file.readAll();
    m_sha256 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
    QString error;
    std::optional<CsvTable> table = readCsv(bytes, &error);
    if (!table) {
        m_err << "crmdesk: " << m_commandLine.bulkFile << ": " << error << '\n';
        return finish(bulkexit::kFailed);
    }
    m_table = std::make_unique<CsvTable>(std::move(*table));
    m_out << "Read " << m_table->rows.size() << " rows (" << m_table->encoding << ", '"
          << m_table->delimiter << "' separated) from " << m_commandLine.bulkFile << '\n';
    m_out.flush();
    loadBulkTarget(m_client, *m_schema, m_commandLine.accountId, this,
                   [this](const BulkTarget &target) { onTarget(target); });
}

void BulkCommand::onTarget(const BulkTarget &target)
{
    if (!target.error.isEmpty()) {
        m_err << "crmdesk: " << target.error << '\n';
        return finish(bulkexit::kFailed);
    }
    const QList<ColumnMatch> columns = matchColumns(m_table->header, *m_schema);
    m_out << "Account " << target.account.id() << " (" << target.account.summary() << "), "
          << m_schema->name << "; columns:\n";
    for (const ColumnMatch &column : columns) {
        m_out << "  " << column.header << " -> "
              << (column.kind == ColumnMatch::Kind::Ignored ? QStringLiteral("ignored: ") + column.note
                                                           : column.target())
              << '\n';
    }
    const BulkPlan plan = BulkPlan::build(*m_table, columns, *m_schema, target.policy, target.customFieldNames);
    const QStringList problems = plan.problemLines();
    for (const QString &line : problems)
        m_err << "problem: " << line << '\n';
    m_err.flush();
    m_out << "Dry run: " << plan.rows.size() << " rows, " << plan.sendableCount() << " to send, "
          << problems.size() << " problem(s)\n";
    m_out.flush();
    if (!plan.fileProblems.isEmpty())
        return finish(bulkexit::kProblems);
    if (m_commandLine.dryRun)
        return finish(problems.isEmpty() ? bulkexit::kOk : bulkexit::kProblems);

    for (qsizetype i = 0; i < m_table->lines.size(); ++i)
        m_lines.insert(int(i + 1), m_table->lines.at(i));
    QString error;
    std::optional<BulkJobStore> store;
    const std::optional<QString> unfinished =
        BulkJobStore::findUnfinished(m_jobDirectory, m_sha256, m_schema->name, m_commandLine.accountId);
    QStringList targets;
    for (const ColumnMatch &column : columns)
        targets.append(column.target());
    if (unfinished) {
        store = BulkJobStore::open(*unfinished, &error);
        if (store && store->spec().columnTargets != targets) {
            m_err << "crmdesk: job " << store->spec().jobId << " matched the columns differently; "
                  << "delete " << *unfinished << " to start over\n";
            return finish(bulkexit::kFailed);
        }
        if (store) {
            m_out << "Resuming job " << store->spec().jobId << ": " << store->results().size() << " of "
                  << plan.rows.size() << " rows already answered\n";
            for (const int row : store->inFlight())
                m_out << "Row " << row << " was being sent when the last run stopped: it is sent again "
                      << "with the same Idempotency-Key\n";
        }
    } else {
        BulkJobSpec spec;
        spec.resource = m_schema->name;
        spec.accountId = m_commandLine.accountId;
        spec.provider = target.account.provider();
        spec.csvPath = m_commandLine.bulkFile;
        spec.csvSha256 = m_sha256;
        spec.columnTargets = targets;
        spec.rowCount = int(plan.rows.size());
        store = BulkJobStore::create(m_jobDirectory, spec, &error);
        if (store)
            m_out << "Job " << store->spec().jobId << " (state in " << store->folder() << ")\n";
    }
    if (!store) {
        m_err << "crmdesk: " << error << '\n';
        return finish(bulkexit::kFailed);
    }
    m_out.flush();
    m_job = new BulkJob(m_client, std::move(*store), plan.rows, this);
    m_job->setHistory(m_history, m_profileId, m_environment);
    connect(m_job, &BulkJob::progress, this, [this] { printProgress(false); });
    connect(m_job, &BulkJob::finished, this, [this](BulkJob::State state) {
        printProgress(true);
        if (m_tty)
            m_out << '\n';
        const QList<RowResult> report = m_job->report();
        int sent = 0;
        for (const RowResult &row : report)
            sent += row.outcome == RowOutcome::Sent;
        if (!m_commandLine.reportPath.isEmpty()) {
            QString writeError;
            if (writeReport(m_commandLine.reportPath, report, m_lines, &writeError))
                m_out << "Report: " << m_commandLine.reportPath << '\n';
            else
                m_err << "crmdesk: cannot write the report: " << writeError << '\n';
        }
        for (const RowResult &row : report) {
            if (row.outcome == RowOutcome::Refused)
                m_err << "refused: row " << row.row << " (" << row.recordId << "), HTTP " << row.httpStatus
                      << ": " << row.message << '\n';
        }
        if (state == BulkJob::State::Stopped) {
            m_err << "crmdesk: " << m_job->errorString() << '\n';
            return finish(bulkexit::kFailed);
        }
        m_out << (state == BulkJob::State::Cancelled ? "Cancelled: " : "Done: ") << sent << " of "
              << report.size() << " rows sent";
        if (m_job->rateLimitWaits() > 0)
            m_out << ", " << m_job->rateLimitWaits() << " wait(s) for the rate limit";
        m_out << '\n';
        finish(sent == report.size() ? bulkexit::kOk : bulkexit::kIncomplete);
    });
    m_sincePrint.start();
    m_job->start();
}

void BulkCommand::printProgress(bool force)
{
    if (!m_job)
        return;
    const int answered = m_job->answeredRows();
    const int total = m_job->totalRows();
    // On a terminal one line redrawn at most ten times a second; in a log a line per 5%.
    const int step = std::max(1, total / 20);
    if (!force) {
        if (m_tty && m_sincePrint.isValid() && m_sincePrint.elapsed() < 100)
            return;
        if (!m_tty && answered / step == m_lastPrinted / step)
            return;
    }
    if (answered == m_lastPrinted && force && !m_tty)
        return;
    m_lastPrinted = answered;
    m_sincePrint.restart();
    int sent = 0;
    int refused = 0;
    int skipped = 0;
    for (const RowResult &row : m_job->store().results()) {
        sent += row.outcome == RowOutcome::Sent;
        refused += row.outcome == RowOutcome::Refused;
        skipped += row.outcome == RowOutcome::Skipped;
    }
    const QString line = QStringLiteral("%1/%2 rows · sent %3 · refused %4 · skipped %5 · %6 rows/s · ETA %7")
                             .arg(answered).arg(total).arg(sent).arg(refused).arg(skipped)
                             .arg(m_job->rowsPerSecond(), 0, 'f', 1)
                             .arg(answered == total ? QStringLiteral("0s") : duration(m_job->etaMs()));
    if (m_tty)
        m_out << '\r' << line << "\x1b[K";
    else
        m_out << line << '\n';
    m_out.flush();
}

void BulkCommand::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_out.flush();
    m_err.flush();
    // Asynchronously, so a caller that connects after run() still hears it.
    QTimer::singleShot(0, this, [this, exitCode] { Q_EMIT done(exitCode); });
}

} // namespace crmdesk
