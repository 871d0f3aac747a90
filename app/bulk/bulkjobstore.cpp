#include "bulk/bulkjobstore.h"

#include "files/storefiles.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>

namespace crmdesk {

namespace {
const QLatin1String kSpecFile("job.json");
const QLatin1String kJournalFile("rows.jsonl");
const QLatin1String kFormat("crmdesk-bulk-job/1");

bool fail(QString *error, const QString &text)
{
    if (error)
        *error = text;
    return false;
}

RowOutcome outcomeFrom(const QString &text)
{
    if (text == QLatin1String("sent"))
        return RowOutcome::Sent;
    if (text == QLatin1String("refused"))
        return RowOutcome::Refused;
    if (text == QLatin1String("skipped"))
        return RowOutcome::Skipped;
    return RowOutcome::Pending;
}

QJsonObject specJson(const BulkJobSpec &spec)
{
    return {{QStringLiteral("format"), kFormat},
            {QStringLiteral("job_id"), spec.jobId},
            {QStringLiteral("resource"), spec.resource},
            {QStringLiteral("account_id"), spec.accountId},
            {QStringLiteral("provider"), spec.provider},
            {QStringLiteral("csv_path"), spec.csvPath},
            {QStringLiteral("csv_sha256"), QString::fromLatin1(spec.csvSha256)},
            {QStringLiteral("columns"), QJsonArray::fromStringList(spec.columnTargets)},
            {QStringLiteral("row_count"), spec.rowCount},
            {QStringLiteral("status"), spec.status},
            {QStringLiteral("created_at"), spec.createdAt.toString(Qt::ISODate)}};
}

std::optional<BulkJobSpec> specFrom(const QJsonObject &json)
{
    if (json.value(QLatin1String("format")).toString() != kFormat)
        return std::nullopt;
    BulkJobSpec spec;
    spec.jobId = json.value(QLatin1String("job_id")).toString();
    spec.resource = json.value(QLatin1String("resource")).toString();
    spec.accountId = json.value(QLatin1String("account_id")).toString();
    spec.provider = json.value(QLatin1String("provider")).toString();
    spec.csvPath = json.value(QLatin1String("csv_path")).toString();
    spec.csvSha256 = json.value(QLatin1String("csv_sha256")).toString().toLatin1();
    for (const QJsonValue &column : json.value(QLatin1String("columns")).toArray())
        spec.columnTargets.append(column.toString());
    spec.rowCount = json.value(QLatin1String("row_count")).toInt();
    spec.status = json.value(QLatin1String("status")).toString();
    spec.createdAt = QDateTime::fromString(json.value(QLatin1String("created_at")).toString(), Qt::ISODate);
    if (spec.jobId.isEmpty())
        return std::nullopt;
    return spec;
}

std::optional<BulkJobSpec> readSpec(const QString &folder)
{
    QFile file(folder + u'/' + kSpecFile);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return specFrom(QJsonDocument::fromJson(file.readAll()).object());
}
} // namespace

QString toString(RowOutcome outcome)
{
    switch (outcome) {
    case RowOutcome::Sent:
        return QStringLiteral("sent");
    case RowOutcome::Refused:
        return QStringLiteral("refused");
    case RowOutcome::Skipped:
        return QStringLiteral("skipped");
    case RowOutcome::Pending:
        break;
    }
    return QStringLiteral("pending");
}

QString BulkJobStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/bulk");
}

QString BulkJobStore::idempotencyKey(const QString &jobId, int row)
{
    return QStringLiteral("crmdesk-bulk-%1-row-%2").arg(jobId).arg(row);
}

BulkJobStore::BulkJobStore(BulkJobStore &&) noexcept = default;
BulkJobStore &BulkJobStore::operator=(BulkJobStore &&) noexcept = default;
BulkJobStore::~BulkJobStore() = default;

std::optional<BulkJobStore> BulkJobStore::create(const QString &directory, BulkJobSpec spec, QString *error)
{
    if (spec.jobId.isEmpty())
        spec.jobId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!spec.createdAt.isValid())
        spec.createdAt = QDateTime::currentDateTimeUtc();
    BulkJobStore store;
    store.m_folder = directory + u'/' + spec.jobId;
    store.m_spec = std::move(spec);
    if (!ensurePrivateDirectory(directory, error) || !ensurePrivateDirectory(store.m_folder, error)
        || !store.writeSpec(error))
        return std::nullopt;
    return open(store.m_folder, error);
}

std::optional<BulkJobStore> BulkJobStore::open(const QString &jobDirectory, QString *error)
{
    BulkJobStore store;
    store.m_folder = jobDirectory;
    const std::optional<BulkJobSpec> spec = readSpec(jobDirectory);
    if (!spec) {
        fail(error, QStringLiteral("%1 is not a bulk job (no readable %2)").arg(jobDirectory, kSpecFile));
        return std::nullopt;
    }
    store.m_spec = *spec;
    store.m_journal = std::make_unique<QFile>(jobDirectory + u'/' + kJournalFile);
    QFile &journal = *store.m_journal;
    if (journal.open(QIODevice::ReadOnly)) {
        while (!journal.atEnd()) {
            const QByteArray line = journal.readLine();
            QJsonParseError parseError{};
            const QJsonObject event = QJsonDocument::fromJson(line, &parseError).object();
            if (parseError.error != QJsonParseError::NoError || !line.endsWith('\n'))
                continue; // the last line of a killed run may be cut short
            const int row = event.value(QLatin1String("row")).toInt();
            if (event.contains(QLatin1String("sending"))) {
                store.m_sending.insert(row);
            } else if (event.contains(QLatin1String("outcome"))) {
                RowResult result;
                result.row = row;
                result.recordId = event.value(QLatin1String("id")).toString();
                result.outcome = outcomeFrom(event.value(QLatin1String("outcome")).toString());
                result.httpStatus = event.value(QLatin1String("status")).toInt();
                result.message = event.value(QLatin1String("message")).toString();
                result.idempotencyKey = event.value(QLatin1String("key")).toString();
                result.historyId = std::max(store.m_results.value(row).historyId, store.m_unansweredHistory.take(row));
                store.m_results.insert(row, result);
            } else if (event.contains(QLatin1String("history"))) {
                store.linkHistory(row, event.value(QLatin1String("history")).toInteger());
            }
        }
        journal.close();
        // A killed run may have left half a line: cut it off, or the next event would be
        // written onto it and lost with it at the next resume.
        if (journal.open(QIODevice::ReadWrite)) {
            const QByteArray all = journal.readAll();
            if (!all.isEmpty() && !all.endsWith('\n'))
                journal.resize(all.lastIndexOf('\n') + 1);
            journal.close();
        }
    }
    // Unbuffered: every line is one write() and reaches the kernel before the call returns.
    if (!journal.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        fail(error, QStringLiteral("Cannot write %1: %2").arg(journal.fileName(), journal.errorString()));
        return std::nullopt;
    }
    return store;
}

std::optional<QString> BulkJobStore::findUnfinished(const QString &directory, const QByteArray &csvSha256,
                                                   const QString &resource, const QString &accountId)
{
    const QDir dir(directory);
    std::optional<BulkJobSpec> best;
    QString bestFolder;
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString folder = dir.filePath(name);
        const std::optional<BulkJobSpec> spec = readSpec(folder);
        if (!spec || spec->csvSha256 != csvSha256 || spec->resource != resource
            || spec->accountId != accountId || spec->status == QLatin1String("finished")
            || spec->status == QLatin1String("cancelled"))
            continue;
        if (!best || spec->createdAt > best->createdAt) {
            best = spec;
            bestFolder = folder;
        }
    }
    if (!best)
        return std::nullopt;
    return bestFolder;
}

QSet<int> BulkJobStore::inFlight() const
{
    QSet<int> out;
    for (const int row : m_sending) {
        if (!m_results.contains(row) || m_results.value(row).outcome == RowOutcome::Pending)
            out.insert(row);
    }
    return out;
}

bool BulkJobStore::append(const QByteArray &line, QString *error)
{
    const QByteArray bytes = line + '\n';
    if (!m_journal || m_journal->write(bytes) != bytes.size())
        return fail(error, QStringLiteral("Cannot write the job state %1: %2")
                               .arg(m_journal ? m_journal->fileName() : m_folder,
                                    m_journal ? m_journal->errorString() : QString()));
    return true;
}

bool BulkJobStore::markSending(int row, const QString &key, QString *error)
{
    m_sending.insert(row);
    return append(QJsonDocument(QJsonObject{{QStringLiteral("row"), row}, {QStringLiteral("sending"), key}})
                      .toJson(QJsonDocument::Compact),
                  error);
}

bool BulkJobStore::recordResult(const RowResult &result, QString *error)
{
    RowResult stored = result;
    stored.historyId = std::max({result.historyId, m_results.value(result.row).historyId,
                                 m_unansweredHistory.take(result.row)});
    m_results.insert(result.row, stored);
    return append(QJsonDocument(QJsonObject{{QStringLiteral("row"), result.row},
                                            {QStringLiteral("id"), result.recordId},
                                            {QStringLiteral("outcome"), toString(result.outcome)},
                                            {QStringLiteral("status"), result.httpStatus},
                                            {QStringLiteral("message"), result.message},
                                            {QStringLiteral("key"), result.idempotencyKey}})
                      .toJson(QJsonDocument::Compact),
                  error);
}

bool BulkJobStore::recordHistory(int row, qint64 historyId, QString *error)
{
    if (historyId <= 0)
        return true;
    linkHistory(row, historyId);
    return append(QJsonDocument(QJsonObject{{QStringLiteral("row"), row}, {QStringLiteral("history"), historyId}})
                      .toJson(QJsonDocument::Compact),
                  error);
}

void BulkJobStore::linkHistory(int row, qint64 historyId)
{
    // A row without an outcome yet (a 429 being waited out) must not get a result entry: a
    // result means "answered", and an answered row is never sent again.
    auto it = m_results.find(row);
    if (it != m_results.end())
        it->historyId = historyId;
    else
        m_unansweredHistory.insert(row, historyId);
}

bool BulkJobStore::setStatus(const QString &status, QString *error)
{
    m_spec.status = status;
    return writeSpec(error);
}

bool BulkJobStore::writeSpec(QString *error) const
{
    return writeFileAtomically(m_folder + u'/' + kSpecFile,
                               QJsonDocument(specJson(m_spec)).toJson(QJsonDocument::Indented), error);
}

} // namespace crmdesk
