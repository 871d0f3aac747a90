// The bulk job against the sandbox over real loopback sockets: every row applied once and linked
// to its history entry, a 429 storm ridden out, pause and resume (also from a new process's
// point of view: a job rebuilt from its journal), a row that was in flight re-sent with its key
// and replayed, cancel, refusals carrying Truto's message, and the report as CSV.
#include "bulkfixtures.h"
#include "awaitresult.h"
#include "sandboxtestclient.h"
#include "api/trutoclient.h"
#include "bulk/bulkjob.h"
#include "bulk/bulkreport.h"
#include "bulk/columnmatch.h"
#include "bulk/csvreader.h"
#include "history/historyservice.h"
#include "policy/editpolicy.h"
#include "sandbox/sandboxserver.h"
#include "schema/schema.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace crmdesk;
using namespace Qt::StringLiterals;

class TestBulkJob : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<TrutoClient> m_client;
    std::unique_ptr<HistoryService> m_history;

    void startSandbox(int contacts)
    {
        QVERIFY(test::writeBulkSandboxData(m_dir->filePath(u"sandbox"_s), contacts));
        m_server = std::make_unique<SandboxServer>();
        m_server->setDataDirectory(m_dir->filePath(u"sandbox"_s));
        QVERIFY(m_server->listen());
        ConnectionConfig config;
        config.baseUrl = m_server->baseUrl();
        config.token = m_server->token();
        config.baseBackoffMs = 1;
        config.maxBackoffMs = 4;
        m_client->setConfig(config);
    }

    QList<BulkRow> rows(const QByteArray &csv) const
    {
        const ResourceSchema &schema = *Schema::bundled().resource(u"contacts"_s);
        const auto table = readCsv(csv);
        EditPolicyBuilder builder(schema);
        builder.setProvider(u"Pipedrive"_s);
        return BulkPlan::build(*table, matchColumns(table->header, schema), schema, builder.build()).rows;
    }

    BulkJobStore newStore(int rowCount) const
    {
        BulkJobSpec spec;
        spec.resource = u"contacts"_s;
        spec.accountId = test::kPipedriveAccount;
        spec.rowCount = rowCount;
        QString error;
        auto store = BulkJobStore::create(m_dir->filePath(u"jobs"_s), spec, &error);
        if (!store)
            qFatal("cannot create a job store: %s", qPrintable(error));
        return std::move(*store);
    }

    static bool runToEnd(BulkJob &job, BulkJob::State expected = BulkJob::State::Finished)
    {
        QSignalSpy finished(&job, &BulkJob::finished);
        if (job.state() != BulkJob::State::Running)
            job.start();
        if (finished.isEmpty() && !finished.wait(30000))
            return false;
        return finished.first().first().value<BulkJob::State>() == expected;
    }

    // PATCHes the sandbox applied to a record (x-sandbox-writes), read over HTTP.
    int writes(const QString &id) const
    {
        SandboxTestClient http(m_server->baseUrl(), m_server->token());
        const SandboxResponse response = http.get(
            "/unified/crm/contacts/" + id.toUtf8() + "?integrated_account_id=" + test::kPipedriveAccount.toUtf8());
        return response.status == 200 ? response.header("x-sandbox-writes").toInt() : -1;
    }

    QString firstName(int index) const
    {
        return m_server->unifiedRecord(test::kPipedriveAccount, u"contacts"_s, test::bulkContactId(index))
            .value(u"first_name"_s).toString();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_network = std::make_unique<QNetworkAccessManager>();
        m_client = std::make_unique<TrutoClient>(m_network.get());
        m_history = std::make_unique<HistoryService>(m_dir->filePath(u"history.sqlite"_s));
        QSignalSpy opened(m_history.get(), &HistoryService::opened);
        m_history->open(m_history.get(), [](bool, const QString &) {});
        QVERIFY(opened.wait());
    }

    void cleanup()
    {
        m_client.reset();
        m_server.reset();
        m_history.reset();
        m_network.reset();
        m_dir.reset();
    }

    // A 429 being waited out has a history entry but no answer yet: the row must still be sent.
    void shouldNotTakeARowWithOnlyAHistoryEntryForAnsweredOne()
    {
        BulkJobStore store = newStore(2);
        QVERIFY(store.markSending(1, u"k-1"_s));
        QVERIFY(store.recordHistory(1, 41)); // the 429 try
        QVERIFY(!store.results().contains(1));
        RowResult sent;
        sent.row = 1;
        sent.outcome = RowOutcome::Sent;
        sent.httpStatus = 200;
        QVERIFY(store.recordResult(sent));
        QCOMPARE(store.results().value(1).historyId, 41);
        // And the same read back from the journal by a resumed run.
        QVERIFY(store.recordHistory(2, 42));
        const QString folder = store.folder();
        std::optional<BulkJobStore> reopened = BulkJobStore::open(folder);
        QVERIFY(reopened);
        QVERIFY(reopened->results().contains(1));
        QVERIFY(!reopened->results().contains(2));
    }

    // A run killed mid-write leaves half a line; the next event must not be glued to it.
    void shouldKeepTheFirstEventAfterAHalfWrittenLine()
    {
        QString folder;
        {
            BulkJobStore store = newStore(2);
            QVERIFY(store.markSending(1, u"k-1"_s));
            folder = store.folder();
        }
        QFile journal(folder + u"/rows.jsonl"_s);
        QVERIFY(journal.exists());
        QVERIFY(journal.open(QIODevice::Append));
        journal.write("{\"row\":1,\"outc"); // cut short by a kill
        journal.close();
        {
            std::optional<BulkJobStore> resumed = BulkJobStore::open(folder);
            QVERIFY(resumed);
            RowResult sent;
            sent.row = 1;
            sent.outcome = RowOutcome::Sent;
            QVERIFY(resumed->recordResult(sent));
        }
        std::optional<BulkJobStore> again = BulkJobStore::open(folder);
        QVERIFY(again);
        QCOMPARE(int(again->results().value(1).outcome), int(RowOutcome::Sent));
    }

    void shouldApplyEveryRowOnceAndLinkItsHistoryEntry()
    {
        startSandbox(6);
        BulkJob job(m_client.get(), newStore(6), rows(test::bulkRenameCsv(6)));
        job.setHistory(m_history.get(), u"sandbox"_s, u"sandbox"_s);
        QSignalSpy progress(&job, &BulkJob::progress);
        QVERIFY(runToEnd(job));
        QCOMPARE(job.sentRows(), 6);
        QCOMPARE(progress.last().at(0).toInt(), 6);
        QList<qint64> historyIds;
        for (const RowResult &row : job.report()) {
            QCOMPARE(toString(row.outcome), toString(RowOutcome::Sent));
            QCOMPARE(row.httpStatus, 200);
            QVERIFY(row.historyId > 0);
            historyIds.append(row.historyId);
            QCOMPARE(writes(row.recordId), 1);
        }
        QCOMPARE(firstName(4), u"Renamed 4"_s);
        // The linked entry is the row's own request, with its stable key.
        QList<HistoryEntry> entries;
        bool fetched = false;
        m_history->fetch({historyIds.at(2)}, this, [&entries, &fetched](const QList<HistoryEntry> &found) {
            entries = found;
            fetched = true;
        });
        QTRY_VERIFY(fetched);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().target.recordId, test::bulkContactId(2));
        QCOMPARE(entries.first().idempotencyKey, BulkJobStore::idempotencyKey(job.store().spec().jobId, 3));
        QVERIFY(entries.first().requestBody.contains("Renamed 2"));
    }

    void shouldRideOutA429StormAndSendEveryRowOnce()
    {
        startSandbox(8);
        // The server allows 3 requests a second; the client's own throttle is opened wide and it
        // gives up on a 429 at once, so the storm reaches the job itself.
        m_server->setEnforceRateLimit(true);
        m_server->setRateLimit(3, 1);
        ConnectionConfig config = m_client->config();
        config.maxAttempts = 1;
        m_client->setConfig(config);
        m_client->rateLimiter().setLimits({1000, 1000, 10000});
        BulkJob job(m_client.get(), newStore(8), rows(test::bulkRenameCsv(8)));
        QVERIFY(runToEnd(job));
        QVERIFY2(job.rateLimitWaits() > 0, "the sandbox never answered 429");
        QCOMPARE(job.sentRows(), 8);
        m_server->setEnforceRateLimit(false); // the checks below are requests too
        for (int i = 0; i < 8; ++i) {
            QCOMPARE(firstName(i), u"Renamed %1"_s.arg(i));
            QCOMPARE(writes(test::bulkContactId(i)), 1);
        }
    }

    void shouldPauseAndResumeFromItsJournalWithoutSendingARowTwice()
    {
        startSandbox(8);
        const QList<BulkRow> plan = rows(test::bulkRenameCsv(8));
        QString folder;
        QString jobId;
        {
            auto job = std::make_unique<BulkJob>(m_client.get(), newStore(8), plan);
            folder = job->store().folder();
            jobId = job->store().spec().jobId;
            connect(job.get(), &BulkJob::rowAnswered, job.get(), [&job](const RowResult &row) {
                if (row.row == 3)
                    job->pause();
            });
            job->start();
            QTRY_COMPARE_WITH_TIMEOUT(job->state(), BulkJob::State::Paused, 15000);
            QCOMPARE(job->answeredRows(), 3);
        }
        // The answer to row 4 was lost: it reached the server, then the app died.
        {
            QString error;
            auto store = BulkJobStore::open(folder, &error);
            QVERIFY2(store, qPrintable(error));
            const QString key = BulkJobStore::idempotencyKey(jobId, 4);
            QVERIFY(store->markSending(4, key));
            ApiResult lost;
            QueryOptions options;
            options.integratedAccountId = test::kPipedriveAccount;
            QVERIFY(test::awaitResult(m_client->updateRecord({{u"contacts"_s, test::bulkContactId(3), test::kPipedriveAccount},
                                                              plan.at(3).body, options, key}),
                                      lost));
            QCOMPARE(lost.httpStatus, 200);
        }
        // A new run, as after a restart: the journal says what was answered.
        QString error;
        auto store = BulkJobStore::open(folder, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->results().size(), 3);
        QCOMPARE(store->inFlight(), QSet<int>{4});
        BulkJob resumed(m_client.get(), std::move(*store), plan);
        QVERIFY(runToEnd(resumed));
        QCOMPARE(resumed.sentRows(), 8);
        for (int i = 0; i < 8; ++i)
            QCOMPARE(writes(test::bulkContactId(i)), 1);
    }

    void shouldCancelAndSkipEveryRowNotSent()
    {
        startSandbox(6);
        BulkJob job(m_client.get(), newStore(6), rows(test::bulkRenameCsv(6)));
        connect(&job, &BulkJob::rowAnswered, &job, [&job](const RowResult &row) {
            if (row.row == 2)
                job.cancel();
        });
        QVERIFY(runToEnd(job, BulkJob::State::Cancelled));
        const QList<RowResult> report = job.report();
        QCOMPARE(toString(report.at(0).outcome), toString(RowOutcome::Sent));
        QCOMPARE(toString(report.at(1).outcome), toString(RowOutcome::Sent));
        for (qsizetype i = 2; i < report.size(); ++i) {
            QCOMPARE(toString(report.at(i).outcome), toString(RowOutcome::Skipped));
            QVERIFY(report.at(i).message.contains(u"Cancelled"_s));
            QCOMPARE(writes(report.at(i).recordId), 0);
        }
        QCOMPARE(job.store().spec().status, u"cancelled"_s);
        // A cancelled job is not offered for resuming.
        QVERIFY(!BulkJobStore::findUnfinished(m_dir->filePath(u"jobs"_s), {}, u"contacts"_s, test::kPipedriveAccount));
    }

    void shouldReportRefusalsWithTrutosMessageAndSkipInvalidRows()
    {
        startSandbox(2);
        const QByteArray csv = "id,first_name,email_addresses.email\n"
                               "900000,Fine,\n"
                               "no-such-record,Ghost,\n"
                               "900001,,not-an-email\n";
        BulkJob job(m_client.get(), newStore(3), rows(csv));
        QVERIFY(runToEnd(job));
        const QList<RowResult> report = job.report();
        QCOMPARE(toString(report.at(0).outcome), toString(RowOutcome::Sent));
        QCOMPARE(toString(report.at(1).outcome), toString(RowOutcome::Refused));
        QCOMPARE(report.at(1).httpStatus, 404);
        QVERIFY2(report.at(1).message.contains(u"no-such-record"_s), qPrintable(report.at(1).message));
        QCOMPARE(toString(report.at(2).outcome), toString(RowOutcome::Skipped));
        QVERIFY(report.at(2).message.contains(u"e-mail"_s));
        QCOMPARE(writes(test::bulkContactId(1)), 0);

        // The report as CSV reads back row for row.
        const QString path = m_dir->filePath(u"report.csv"_s);
        QVERIFY(writeReport(path, report, {{1, 2}, {2, 3}, {3, 4}}));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto table = readCsv(file.readAll());
        QVERIFY(table);
        QCOMPARE(table->header, (QStringList{u"row"_s, u"line"_s, u"id"_s, u"outcome"_s, u"http_status"_s,
                                             u"message"_s, u"history_id"_s, u"idempotency_key"_s}));
        QCOMPARE(table->rows.size(), 3);
        QCOMPARE(table->rows.at(1).mid(0, 5), (QStringList{u"2"_s, u"3"_s, u"no-such-record"_s, u"refused"_s, u"404"_s}));
        QCOMPARE(table->rows.at(1).at(5), report.at(1).message);
        QCOMPARE(table->rows.at(2).at(3), u"skipped"_s);
    }
};

QTEST_GUILESS_MAIN(TestBulkJob)
#include "tst_bulkjob.moc"
