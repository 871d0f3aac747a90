// Figures for the persistence layer (app/store): how long the per-edit and per-request work
// takes, so the editor can save a draft on every change and the client can record every call
// on the UI thread. Prints one line per figure; never part of the test suite.

#include "drafts/draftstore.h"
#include "history/historystore.h"
#include "secrets/redactor.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <functional>

using namespace crmdesk;

namespace {

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

QByteArray jsonBody(qsizetype bytes)
{
    QByteArray body("{\"result\":[");
    while (body.size() < bytes)
        body += "{\"id\":\"12345\",\"first_name\":\"Jane\",\"email\":\"jane@example.com\"},";
    body.chop(1);
    body += "]}";
    return body;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTemporaryDir dir;
    const QString token = QStringLiteral("tr_live_9f8e7d6c5b4a3f2e");
    Redactor redactor;
    redactor.addSecret(token);
    const QByteArray oneMegabyte = jsonBody(1024 * 1024);

    out << "redact 1 MiB body: "
        << medianMicros(15, [&](int) { (void)redactor.redact(oneMegabyte); }) << " us\n";

    HistoryStore history(dir.filePath(QStringLiteral("history.sqlite")));
    history.setRedactor(redactor);
    if (!history.open())
        return 1;
    HistoryEntry entry;
    entry.method = "PATCH";
    entry.url = "https://api.truto.one/unified/crm/contacts/42?integrated_account_id=abc";
    entry.target = {QStringLiteral("contacts"), QStringLiteral("42"), QStringLiteral("abc")};
    entry.requestHeaders = {{"Authorization", "Bearer " + token.toLatin1()},
                            {"Content-Type", "application/json"}};
    entry.requestBody = R"({"first_name":"Janet"})";
    entry.status = 200;
    entry.responseBody = jsonBody(2 * 1024);
    out << "history append, 2 KiB response: "
        << medianMicros(200, [&](int i) {
               entry.target.recordId = QString::number(i);
               history.append(entry);
           })
        << " us\n";
    entry.responseBody = oneMegabyte + oneMegabyte; // capped at 1 MiB
    out << "history append, 2 MiB response (capped): "
        << medianMicros(15, [&](int) { history.append(entry); }) << " us\n";
    out << "history search over " << history.count() << " entries: "
        << medianMicros(15, [&](int) { (void)history.search(QStringLiteral("Janet"), 0, 100); })
        << " us\n";

    DraftStore drafts(dir.filePath(QStringLiteral("drafts")));
    Draft draft;
    draft.key = {QStringLiteral("p"), QStringLiteral("acc"), QStringLiteral("contacts"),
                 QStringLiteral("42")};
    draft.original = QJsonObject{{QStringLiteral("first_name"), QStringLiteral("Jane")},
                                 {QStringLiteral("notes"), QString(4000, u'x')}};
    out << "draft save (atomic, fsync): "
        << medianMicros(50, [&](int i) {
               draft.edits.insert(QStringLiteral("first_name"), QString::number(i));
               drafts.save(draft);
           })
        << " us\n";
    return 0;
}
