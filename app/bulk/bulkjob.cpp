#include "bulk/bulkjob.h"

#include "api/apicall.h"
#include "api/retrypolicy.h"
#include "api/trutoclient.h"
#include "history/historyservice.h"
#include "history/historystore.h"

#include <QDateTime>

namespace crmdesk {

namespace {
constexpr qsizetype kRateWindow = 50;       // answers the rate is measured over
constexpr int kDefaultRateLimitWaitMs = 10000; // contract §8.2: no Retry-After, no reset

QString skipReason(const BulkRow &row)
{
    if (!row.problems.isEmpty()) {
        QStringList messages;
        for (const BulkProblem &problem : row.problems)
            messages.append(problem.message);
        return QStringLiteral("Not sent: ") + messages.join(QLatin1String("; "));
    }
    if (row.recordId.isEmpty())
        return QStringLiteral("Not sent: no record id");
    return QStringLiteral("Nothing to change: every cell is empty");
}
} // namespace

BulkJob::BulkJob(TrutoClient *client, BulkJobStore store, QList<BulkRow> rows, QObject *parent)
    : QObject(parent), m_client(client), m_store(std::move(store)), m_rows(std::move(rows))
{
    m_rateLimitWait.setSingleShot(true);
    connect(&m_rateLimitWait, &QTimer::timeout, this, &BulkJob::sendNext);
}

BulkJob::~BulkJob()
{
    if (m_call) {
        disconnect(m_call, nullptr, this, nullptr);
        m_call->cancel();
    }
}

void BulkJob::setHistory(HistoryService *history, const QString &profileId, const QString &environment)
{
    m_history = history;
    m_profileId = profileId;
    m_environment = environment;
}

int BulkJob::sentRows() const
{
    int count = 0;
    for (const RowResult &result : m_store.results())
        count += result.outcome == RowOutcome::Sent;
    return count;
}

double BulkJob::rowsPerSecond() const
{
    if (m_answerTimes.size() < 2)
        return 0;
    const qint64 span = m_answerTimes.back() - m_answerTimes.front();
    return span > 0 ? double(m_answerTimes.size() - 1) * 1000.0 / double(span) : 0;
}

qint64 BulkJob::etaMs() const
{
    const double rate = rowsPerSecond();
    if (rate <= 0)
        return -1;
    return qint64(double(totalRows() - answeredRows()) * 1000.0 / rate);
}

QList<RowResult> BulkJob::report() const
{
    QList<RowResult> out;
    out.reserve(m_rows.size());
    for (const BulkRow &row : m_rows) {
        RowResult result = m_store.results().value(row.number);
        result.row = row.number;
        if (result.recordId.isEmpty())
            result.recordId = row.recordId;
        out.append(result);
    }
    return out;
}

void BulkJob::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void BulkJob::start()
{
    if (m_state == State::Running || m_state == State::Finished || m_state == State::Cancelled)
        return;
    if (m_state == State::Pausing) { // resumed before the row in flight was answered
        m_store.setStatus(QStringLiteral("running"));
        setState(State::Running);
        return;
    }
    if (!m_clock.isValid())
        m_clock.start();
    m_answerTimes.clear();
    m_endReported = false;
    m_error.clear();
    QString error;
    if (!m_store.setStatus(QStringLiteral("running"), &error))
        return storeFailed(error);
    setState(State::Running);
    skipUnsendableRows();
    if (m_state == State::Running)
        sendNext();
}

void BulkJob::pause()
{
    if (m_state != State::Running)
        return;
    m_store.setStatus(QStringLiteral("paused"));
    if (m_call) {
        setState(State::Pausing); // the row in flight finishes first
        return;
    }
    m_rateLimitWait.stop();
    setState(State::Paused);
}

void BulkJob::cancel()
{
    if (m_state == State::Finished || m_state == State::Cancelled)
        return;
    m_rateLimitWait.stop();
    m_endState = State::Cancelled;
    setState(State::Cancelled);
    if (m_call)
        m_call->cancel(); // answers at once, as Cancelled
    for (const BulkRow &row : std::as_const(m_rows)) {
        if (!m_store.results().contains(row.number))
            record({row.number, row.recordId, RowOutcome::Skipped, 0,
                    QStringLiteral("Cancelled before it was sent"), 0,
                    BulkJobStore::idempotencyKey(m_store.spec().jobId, row.number)});
    }
    m_store.setStatus(QStringLiteral("cancelled"));
    finishIfDone();
}

void BulkJob::skipUnsendableRows()
{
    for (const BulkRow &row : std::as_const(m_rows)) {
        if (!row.isSendable() && !m_store.results().contains(row.number))
            record({row.number, row.recordId, RowOutcome::Skipped, 0, skipReason(row), 0, {}});
    }
}

void BulkJob::sendNext()
{
    if (m_state == State::Pausing) {
        setState(State::Paused);
        return;
    }
    if (m_state != State::Running || m_call)
        return;
    while (m_next < m_rows.size() && m_store.results().contains(m_rows.at(m_next).number))
        ++m_next;
    if (m_next >= m_rows.size()) {
        m_endState = State::Finished;
        m_store.setStatus(QStringLiteral("finished"));
        setState(State::Finished);
        finishIfDone();
        return;
    }
    if (!m_client) {
        m_error = QStringLiteral("No connection to send with");
        m_endState = State::Stopped;
        setState(State::Stopped);
        finishIfDone();
        return;
    }
    const BulkRow row = m_rows.at(m_next);
    const QString key = BulkJobStore::idempotencyKey(m_store.spec().jobId, row.number);
    QString error;
    if (!m_store.markSending(row.number, key, &error))
        return storeFailed(error);
    PatchRequest request;
    request.target = {m_store.spec().resource, row.recordId, m_store.spec().accountId};
    request.body = row.body;
    request.options.integratedAccountId = m_store.spec().accountId;
    request.idempotencyKey = key;
    m_call = m_client->updateRecord(request);
    connect(m_call, &ApiCall::finished, this, [this, row, key](const ApiResult &result) {
        m_call = nullptr;
        onAnswer(row, key, result);
    });
}

void BulkJob::onAnswer(const BulkRow &row, const QString &key, const ApiResult &result)
{
    if (result.errorKind == ErrorKind::Cancelled) {
        // Sent or not, nobody can tell: say so, with the key that would replay it.
        record({row.number, row.recordId, RowOutcome::Skipped, 0,
                QStringLiteral("Cancelled while it was being sent; it may have reached the server"),
                0, key});
        return;
    }
    if (result.httpStatus == 0) {
        // No answer at all: stop here; the row is sent again, with its key, on resume.
        m_error = QStringLiteral("Stopped at row %1 (record %2): %3. Start again to resume; that row "
                                 "is sent again with the same Idempotency-Key.")
                      .arg(row.number).arg(row.recordId, result.errorString);
        m_endState = State::Stopped;
        m_store.setStatus(QStringLiteral("paused"));
        setState(State::Stopped);
        finishIfDone();
        return;
    }
    linkHistory(result, row.number);
    if (result.httpStatus == 429) {
        // The limiter and the client's retries were not enough: wait as asked, then again.
        ++m_rateLimitWaits;
        const std::optional<qint64> asked =
            RetryPolicy::retryAfterMs(result.headers, QDateTime::currentDateTimeUtc());
        m_rateLimitWait.start(int(std::clamp<qint64>(asked.value_or(kDefaultRateLimitWaitMs), 0, 3600000)));
        if (m_state == State::Pausing) {
            m_rateLimitWait.stop();
            setState(State::Paused);
        }
        return;
    }
    RowResult outcome{row.number, row.recordId, RowOutcome::Sent, result.httpStatus, {}, 0, key};
    if (!result.ok()) {
        outcome.outcome = RowOutcome::Refused;
        outcome.message = result.trutoError && !result.trutoError->bestMessage().isEmpty()
                              ? result.trutoError->bestMessage()
                              : result.errorString;
    }
    record(outcome);
    sendNext();
}

void BulkJob::record(const RowResult &result)
{
    QString error;
    if (!m_store.recordResult(result, &error))
        return storeFailed(error);
    if (m_clock.isValid() && result.outcome != RowOutcome::Skipped) {
        m_answerTimes.push_back(m_clock.elapsed());
        while (qsizetype(m_answerTimes.size()) > kRateWindow)
            m_answerTimes.pop_front();
    }
    Q_EMIT rowAnswered(m_store.results().value(result.row));
    Q_EMIT progress(answeredRows(), totalRows(), rowsPerSecond(), etaMs());
}

void BulkJob::linkHistory(const ApiResult &result, int row)
{
    if (!m_history)
        return;
    HistoryEntry entry = HistoryEntry::fromResult(result);
    entry.profileId = m_profileId;
    entry.environment = m_environment;
    ++m_pendingHistory;
    m_history->append(entry, this, [this, row](qint64 id) {
        --m_pendingHistory;
        if (id > 0) {
            m_store.recordHistory(row, id);
            Q_EMIT historyLinked(row, id);
        }
        finishIfDone();
    });
}

void BulkJob::finishIfDone()
{
    const bool ended = m_state == State::Finished || m_state == State::Cancelled || m_state == State::Stopped;
    if (!ended || m_pendingHistory > 0 || m_call || m_endReported)
        return;
    m_endReported = true;
    Q_EMIT finished(m_state);
}

void BulkJob::storeFailed(const QString &error)
{
    // Without its journal a job could send a row twice after a restart: stop.
    m_error = error;
    if (m_call) {
        disconnect(m_call, nullptr, this, nullptr);
        m_call->cancel();
        m_call = nullptr;
    }
    m_rateLimitWait.stop();
    setState(State::Stopped);
    finishIfDone();
}

} // namespace crmdesk
