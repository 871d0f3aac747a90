// Figures for the stores: what the UI thread feels of the history (an append, a search at
// 1,000 to 1,000,000 entries, the longest stall of its event loop meanwhile) and what a draft
// save costs. Never part of the test suite. Lines starting with "RESULT|" are collected by
// scripts/bench.sh into its summary table.
//
// Usage: bench_store [--sizes 1000,100000,1000000] [--data-dir DIR] [--runs N]
// The generated histories are kept in DIR (default: a temporary folder) and reused when their
// size is right, since filling a million entries takes a while.

#include "drafts/draftstore.h"
#include "history/historypanel.h"
#include "history/historyservice.h"
#include "history/historystore.h"
#include "secrets/redactor.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>

using namespace crmdesk;

namespace {

constexpr double kStallGoalMs = 5.0;
constexpr double kSearchGoalMs = 50.0;

void result(const QByteArray &figure, double value, const char *unit, const char *goal, bool pass)
{
    std::printf("RESULT|%s|%.2f %s|%s|%s\n", figure.constData(), value, unit, goal, pass ? "PASS" : "FAIL");
    std::fflush(stdout);
}

// Median of `runs` timings of `work`, in microseconds.
qint64 medianMicros(int runs, const std::function<void(int)> &work)
{
    QList<qint64> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work(i);
        times.append(timer.nsecsElapsed() / 1000);
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

// The UI thread's event loop as a person feels it: a 1 ms timer, and the longest gap between
// two of its ticks beyond that millisecond.
class StallProbe
{
public:
    StallProbe()
    {
        m_timer.setInterval(1);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_worstNs = std::max(m_worstNs, now - m_lastNs - 1'000'000);
            m_lastNs = now;
        });
    }
    void start()
    {
        m_worstNs = 0;
        m_clock.start();
        m_lastNs = 0;
        m_timer.start();
    }
    double stopMs()
    {
        m_timer.stop();
        return double(m_worstNs) / 1e6;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_worstNs = 0;
};

// Runs the event loop until `done` is true (the bench's own loop, not app code).
void spinUntil(const std::function<bool()> &done)
{
    while (!done())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
}

HistoryEntry sampleEntry(int n)
{
    HistoryEntry entry;
    entry.sentAt = QDateTime::currentDateTimeUtc();
    entry.profileId = QStringLiteral("bench");
    entry.method = "PATCH";
    const QString id = QStringLiteral("rec-%1").arg(n);
    entry.target = {QStringLiteral("contacts"), id, QStringLiteral("62f44730-dd91-461e-bd6a-aedd9e0ad79d")};
    entry.url = "https://api.truto.one/unified/crm/contacts/" + id.toLatin1()
                + "?integrated_account_id=62f44730-dd91-461e-bd6a-aedd9e0ad79d";
    entry.requestHeaders = {{"Authorization", "Bearer \xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2"},
                            {"Content-Type", "application/json"}};
    entry.requestBody = "{\"first_name\":\"Janet\",\"title\":\"Head of Ops " + QByteArray::number(n) + "\"}";
    entry.status = 200;
    entry.responseBody = "{\"id\":\"" + id.toLatin1()
                         + "\",\"first_name\":\"Janet\",\"last_name\":\"Moss\",\"email_addresses\":[{\"email\":"
                           "\"janet.moss@example.com\",\"is_primary\":true}],\"phone_numbers\":[{\"number\":"
                           "\"+44 20 7946 0958\",\"type\":\"work\"}],\"title\":\"Head of Ops "
                         + QByteArray::number(n) + "\",\"updated_at\":\"2026-12-06T10:00:00.000Z\"}";
    entry.responseSize = entry.responseBody.size();
    return entry;
}

// A history file with exactly `size` entries: the first thousand through the store, the rest
// copied in SQL with new record ids (the full-text triggers index them as the store would).
bool makeHistory(const QString &path, int size)
{
    {
        HistoryStore existing(path);
        if (QFile::exists(path) && existing.open() && existing.count() == size)
            return true;
    }
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    std::fprintf(stderr, "filling a history of %d entries…\n", size);
    {
        HistoryStore store(path);
        if (!store.open())
            return false;
        for (int n = 1; n <= std::min(size, 1000); ++n)
            store.append(sampleEntry(n));
    }
    const QString connection = QStringLiteral("bench-fill");
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        query.exec(QStringLiteral("PRAGMA synchronous = OFF"));
        for (int have = std::min(size, 1000); ok && have < size;) {
            const int chunk = std::min(size - have, 50'000);
            db.transaction();
            query.prepare(QStringLiteral(
                "INSERT INTO requests (sent_at, profile_id, environment, method, url, request_headers, "
                "request_body, status, duration_ms, response_headers, response_body, response_size, "
                "resource, record_id, account_id, idempotency_key) "
                "SELECT sent_at, profile_id, environment, method, "
                "replace(url, record_id, 'rec-' || (id + :base)), request_headers, "
                "request_body, "
                "status, duration_ms, response_headers, "
                "replace(CAST(response_body AS TEXT), record_id, 'rec-' || (id + :base)), response_size, "
                "resource, 'rec-' || (id + :base), account_id, idempotency_key "
                "FROM requests WHERE id <= :chunk ORDER BY id"));
            // Copies the first thousand rows (or fewer) under new ids until the chunk is filled.
            for (int copied = 0; ok && copied < chunk; copied += std::min(chunk - copied, 1000)) {
                query.bindValue(QStringLiteral(":base"), have + copied);
                query.bindValue(QStringLiteral(":chunk"), std::min(chunk - copied, 1000));
                ok = query.exec();
                if (!ok)
                    std::fprintf(stderr, "fill failed: %s\n", qPrintable(query.lastError().text()));
            }
            db.commit();
            have += chunk;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

struct SearchFigures
{
    double searchMs = 0;  // call to answer, as the UI thread sees it (worst of the texts)
    double stallMs = 0;   // the UI thread's longest stall meanwhile
    double appendMs = 0;  // what one append costs the UI thread
};

SearchFigures measureHistory(const QString &path, int size, int runs)
{
    SearchFigures figures;
    HistoryService service(path);
    bool opened = false;
    service.open(&service, [&](bool, const QString &) { opened = true; });
    spinUntil([&] { return opened; });

    StallProbe probe;
    probe.start();
    // A rare text (one record), a common one (every record), and the newest page unfiltered.
    const QStringList texts{QStringLiteral("rec-%1").arg(size / 2), QStringLiteral("janet"), QString()};
    for (int run = 0; run < runs; ++run) {
        for (const QString &text : texts) {
            QElapsedTimer timer;
            timer.start();
            bool answered = false;
            service.search(text, 0, HistoryPanel::kDefaultPageSize, &service, [&](const HistoryPage &) { answered = true; });
            spinUntil([&] { return answered; });
            const double ms = double(timer.nsecsElapsed()) / 1e6;
            if (run == runs - 1)
                std::fprintf(stderr, "  %d entries, search \"%s\": %.2f ms\n", size, qPrintable(text), ms);
            figures.searchMs = std::max(figures.searchMs, ms);
        }
    }
    // Appends as the window makes them after each call; the write itself is the worker's.
    QList<qint64> written;
    QObject::connect(&service, &HistoryService::entryAdded, &service, [&](qint64 id) { written.append(id); });
    for (int n = 0; n < 20; ++n) {
        QElapsedTimer timer;
        timer.start();
        service.append(sampleEntry(size + n + 1));
        figures.appendMs = std::max(figures.appendMs, double(timer.nsecsElapsed()) / 1e6);
    }
    spinUntil([&] { return written.size() == 20; });
    figures.stallMs = probe.stopMs();
    // The file keeps its size for the next run.
    bool removed = false;
    service.remove(written, &service, [&](int) { removed = true; });
    spinUntil([&] { return removed; });
    return figures;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("sizes"), QStringLiteral("History sizes."), QStringLiteral("list"),
                      QStringLiteral("1000,100000,1000000")});
    parser.addOption({QStringLiteral("data-dir"), QStringLiteral("Where generated histories are kept."),
                      QStringLiteral("dir")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Searches per text."), QStringLiteral("n"),
                      QStringLiteral("5")});
    parser.process(app);

    QTemporaryDir scratch;
    const QString dataDir = parser.isSet(QStringLiteral("data-dir")) ? parser.value(QStringLiteral("data-dir"))
                                                                     : scratch.path();
    QDir().mkpath(dataDir);
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());

    Redactor redactor;
    redactor.addSecret(QStringLiteral("tr_live_9f8e7d6c5b4a3f2e"));
    const QByteArray oneMegabyte(1024 * 1024, 'x');
    std::printf("redact 1 MiB body: %lld us (runs on the history worker)\n",
                medianMicros(15, [&](int) { (void)redactor.redact(oneMegabyte); }));

    std::printf("history: search (the panel's first page) and append, as the UI thread sees them\n");
    std::printf("%10s | %12s | %14s | %12s\n", "entries", "search ms", "UI stall ms", "append ms");
    for (const QString &item : parser.value(QStringLiteral("sizes")).split(u',')) {
        const int size = item.toInt();
        if (size <= 0)
            continue;
        const QString path = QDir(dataDir).filePath(QStringLiteral("history-%1.sqlite").arg(size));
        if (!makeHistory(path, size)) {
            std::fprintf(stderr, "could not make a history of %d entries\n", size);
            return 1;
        }
        const SearchFigures figures = measureHistory(path, size, runs);
        std::printf("%10d | %12.2f | %14.2f | %12.3f\n", size, figures.searchMs, figures.stallMs, figures.appendMs);
        const QByteArray label = QByteArray::number(size);
        result(QByteArray("history search, " + label + " entries"), figures.searchMs, "ms",
               size >= 1'000'000 ? "<= 50 ms" : "-", size < 1'000'000 || figures.searchMs <= kSearchGoalMs);
        result(QByteArray("history UI-thread stall, " + label + " entries"), figures.stallMs, "ms", "<= 5 ms",
               figures.stallMs <= kStallGoalMs);
    }

    DraftStore drafts(QDir(scratch.path()).filePath(QStringLiteral("drafts")));
    Draft draft;
    draft.key = {QStringLiteral("p"), QStringLiteral("acc"), QStringLiteral("contacts"), QStringLiteral("42")};
    draft.original = QJsonObject{{QStringLiteral("first_name"), QStringLiteral("Jane")},
                                 {QStringLiteral("notes"), QString(4000, u'x')}};
    std::printf("draft save (atomic, fsync): %lld us\n", medianMicros(50, [&](int i) {
                    draft.edits.insert(QStringLiteral("first_name"), QString::number(i));
                    drafts.save(draft);
                }));
    return 0;
}
