#include "history/historystore.h"
#include "historyfixtures.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

namespace {

const QString kToken = QStringLiteral("tr_live_9f8e7d6c5b4a3f2e");

HistoryEntry patchEntry(const QString &recordId, const QByteArray &body)
{
    // Plain literals: moc misreads raw strings with unbalanced braces.
    HistoryEntry entry = test::historyEntry(
        "PATCH", test::contactTarget(recordId), 200, body,
        "{\"id\":\"" + recordId.toUtf8() + "\",\"first_name\":\"Janet\"}");
    entry.sentAt = entry.sentAt.addMSecs(125); // milliseconds survive the round trip
    entry.requestHeaders[0].second = "Bearer \xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2";
    entry.responseHeaders.append({QByteArray("ratelimit-remaining"), QByteArray("49")});
    return entry;
}

// Everything SQLite may have written for this database, as raw bytes.
QByteArray rawFiles(const QString &databasePath)
{
    QByteArray all;
    for (const QString &suffix : {QString(), QStringLiteral("-journal"), QStringLiteral("-wal")}) {
        QFile file(databasePath + suffix);
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

QStringList recordIds(const QList<HistorySummary> &rows)
{
    QStringList ids;
    for (const HistorySummary &row : rows)
        ids.append(row.recordId);
    return ids;
}

} // namespace

class TestHistoryStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name = QStringLiteral("history.sqlite")) const
    {
        return m_dir.filePath(name);
    }

private slots:
    void init() { QVERIFY(m_dir.isValid()); }
    void cleanup()
    {
        for (const QString &name : QDir(m_dir.path()).entryList(QDir::Files))
            QFile::remove(m_dir.filePath(name));
    }

    void shouldKeepTheWholeRequestAndResponse()
    {
        HistoryStore store(path());
        QVERIFY(store.open());
        const HistoryEntry entry = patchEntry(QStringLiteral("42"), R"({"first_name":"Janet"})");
        QSignalSpy added(&store, &HistoryStore::entryAdded);
        QString error;
        const std::optional<qint64> id = store.append(entry, &error);
        QVERIFY2(id.has_value(), qPrintable(error));
        QCOMPARE(added.size(), 1);

        const std::optional<HistoryEntry> fetched = store.fetch(*id);
        QVERIFY(fetched.has_value());
        QCOMPARE(fetched->sentAt, entry.sentAt);
        QCOMPARE(fetched->environment, QStringLiteral("production"));
        QCOMPARE(fetched->method, QByteArray("PATCH"));
        QCOMPARE(fetched->url, entry.url);
        QCOMPARE(fetched->requestHeaders, entry.requestHeaders);
        QCOMPARE(fetched->requestBody, entry.requestBody);
        QCOMPARE(fetched->status, 200);
        QCOMPARE(fetched->durationMs, qint64(412));
        QCOMPARE(fetched->responseHeaders, entry.responseHeaders);
        QCOMPARE(fetched->responseBody, entry.responseBody);
        QCOMPARE(fetched->responseTruncated, false);
        QCOMPARE(fetched->target.recordId, QStringLiteral("42"));
        QCOMPARE(fetched->target, entry.target);
        QCOMPARE(fetched->idempotencyKey, entry.idempotencyKey);
    }

    void shouldBrowseNewestFirstPageByPage()
    {
        HistoryStore store(path());
        QVERIFY(store.open());
        for (int i = 1; i <= 5; ++i)
            store.append(patchEntry(QString::number(i), "{}"));
        QCOMPARE(store.count(), 5);
        QCOMPARE(recordIds(store.browse(0, 2)), (QStringList{u"5"_s, u"4"_s}));
        QCOMPARE(recordIds(store.browse(2, 2)), (QStringList{u"3"_s, u"2"_s}));
        QCOMPARE(recordIds(store.browse(4, 2)), QStringList{u"1"_s});
    }

    void shouldFindEntriesByUrlRecordIdOrBodyText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("record id") << u"cust-77"_s << QStringList{u"cust-77"_s};
        QTest::newRow("id with reserved characters") << u"imported@frontapp.com_t:50603"_s
                                                     << QStringList{u"alt:ref:imported@frontapp.com_t:50603"_s};
        QTest::newRow("request body") << u"O'Brien"_s << QStringList{u"lead-9"_s};
        QTest::newRow("response body, any case") << u"JANET"_s << QStringList{u"cust-77"_s};
        QTest::newRow("url") << u"truto_ignore_remote_data=true"_s << QStringList{u"lead-9"_s};
        QTest::newRow("url as typed, unencoded") << u"remote_query[a b]"_s << QStringList{u"lead-9"_s};
        QTest::newRow("wildcards are literal") << u"100%"_s << QStringList();
        QTest::newRow("nothing") << u"no such thing"_s << QStringList();
        QTest::newRow("two characters, scanned") << u"77"_s << QStringList{u"cust-77"_s};
        QTest::newRow("accented, any case") << u"ÉLODIE"_s << QStringList{u"alt:ref:imported@frontapp.com_t:50603"_s};
        QTest::newRow("quotes are literal") << u"\"ok\":true"_s << QStringList{u"alt:ref:imported@frontapp.com_t:50603"_s};
    }

    void shouldFindEntriesByUrlRecordIdOrBodyText()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        HistoryStore store(path());
        QVERIFY(store.open());
        HistoryEntry awkward = patchEntry(u"alt:ref:imported@frontapp.com_t:50603"_s, "{}");
        awkward.responseBody = "{\"ok\":true,\"first_name\":\"\xc3\xa9lodie\"}"; // élodie
        HistoryEntry customer = patchEntry(u"cust-77"_s, R"({"title":"10 percent"})");
        customer.responseBody = R"({"first_name":"Janet"})";
        HistoryEntry lead = patchEntry(u"lead-9"_s, "{\"last_name\":\"O'Brien\"}");
        lead.url += "&truto_ignore_remote_data=true&remote_query%5Ba%20b%5D=c";
        lead.responseBody = R"({"status":"done"})";
        store.append(awkward);
        store.append(customer);
        store.append(lead);
        QCOMPARE(recordIds(store.search(text, 0, 50)), expected);
        QCOMPARE(store.countMatching(text), int(expected.size()));
    }

    void shouldNeverWriteATokenToTheDatabaseFile()
    {
        HistoryStore store(path());
        Redactor redactor;
        redactor.addSecret(kToken);
        store.setRedactor(redactor);
        QVERIFY(store.open());

        // A caller that forgot to redact: the token in a header, the URL, bodies and the error.
        HistoryEntry entry = patchEntry(QStringLiteral("marker-record-31337"), {});
        entry.url = "https://api.truto.one/unified/crm/contacts/1?api_key=" + kToken.toLatin1()
                    + "&integrated_account_id=abc";
        entry.requestHeaders = {{"Authorization", "Bearer " + kToken.toLatin1()},
                                {"X-Debug", "token=" + kToken.toLatin1()}};
        entry.requestBody = "{\"note\":\"pasted " + kToken.toLatin1() + " by mistake\"}";
        entry.responseBody = R"({"context":{"access_token":"ya29.provider-oauth-secret"}})";
        entry.errorString = u"Server rejected Bearer " + kToken;
        const std::optional<qint64> id = store.append(entry);
        QVERIFY(id.has_value());

        const QByteArray onDisk = rawFiles(path());
        QVERIFY(onDisk.contains("marker-record-31337")); // the check reads real rows
        QVERIFY(!onDisk.contains(kToken.toLatin1()));
        QVERIFY(!onDisk.contains("ya29.provider-oauth-secret"));
        // What comes back shows where the token was.
        const HistoryEntry fetched = *store.fetch(*id);
        QCOMPARE(fetched.requestHeaders.at(0).second, "Bearer " + Redactor::mask().toUtf8());
        QVERIFY(fetched.requestBody.contains(Redactor::mask().toUtf8()));
    }

    void shouldCapLargeBodiesAndSayTheyWereCut()
    {
        HistoryStore store(path());
        store.setBodyCap(1024);
        QVERIFY(store.open());
        HistoryEntry entry = patchEntry(QStringLiteral("big"), "{}");
        entry.responseBody = QByteArray(5000, 'x');
        entry.responseSize = 5000;
        const HistoryEntry fetched = *store.fetch(*store.append(entry));
        QCOMPARE(fetched.responseBody.size(), 1024);
        QVERIFY(fetched.responseTruncated);
        QCOMPARE(fetched.responseSize, qint64(5000));
        QVERIFY(!fetched.requestTruncated);
    }

    void shouldNotLeaveATokenCutInHalfAtTheCap()
    {
        HistoryStore store(path());
        Redactor redactor;
        redactor.addSecret(kToken);
        store.setRedactor(redactor);
        store.setBodyCap(100);
        QVERIFY(store.open());
        HistoryEntry entry = patchEntry(QStringLiteral("edge"), "{}");
        entry.responseBody = QByteArray(90, 'a') + kToken.toLatin1() + QByteArray(50, 'b');
        store.append(entry);
        QVERIFY(!rawFiles(path()).contains(kToken.left(10).toLatin1()));
    }

    void shouldDeleteEntriesForGood()
    {
        HistoryStore store(path());
        QVERIFY(store.open());
        const qint64 keep = *store.append(patchEntry(QStringLiteral("keep-me"), "{}"));
        const qint64 drop =
            *store.append(patchEntry(QStringLiteral("drop-me"), R"({"secret_note":"zebra-unicorn-7"})"));
        QVERIFY(store.remove(drop));
        QVERIFY(!store.fetch(drop).has_value());
        QVERIFY(store.fetch(keep).has_value());
        QVERIFY(!rawFiles(path()).contains("zebra-unicorn-7"));

        QSignalSpy removed(&store, &HistoryStore::entriesRemoved);
        QVERIFY(store.clear());
        QCOMPARE(store.count(), 0);
        QCOMPARE(removed.size(), 1);
        QVERIFY(!rawFiles(path()).contains("keep-me"));
    }

    void shouldCreateTheCurrentSchemaInANewFile()
    {
        {
            HistoryStore store(path());
            QVERIFY(store.open());
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        {
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
            QCOMPARE(query.value(0).toInt(), HistoryStore::kSchemaVersion);
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }

    void shouldKeepEntriesAcrossRestarts()
    {
        {
            HistoryStore store(path());
            QVERIFY(store.open());
            store.append(patchEntry(QStringLiteral("42"), "{}"));
        }
        HistoryStore reopened(path());
        QVERIFY(reopened.open());
        QCOMPARE(recordIds(reopened.browse(0, 10)), QStringList{u"42"_s});
    }

    void shouldSayMoreThanOnceTheCountPassesTheCap()
    {
        {
            HistoryStore store(path());
            QVERIFY(store.open());
        }
        { // Ten thousand and five calls, written in one go.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bulk"));
            db.setDatabaseName(path());
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10005) "
                "INSERT INTO requests (sent_at, method, url, record_id, request_body, response_body) "
                "SELECT '2026-04-01T09:30:00.000Z', 'PATCH', 'https://api.truto.one/x', 'bulk-' || i, '{}', "
                "'{\"first_name\":\"Janet\"}' FROM n")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bulk"));

        HistoryStore store(path());
        QVERIFY(store.open());
        QCOMPARE(store.count(), 10005);
        bool capped = false;
        QCOMPARE(store.countMatching({}, &capped), HistoryStore::kCountCap);
        QVERIFY(capped);
        QCOMPARE(store.countMatching(u"janet"_s, &capped), HistoryStore::kCountCap);
        QVERIFY(capped);
        QCOMPARE(store.countMatching(u"bulk-77"_s, &capped), 111); // 77, 770-779, 7700-7799
        QVERIFY(!capped);
        QCOMPARE(recordIds(store.search(u"janet"_s, 0, 2)), (QStringList{u"bulk-10005"_s, u"bulk-10004"_s}));
    }

    void shouldMakeAHistoryFromTheFirstVersionSearchable()
    {
        {
            HistoryStore store(path());
            QVERIFY(store.open());
            store.append(patchEntry(u"written-by-1.0"_s, R"({"first_name":"Grace"})"));
        }
        { // Back to the first schema: the table and its index, no full-text index.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(path());
            QVERIFY(db.open());
            for (const char *statement : {"DROP TRIGGER requests_text_insert", "DROP TRIGGER requests_text_delete",
                                          "DROP TABLE requests_text", "PRAGMA user_version = 1"})
                QVERIFY(QSqlQuery(db).exec(QString::fromLatin1(statement)));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));

        HistoryStore store(path());
        QVERIFY(store.open());
        QCOMPARE(recordIds(store.search(u"grace"_s, 0, 10)), QStringList{u"written-by-1.0"_s});
        store.append(patchEntry(u"written-by-1.1"_s, R"({"first_name":"Grace"})"));
        QCOMPARE(recordIds(store.search(u"grace"_s, 0, 10)), (QStringList{u"written-by-1.1"_s, u"written-by-1.0"_s}));
    }

    void shouldLeaveAHistoryFromANewerVersionUntouched()
    {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
            db.setDatabaseName(path());
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("CREATE TABLE requests (id INTEGER PRIMARY KEY, v2 TEXT)"));
            QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 99"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("future"));
        const QByteArray before = rawFiles(path());

        HistoryStore store(path());
        QString error;
        QVERIFY(!store.open(&error));
        QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
        QCOMPARE(rawFiles(path()), before);
    }

    void shouldSetADamagedFileAsideAndStartANewHistory()
    {
        const QByteArray damaged = QByteArray("SQLite format 3") + QByteArray(4081, 'z');
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(damaged);
        file.close();

        HistoryStore store(path());
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        // Said in words, with where the old file went; the old bytes are all still there.
        const QStringList setAside = QDir(m_dir.path()).entryList({u"history.sqlite.damaged-*"_s}, QDir::Files);
        QCOMPARE(setAside.size(), 1);
        QVERIFY2(store.recoveryNote().contains(setAside.first()), qPrintable(store.recoveryNote()));
        QVERIFY(store.recoveryNote().contains(u"could not be read"_s));
        QFile kept(m_dir.filePath(setAside.first()));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), damaged);
        // The new history works.
        QVERIFY(store.append(patchEntry(u"after"_s, "{}")).has_value());
        QCOMPARE(store.count(), 1);
    }

    void shouldNotSetAsideAReadableHistory()
    {
        {
            HistoryStore store(path());
            QVERIFY(store.open());
        }
        HistoryStore store(path());
        QVERIFY(store.open());
        QVERIFY(store.recoveryNote().isEmpty());
        QCOMPARE(QDir(m_dir.path()).entryList({u"*.damaged-*"_s}, QDir::Files).size(), 0);
    }

    void shouldRunTwoHistoriesSideBySide()
    {
        HistoryStore first(path(QStringLiteral("a.sqlite")));
        HistoryStore second(path(QStringLiteral("b.sqlite")));
        QVERIFY(first.open());
        QVERIFY(second.open());
        first.append(patchEntry(QStringLiteral("only-in-a"), "{}"));
        QCOMPARE(first.count(), 1);
        QCOMPARE(second.count(), 0);
    }

    void shouldTakeRequestAndResponseFromAnApiResult()
    {
        ApiResult result;
        result.request.method = "PATCH";
        result.request.url = QUrl::fromEncoded("https://api.truto.one/unified/crm/notes/7?integrated_account_id=a");
        result.request.headers = {{"Content-Type", "application/json"}};
        result.request.body = R"({"content":"hi"})";
        result.request.idempotencyKey = QStringLiteral("key-1");
        result.httpStatus = 422;
        result.headers = {{"content-type", "application/json"}};
        result.body = R"({"statusCode":422})";
        result.bodySize = result.body.size();
        result.timings.totalMs = 250;
        result.errorKind = ErrorKind::Http;
        result.errorString = QStringLiteral("Server replied \"422\"");

        const HistoryEntry entry = HistoryEntry::fromResult(result);
        QCOMPARE(entry.method, QByteArray("PATCH"));
        QCOMPARE(entry.url, result.request.url.toEncoded());
        QCOMPARE(entry.requestBody, result.request.body);
        QCOMPARE(entry.status, 422);
        QCOMPARE(entry.durationMs, qint64(250));
        QCOMPARE(entry.responseBody, result.body);
        QCOMPARE(entry.errorString, result.errorString);
        QCOMPARE(entry.idempotencyKey, QStringLiteral("key-1"));
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
