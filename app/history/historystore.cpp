#include "history/historystore.h"

#include "files/storefiles.h"

#include <QFile>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>
#include <QUuid>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace crmdesk {

namespace {

// Headers as a JSON array of [name, value] pairs; header bytes are Latin-1 by HTTP's rules.
QString headersToText(const HeaderList &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers)
        array.append(QJsonArray{QString::fromLatin1(name), QString::fromLatin1(value)});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

HeaderList headersFromText(const QString &text)
{
    HeaderList headers;
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue &pair : array) {
        const QJsonArray nameValue = pair.toArray();
        headers.append({nameValue.at(0).toString().toLatin1(), nameValue.at(1).toString().toLatin1()});
    }
    return headers;
}

// Redacts, then caps. A token straddling the cap would otherwise survive in part, so the
// redactor sees a little more than is kept.
QByteArray redactedPrefix(const Redactor &redactor, const QByteArray &body, qint64 cap,
                          bool *truncated)
{
    constexpr qint64 kSlack = 4096;
    QByteArray kept = redactor.redact(body.left(cap + kSlack));
    *truncated = body.size() > cap || kept.size() > cap;
    if (kept.size() > cap)
        kept.truncate(cap);
    return kept;
}

// LIKE pattern for "contains", with %, _ and the escape character taken literally.
QString containsPattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', QLatin1String("\\\\"));
    escaped.replace(u'%', QLatin1String("\\%"));
    escaped.replace(u'_', QLatin1String("\\_"));
    return u'%' + escaped + u'%';
}

const char *const kSummaryColumns =
    "id, sent_at, environment, method, url, status, duration_ms, resource, record_id, error";

const char *const kSearchCondition =
    "url LIKE :text ESCAPE '\\' OR url LIKE :encoded ESCAPE '\\' "
    "OR record_id LIKE :text ESCAPE '\\' "
    "OR CAST(request_body AS TEXT) LIKE :text ESCAPE '\\' "
    "OR CAST(response_body AS TEXT) LIKE :text ESCAPE '\\'";

// Text columns are NOT NULL; a null QString would be bound as SQL NULL.
QString nonNull(const QString &text)
{
    return text.isNull() ? QString(u""_s) : text;
}

void bindSearch(QSqlQuery &query, const QString &text)
{
    query.bindValue(QStringLiteral(":text"), containsPattern(text));
    query.bindValue(QStringLiteral(":encoded"),
                    containsPattern(QString::fromLatin1(QUrl::toPercentEncoding(text))));
}

// Trigrams need three characters; a shorter text is searched by scanning.
bool usesIndex(const QString &text)
{
    return text.size() >= 3;
}

QString phrase(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'"', QLatin1String("\"\""));
    return u'"' + quoted + u'"';
}

// The FTS5 query: the text anywhere, or its percent-encoded form in the URL.
QString matchExpression(const QString &text)
{
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(text));
    QString expression = phrase(text);
    if (encoded != text)
        expression += QStringLiteral(" OR url : ") + phrase(encoded);
    return expression;
}

HistorySummary summaryFrom(const QSqlQuery &query)
{
    HistorySummary summary;
    summary.id = query.value(0).toLongLong();
    summary.sentAt = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs);
    summary.environment = query.value(2).toString();
    summary.method = query.value(3).toString().toLatin1();
    summary.url = query.value(4).toString().toLatin1();
    summary.status = query.value(5).toInt();
    summary.durationMs = query.value(6).toLongLong();
    summary.resource = query.value(7).toString();
    summary.recordId = query.value(8).toString();
    summary.errorString = query.value(9).toString();
    return summary;
}

QList<HistorySummary> summaries(QSqlQuery &query)
{
    QList<HistorySummary> out;
    if (!query.exec())
        return out;
    while (query.next())
        out.append(summaryFrom(query));
    return out;
}

bool exec(QSqlDatabase &database, const QString &statement, QString *error)
{
    QSqlQuery query(database);
    if (query.exec(statement))
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

// In WAL mode the log still holds the pages as they were before a delete; copying them back
// and emptying the log makes the delete final on disk too. Failure leaves them until the next
// automatic checkpoint.
void forgetOldPages(QSqlDatabase db)
{
    exec(db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), nullptr);
}

// One step per schema version; never edit a step once released, add the next one.
bool migrationStep(QSqlDatabase &database, int toVersion, QString *error)
{
    switch (toVersion) {
    case 1:
        return exec(database, QStringLiteral(R"(
            CREATE TABLE requests (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                sent_at TEXT NOT NULL,
                profile_id TEXT NOT NULL DEFAULT '',
                environment TEXT NOT NULL DEFAULT '',
                method TEXT NOT NULL,
                url TEXT NOT NULL,
                request_headers TEXT NOT NULL DEFAULT '[]',
                request_body BLOB,
                request_truncated INTEGER NOT NULL DEFAULT 0,
                status INTEGER NOT NULL DEFAULT 0,
                duration_ms INTEGER NOT NULL DEFAULT 0,
                response_headers TEXT NOT NULL DEFAULT '[]',
                response_body BLOB,
                response_size INTEGER NOT NULL DEFAULT 0,
                response_truncated INTEGER NOT NULL DEFAULT 0,
                error TEXT NOT NULL DEFAULT '',
                resource TEXT NOT NULL DEFAULT '',
                record_id TEXT NOT NULL DEFAULT '',
                account_id TEXT NOT NULL DEFAULT '',
                idempotency_key TEXT NOT NULL DEFAULT ''
            ))"),
                    error)
               && exec(database,
                       QStringLiteral("CREATE INDEX requests_record ON requests(resource, record_id)"),
                       error);
    case 2:
        // A full-text index of what search looks at, kept by triggers. External content: the
        // text is not stored twice. Trigrams make MATCH a case-insensitive substring search.
        return exec(database, QStringLiteral(
                                  "CREATE VIRTUAL TABLE requests_text USING fts5("
                                  "url, record_id, request_body, response_body, "
                                  "content='requests', content_rowid='id', tokenize='trigram')"),
                    error)
               && exec(database, QStringLiteral(
                                     "CREATE TRIGGER requests_text_insert AFTER INSERT ON requests BEGIN "
                                     "INSERT INTO requests_text(rowid, url, record_id, request_body, response_body) "
                                     "VALUES (new.id, new.url, new.record_id, CAST(new.request_body AS TEXT), "
                                     "CAST(new.response_body AS TEXT)); END"),
                       error)
               && exec(database, QStringLiteral(
                                     "CREATE TRIGGER requests_text_delete AFTER DELETE ON requests BEGIN "
                                     "INSERT INTO requests_text(requests_text, rowid, url, record_id, request_body, "
                                     "response_body) VALUES ('delete', old.id, old.url, old.record_id, "
                                     "CAST(old.request_body AS TEXT), CAST(old.response_body AS TEXT)); END"),
                       error)
               && exec(database, QStringLiteral("INSERT INTO requests_text(requests_text) VALUES ('rebuild')"),
                       error);
    default:
        break;
    }
    if (error)
        *error = HistoryStore::tr("No migration to history schema version %1.").arg(toVersion);
    return false;
}

int userVersion(QSqlDatabase &database)
{
    QSqlQuery query(database);
    if (query.exec(QStringLiteral("PRAGMA user_version")) && query.next())
        return query.value(0).toInt();
    return -1;
}

} // namespace

HistoryEntry HistoryEntry::fromResult(const ApiResult &result)
{
    HistoryEntry entry;
    entry.sentAt = QDateTime::currentDateTimeUtc().addMSecs(-result.timings.totalMs);
    entry.method = result.request.method;
    entry.url = result.request.url.toEncoded();
    entry.requestHeaders = result.request.headers;
    entry.requestBody = result.request.body;
    entry.status = result.httpStatus;
    entry.durationMs = result.timings.totalMs;
    entry.responseHeaders = result.headers;
    entry.responseBody = result.body;
    entry.responseSize = qMax<qint64>(result.bodySize, result.body.size());
    entry.errorString = result.errorString;
    entry.idempotencyKey = result.request.idempotencyKey;
    entry.target = result.request.target;
    return entry;
}

QString HistoryStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/history.sqlite");
}

HistoryStore::HistoryStore(QString databasePath, QObject *parent)
    : QObject(parent),
      m_path(std::move(databasePath)),
      m_connectionName(QStringLiteral("crmdesk-history-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

HistoryStore::~HistoryStore()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase HistoryStore::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

bool HistoryStore::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && database().isOpen();
}

bool HistoryStore::open(QString *error)
{
    if (isOpen())
        return true;
    m_recoveryNote.clear();
    if (!ensurePrivateDirectory(QFileInfo(m_path).absolutePath(), error))
        return false;
    QString reason;
    OpenOutcome outcome = openFile(&reason);
    if (outcome == OpenOutcome::Damaged) {
        // A history that cannot be read must not cost the user their app, nor the file: it is
        // kept beside the new one for them to look at (contract of bad input, README).
        database().close();
        QString moveError;
        const std::optional<QString> movedTo = setAside(m_path, &moveError);
        if (!movedTo) {
            if (error)
                *error = reason + u' ' + moveError;
            return false;
        }
        for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
            if (QFileInfo::exists(m_path + suffix))
                QFile::rename(m_path + suffix, *movedTo + suffix);
        }
        m_recoveryNote = tr("The history could not be read (%1). It was moved to %2 and a new, empty "
                            "history was started.")
                             .arg(reason, QDir::toNativeSeparators(*movedTo));
        outcome = openFile(&reason);
    }
    if (outcome != OpenOutcome::Opened) {
        if (error)
            *error = reason;
        return false;
    }
    QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
    return true;
}

HistoryStore::OpenOutcome HistoryStore::openFile(QString *error)
{
    QSqlDatabase db = QSqlDatabase::contains(m_connectionName)
                          ? database()
                          : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(m_path);
    if (!db.open()) {
        if (error)
            *error = tr("Cannot open the history %1: %2").arg(m_path, db.lastError().text());
        return OpenOutcome::Failed;
    }
    // Deleted rows are overwritten with zeros, so removed history does not linger in the file.
    if (!exec(db, QStringLiteral("PRAGMA secure_delete = ON"), error)) {
        db.close();
        return OpenOutcome::Failed;
    }
    const int version = userVersion(db);
    if (version < 0) {
        if (error)
            *error = tr("the file is not a database CRM Desk can read");
        return OpenOutcome::Damaged; // still open: the caller closes it before moving the file
    }
    // WAL (a reader never waits for a writer) changes the file header, so it is switched on
    // only once the file is known to be ours: a newer version's file stays untouched.
    if (!migrate(db, version, error) || !exec(db, QStringLiteral("PRAGMA journal_mode = WAL"), error)) {
        db.close();
        return OpenOutcome::Failed;
    }
    // Reads through a memory map: a search touches pages of a large index without a read()
    // and a copy for each. Failure only costs speed.
    exec(db, QStringLiteral("PRAGMA mmap_size = 1073741824"), nullptr);
    return OpenOutcome::Opened;
}

bool HistoryStore::migrate(QSqlDatabase &database, int fromVersion, QString *error)
{
    if (fromVersion > kSchemaVersion) {
        if (error)
            *error = tr("The history was written by a newer CRM Desk (schema %1, this version "
                        "reads up to %2); it is left untouched.")
                         .arg(fromVersion)
                         .arg(kSchemaVersion);
        return false;
    }
    if (fromVersion == kSchemaVersion)
        return true;
    if (!database.transaction()) {
        if (error)
            *error = database.lastError().text();
        return false;
    }
    for (int version = fromVersion + 1; version <= kSchemaVersion; ++version) {
        if (!migrationStep(database, version, error)) {
            database.rollback();
            return false;
        }
    }
    // PRAGMA takes no bound parameters; the value is our own constant.
    if (!exec(database, QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion), error)) {
        database.rollback();
        return false;
    }
    if (!database.commit()) {
        if (error)
            *error = database.lastError().text();
        database.rollback();
        return false;
    }
    return true;
}

std::optional<qint64> HistoryStore::append(const HistoryEntry &entry, QString *error)
{
    if (!isOpen()) {
        if (error)
            *error = tr("The history is not open.");
        return std::nullopt;
    }
    bool requestTruncated = false;
    bool responseTruncated = false;
    const QByteArray requestBody =
        redactedPrefix(m_redactor, entry.requestBody, m_bodyCap, &requestTruncated);
    const QByteArray responseBody =
        redactedPrefix(m_redactor, entry.responseBody, m_bodyCap, &responseTruncated);

    QSqlQuery query(database());
    query.prepare(QStringLiteral(
        "INSERT INTO requests (sent_at, profile_id, environment, method, url, request_headers, "
        "request_body, request_truncated, status, duration_ms, response_headers, response_body, "
        "response_size, response_truncated, error, resource, record_id, account_id, "
        "idempotency_key) VALUES (:sent_at, :profile_id, :environment, :method, :url, "
        ":request_headers, :request_body, :request_truncated, :status, :duration_ms, "
        ":response_headers, :response_body, :response_size, :response_truncated, :error, "
        ":resource, :record_id, :account_id, :idempotency_key)"));
    const QDateTime sentAt = entry.sentAt.isValid() ? entry.sentAt : QDateTime::currentDateTimeUtc();
    query.bindValue(QStringLiteral(":sent_at"), sentAt.toUTC().toString(Qt::ISODateWithMs));
    query.bindValue(QStringLiteral(":profile_id"), nonNull(entry.profileId));
    query.bindValue(QStringLiteral(":environment"), nonNull(entry.environment));
    query.bindValue(QStringLiteral(":method"), nonNull(QString::fromLatin1(entry.method)));
    query.bindValue(QStringLiteral(":url"),
                    nonNull(QString::fromLatin1(m_redactor.redactEncodedUrl(entry.url))));
    query.bindValue(QStringLiteral(":request_headers"),
                    headersToText(m_redactor.redact(entry.requestHeaders)));
    query.bindValue(QStringLiteral(":request_body"), requestBody);
    query.bindValue(QStringLiteral(":request_truncated"), requestTruncated || entry.requestTruncated);
    query.bindValue(QStringLiteral(":status"), entry.status);
    query.bindValue(QStringLiteral(":duration_ms"), entry.durationMs);
    query.bindValue(QStringLiteral(":response_headers"),
                    headersToText(m_redactor.redact(entry.responseHeaders)));
    query.bindValue(QStringLiteral(":response_body"), responseBody);
    query.bindValue(QStringLiteral(":response_size"),
                    qMax<qint64>(entry.responseSize, entry.responseBody.size()));
    query.bindValue(QStringLiteral(":response_truncated"),
                    responseTruncated || entry.responseTruncated);
    query.bindValue(QStringLiteral(":error"), nonNull(m_redactor.redact(entry.errorString)));
    query.bindValue(QStringLiteral(":resource"), nonNull(entry.target.resource));
    query.bindValue(QStringLiteral(":record_id"), nonNull(m_redactor.redact(entry.target.recordId)));
    query.bindValue(QStringLiteral(":account_id"), nonNull(entry.target.accountId));
    query.bindValue(QStringLiteral(":idempotency_key"), nonNull(entry.idempotencyKey));
    if (!query.exec()) {
        if (error)
            *error = tr("Cannot add to the history: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    const qint64 id = query.lastInsertId().toLongLong();
    emit entryAdded(id);
    return id;
}

QList<HistorySummary> HistoryStore::browse(int offset, int limit) const
{
    if (!isOpen())
        return {};
    QSqlQuery query(database());
    query.prepare(QStringLiteral("SELECT %1 FROM requests ORDER BY id DESC LIMIT :limit OFFSET :offset")
                      .arg(QLatin1String(kSummaryColumns)));
    query.bindValue(QStringLiteral(":limit"), qBound(0, limit, kMaxPageSize));
    query.bindValue(QStringLiteral(":offset"), qMax(0, offset));
    return summaries(query);
}

int HistoryStore::count() const
{
    if (!isOpen())
        return 0;
    QSqlQuery query(database());
    if (query.exec(QStringLiteral("SELECT COUNT(*) FROM requests")) && query.next())
        return query.value(0).toInt();
    return 0;
}

QList<HistorySummary> HistoryStore::search(const QString &text, int offset, int limit) const
{
    if (text.isEmpty())
        return browse(offset, limit);
    if (!isOpen())
        return {};
    QSqlQuery query(database());
    if (usesIndex(text)) {
        // FTS5 returns rowids in order, so newest-first paging reads only the page.
        query.prepare(QStringLiteral("SELECT %1 FROM requests WHERE id IN (SELECT rowid FROM requests_text "
                                     "WHERE requests_text MATCH :match ORDER BY rowid DESC "
                                     "LIMIT :limit OFFSET :offset) ORDER BY id DESC")
                          .arg(QLatin1String(kSummaryColumns)));
        query.bindValue(QStringLiteral(":match"), matchExpression(text));
    } else {
        query.prepare(QStringLiteral("SELECT %1 FROM requests WHERE %2 ORDER BY id DESC "
                                     "LIMIT :limit OFFSET :offset")
                          .arg(QLatin1String(kSummaryColumns), QLatin1String(kSearchCondition)));
        bindSearch(query, text);
    }
    query.bindValue(QStringLiteral(":limit"), qBound(0, limit, kMaxPageSize));
    query.bindValue(QStringLiteral(":offset"), qMax(0, offset));
    return summaries(query);
}

int HistoryStore::countMatching(const QString &text, bool *capped) const
{
    if (capped)
        *capped = false;
    if (!isOpen())
        return 0;
    QSqlQuery query(database());
    if (text.isEmpty()) {
        // Counting a million rows reads the whole table (40 ms); the cap keeps every count short.
        query.prepare(QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM requests LIMIT :cap)"));
    } else if (usesIndex(text)) {
        query.prepare(QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM requests_text WHERE requests_text "
                                     "MATCH :match LIMIT :cap)"));
        query.bindValue(QStringLiteral(":match"), matchExpression(text));
    } else {
        query.prepare(QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM requests WHERE %1 LIMIT :cap)")
                          .arg(QLatin1String(kSearchCondition)));
        bindSearch(query, text);
    }
    query.bindValue(QStringLiteral(":cap"), kCountCap + 1);
    if (!query.exec() || !query.next())
        return 0;
    const int found = query.value(0).toInt();
    if (capped)
        *capped = found > kCountCap;
    return qMin(found, kCountCap);
}

std::optional<HistoryEntry> HistoryStore::fetch(qint64 id) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery query(database());
    query.prepare(QStringLiteral(
        "SELECT id, sent_at, profile_id, environment, method, url, request_headers, request_body, "
        "request_truncated, status, duration_ms, response_headers, response_body, response_size, "
        "response_truncated, error, resource, record_id, account_id, idempotency_key "
        "FROM requests WHERE id = :id"));
    query.bindValue(QStringLiteral(":id"), id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    HistoryEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.sentAt = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs);
    entry.profileId = query.value(2).toString();
    entry.environment = query.value(3).toString();
    entry.method = query.value(4).toString().toLatin1();
    entry.url = query.value(5).toString().toLatin1();
    entry.requestHeaders = headersFromText(query.value(6).toString());
    entry.requestBody = query.value(7).toByteArray();
    entry.requestTruncated = query.value(8).toBool();
    entry.status = query.value(9).toInt();
    entry.durationMs = query.value(10).toLongLong();
    entry.responseHeaders = headersFromText(query.value(11).toString());
    entry.responseBody = query.value(12).toByteArray();
    entry.responseSize = query.value(13).toLongLong();
    entry.responseTruncated = query.value(14).toBool();
    entry.errorString = query.value(15).toString();
    entry.target.resource = query.value(16).toString();
    entry.target.recordId = query.value(17).toString();
    entry.target.accountId = query.value(18).toString();
    entry.idempotencyKey = query.value(19).toString();
    return entry;
}

bool HistoryStore::remove(qint64 id)
{
    if (!isOpen())
        return false;
    QSqlQuery query(database());
    query.prepare(QStringLiteral("DELETE FROM requests WHERE id = :id"));
    query.bindValue(QStringLiteral(":id"), id);
    if (!query.exec() || query.numRowsAffected() == 0)
        return false;
    forgetOldPages(database());
    emit entriesRemoved();
    return true;
}

bool HistoryStore::clear()
{
    if (!isOpen())
        return false;
    QSqlDatabase db = database();
    if (!exec(db, QStringLiteral("DELETE FROM requests"), nullptr))
        return false;
    // Drops every trigram of the old text too, not only the rows.
    exec(db, QStringLiteral("INSERT INTO requests_text(requests_text) VALUES ('delete-all')"), nullptr);
    // Gives the freed pages back to the file system; failure only costs disk space.
    exec(db, QStringLiteral("VACUUM"), nullptr);
    forgetOldPages(db);
    emit entriesRemoved();
    return true;
}

} // namespace crmdesk
