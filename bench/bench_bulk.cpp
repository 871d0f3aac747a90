// Bulk edit from CSV: (1) the dry run of 10,000 rows (read the CSV, match the columns, build and
// validate every row with the form's policy) against the goal of 1 s, beside a reference measured
// in the same run: QJsonDocument parsing the same rows written as JSON; (2) the sending rate
// against the sandbox's rate limit, which the client's limiter is set to as well: once the first
// window's burst is spent, rows go out at the limit and no faster. Never part of the test suite.
// Lines starting with "RESULT|" are collected by scripts/bench.sh into its summary table.
//
//   bench_bulk [--runs N] [--rows N] [--limit N --window S] [--send-rows N]
//   (--limit 50 --window 10 is Truto's own per-account limit, contract §8.3: a run of minutes)
#include "api/trutoclient.h"
#include "bulk/bulkjob.h"
#include "bulk/bulkplan.h"
#include "bulk/columnmatch.h"
#include "bulk/csvreader.h"
#include "policy/editpolicy.h"
#include "sandbox/sandboxserver.h"
#include "schema/schema.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace crmdesk;

namespace {
const QString kAccount = QStringLiteral("162fb982-e334-40ec-a60e-d9b9136c6d46"); // Pipedrive
constexpr int kWindowMarginMs = 100;

int intArgument(const QStringList &arguments, const QString &name, int fallback)
{
    const qsizetype at = arguments.indexOf(name);
    return at >= 0 && at + 1 < arguments.size() ? arguments.at(at + 1).toInt() : fallback;
}

void result(const QString &figure, const QString &value, const QString &goal, bool pass)
{
    std::printf("RESULT|%s|%s|%s|%s\n", qPrintable(figure), qPrintable(value), qPrintable(goal),
                pass ? "PASS" : "FAIL");
}

// 10,000 contacts as an ops export looks: id, names, a nested e-mail and phone, one bad row in 50.
QByteArray dryRunCsv(int rows)
{
    QByteArray out = "id,first_name,last_name,email_addresses.email,email_addresses.type,phone_numbers.number,title\n";
    for (int i = 0; i < rows; ++i) {
        out += QByteArray::number(100000 + i) + ",Ada" + QByteArray::number(i) + ",\"King, Countess\","
               + (i % 50 == 0 ? QByteArray("not-an-email") : "ada" + QByteArray::number(i) + "@example.com")
               + ",work,+44 20 7946 " + QByteArray::number(i % 10000) + ",Analyst\n";
    }
    return out;
}

QByteArray sameRowsAsJson(const QByteArray &csv)
{
    const auto table = readCsv(csv);
    QJsonArray rows;
    for (const QStringList &cells : table->rows) {
        QJsonObject row;
        for (qsizetype c = 0; c < cells.size(); ++c)
            row.insert(table->header.at(c), cells.at(c));
        rows.append(row);
    }
    return QJsonDocument(rows).toJson(QJsonDocument::Compact);
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

void benchDryRun(int runs, int rows)
{
    const QByteArray csv = dryRunCsv(rows);
    const QByteArray json = sameRowsAsJson(csv);
    const ResourceSchema &schema = *Schema::bundled().resource(QStringLiteral("contacts"));
    EditPolicyBuilder builder(schema);
    builder.setProvider(QStringLiteral("HubSpot"));
    const EditPolicy policy = builder.build();
    QList<double> dryRun;
    QList<double> reference;
    int problems = 0;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const auto table = readCsv(csv);
        const BulkPlan plan = BulkPlan::build(*table, matchColumns(table->header, schema), schema, policy);
        dryRun.append(double(timer.nsecsElapsed()) / 1e6);
        problems = plan.problemCount();
        timer.restart();
        const QJsonDocument parsed = QJsonDocument::fromJson(json);
        reference.append(double(timer.nsecsElapsed()) / 1e6);
        if (parsed.array().size() != rows)
            std::printf("reference parse lost rows\n");
    }
    const double ms = median(dryRun);
    std::printf("dry run of %d rows (%.1f MB CSV): median %.1f ms over %d runs, %d problems found; "
                "QJsonDocument parsing the same rows as JSON (%.1f MB): %.1f ms (ratio %.2f)\n",
                rows, double(csv.size()) / 1e6, ms, runs, problems, double(json.size()) / 1e6,
                median(reference), ms / std::max(0.001, median(reference)));
    result(QStringLiteral("bulk dry run, %1 rows").arg(rows), QStringLiteral("%1 ms").arg(ms, 0, 'f', 1),
           QStringLiteral("<= 1000 ms"), ms <= 1000);
}

bool writeContacts(const QString &dir, int count)
{
    QJsonArray contacts;
    for (int i = 0; i < count; ++i)
        contacts.append(QJsonObject{{QStringLiteral("id"), 900000 + i},
                                    {QStringLiteral("first_name"), QStringLiteral("Bulk")},
                                    {QStringLiteral("last_name"), QString::number(i)},
                                    {QStringLiteral("update_time"), QStringLiteral("2024-02-20 17:45:12")}});
    QFile out(dir + u'/' + kAccount + QStringLiteral(".json"));
    const QJsonObject file{{QStringLiteral("format"), QStringLiteral("crmdesk-sandbox-records/1")},
                           {QStringLiteral("account_id"), kAccount},
                           {QStringLiteral("saved_at"), QStringLiteral("2026-01-01T00:00:00Z")},
                           {QStringLiteral("records"), QJsonObject{{QStringLiteral("contacts"), contacts}}}};
    return out.open(QIODevice::WriteOnly) && out.write(QJsonDocument(file).toJson()) > 0;
}

int benchSending(int limit, int windowSeconds, int rows)
{
    QTemporaryDir dir;
    if (!writeContacts(dir.path(), rows))
        return 1;
    SandboxServer server;
    server.setDataDirectory(dir.path()); // loads the records
    server.setDataDirectory(QString());  // and keeps later edits in memory: disk is not measured
    server.setEnforceRateLimit(true);
    server.setRateLimit(limit, windowSeconds);
    if (!server.listen())
        return 1;
    QNetworkAccessManager network;
    TrutoClient client(&network);
    ConnectionConfig config;
    config.baseUrl = server.baseUrl();
    config.token = server.token();
    client.setConfig(config);
    // A margin over the server's window: the server counts fixed windows from the arrival of a
    // window's first request, so a request granted exactly one window after another can arrive
    // a hair early by the server's clock, be refused, and wait a whole Retry-After.
    client.rateLimiter().setLimits({limit, 500, qint64(windowSeconds) * 1000 + kWindowMarginMs});

    QByteArray csv = "id,first_name\n";
    for (int i = 0; i < rows; ++i)
        csv += QByteArray::number(900000 + i) + ",Sent " + QByteArray::number(i) + '\n';
    const auto table = readCsv(csv);
    const ResourceSchema &schema = *Schema::bundled().resource(QStringLiteral("contacts"));
    EditPolicyBuilder builder(schema);
    builder.setProvider(QStringLiteral("Pipedrive"));
    const BulkPlan plan = BulkPlan::build(*table, matchColumns(table->header, schema), schema, builder.build());
    BulkJobSpec spec;
    spec.resource = QStringLiteral("contacts");
    spec.accountId = kAccount;
    auto store = BulkJobStore::create(dir.filePath(QStringLiteral("jobs")), spec);
    if (!store)
        return 1;
    BulkJob job(&client, std::move(*store), plan.rows);
    QElapsedTimer clock;
    QList<qint64> answeredAt;
    QObject::connect(&job, &BulkJob::rowAnswered, &job, [&](const RowResult &) { answeredAt.append(clock.elapsed()); });
    QObject::connect(&job, &BulkJob::finished, qApp, [] { QCoreApplication::quit(); });
    clock.start();
    job.start();
    QCoreApplication::exec();

    const double limitRate = double(limit) / windowSeconds;
    // The first window's `limit` rows go at once; from there on the limiter sets the pace.
    const double steadySeconds = answeredAt.size() > limit
                                     ? double(answeredAt.last() - answeredAt.at(limit - 1)) / 1000.0
                                     : 0;
    const double steady = steadySeconds > 0 ? double(answeredAt.size() - limit) / steadySeconds : 0;
    std::printf("sent %d of %d rows in %.1f s against a limit of %d per %d s (%.1f rows/s; the client's "
                "window %d ms longer): %.2f rows/s after the first window's burst, %.2f rows/s overall, "
                "%d wait(s) by the job after a 429\n",
                job.sentRows(), rows, double(clock.elapsed()) / 1000.0, limit, windowSeconds, limitRate,
                kWindowMarginMs,
                steady, double(rows) * 1000.0 / double(std::max<qint64>(1, clock.elapsed())), job.rateLimitWaits());
    const double ratio = steady / limitRate;
    result(QStringLiteral("bulk send rate / sandbox limit (%1 per %2 s)").arg(limit).arg(windowSeconds),
           QStringLiteral("%1").arg(ratio, 0, 'f', 2), QStringLiteral("0.9 to 1.05"),
           ratio >= 0.9 && ratio <= 1.05 && job.sentRows() == rows);
    return 0;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    benchDryRun(intArgument(arguments, QStringLiteral("--runs"), 5), intArgument(arguments, QStringLiteral("--rows"), 10000));
    std::fflush(stdout);
    const int limit = intArgument(arguments, QStringLiteral("--limit"), 20);
    const int window = intArgument(arguments, QStringLiteral("--window"), 2);
    return benchSending(limit, window, intArgument(arguments, QStringLiteral("--send-rows"), limit * 5));
}
