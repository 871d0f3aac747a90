// Response inspector benchmark (product §7): for generated CRM-like JSON bodies of about 1, 10
// and 80 MB it measures, against node's JSON.parse of the same file in the same run:
//   * the time from the last byte received to a browsable tree (model set, top-level rows),
//   * the longest stall of the UI thread while the body is received in chunks and parsed,
//     and while the pretty and raw views are then shown (a 5 ms timer measures the gaps),
//   * the peak memory (VmHWM minus the baseline before receiving) relative to the body size.
// Run it through scripts/bench.sh (Release build). Never part of the test suite.
#include "inspector/bodyviews.h"
#include "inspect/jsonindex.h"
#include "inspector/jsontreemodel.h"
#include "inspector/pagedtextview.h"
#include "inspector/prettybodyview.h"
#include "inspector/progressivetextedit.h"
#include "inspector/rawbodyview.h"
#include "inspector/responseinspector.h"
#include "inspector/streamview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

using namespace crmdesk;

namespace {

// ---- Body generation --------------------------------------------------------------------

class Random
{
public:
    explicit Random(quint64 seed)
        : m_state(seed)
    {
    }
    quint64 next()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 7;
        m_state ^= m_state << 17;
        return m_state;
    }
    int below(int n) { return int(next() % quint64(n)); }
    template <typename T, size_t N>
    const T &pick(const T (&items)[N])
    {
        return items[below(int(N))];
    }

private:
    quint64 m_state;
};

const char *const firstNames[] = {"Ada", "Zoë", "Björn", "José", "Łukasz", "美咲", "Οδυσσέας",
                                  "Омар", "Ana-María", "François", "Priya", "Chidi", "Søren"};
const char *const lastNames[] = {"Lindqvist", "O'Neill", "García Márquez", "Nakamura", "Kowalski",
                                 "Dubois", "Müller", "Okafor", "Rossi", "Andersson", "Иванова"};
const char *const companies[] = {"Acme Corp", "Globex", "Initech", "Umbrella GmbH", "Stark & Sons",
                                 "Wayne Enterprises", "Tyrell \\\"Replicant\\\" Co", "Soylent Ltd"};
const char *const stages[] = {"lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity",
                              "customer", "evangelist"};
const char *const notes[] = {
    "Called re: renewal. Prefers e-mail; \\\"do not call before 10am\\\".",
    "Met at the Berlin conference ☕ — wants a demo of the HubSpot ↔ Pipedrive sync.",
    "Line one\\nLine two\\nLine three with a tab\\tand a backslash \\\\ here.",
    "Budget approved 💶 for Q3; waiting on legal (contract v2.1).",
    ""};

void appendString(QByteArray &out, const char *text)
{
    out += '"';
    out += text;
    out += '"';
}

// One unified contact with remote_data, about 1.2 KB, shaped like Truto's list responses.
void appendRecord(QByteArray &out, Random &random, int i)
{
    const QByteArray id = QByteArray::number(100000 + i);
    const char *first = random.pick(firstNames);
    const char *last = random.pick(lastNames);
    const QByteArray email = "contact." + id + "@example.com";
    const QByteArray phone = "+1 555 " + QByteArray::number(1000 + random.below(9000));
    const QByteArray created = "2024-0" + QByteArray::number(1 + random.below(9)) + "-1"
                               + QByteArray::number(random.below(10)) + "T09:3"
                               + QByteArray::number(random.below(10)) + ":00.000Z";
    out += R"({"id":")" + id + R"(","first_name":)";
    appendString(out, first);
    out += R"(,"last_name":)";
    appendString(out, last);
    out += R"(,"name":")" + QByteArray(first) + ' ' + QByteArray(last) + '"';
    out += R"(,"email_addresses":[{"email":")" + email + R"(","is_primary":true})";
    if (random.below(3) == 0)
        out += R"(,{"email":"alt.)" + id + R"(@example.org","is_primary":false})";
    out += ']';
    out += R"(,"phone_numbers":[{"number":")" + phone + R"(","type":"mobile"}])";
    out += R"(,"title":"Head of Operations","account":{"id":")" + QByteArray::number(random.below(5000))
           + R"(","name":)";
    appendString(out, random.pick(companies));
    out += R"(},"owner":{"id":")" + QByteArray::number(random.below(50)) + R"("})";
    out += R"(,"tags":[)";
    const int tags = random.below(4);
    for (int t = 0; t < tags; ++t)
        out += (t ? "," : "") + QByteArray(R"("tag-)") + QByteArray::number(random.below(40)) + '"';
    out += R"(],"annual_revenue":)" + QByteArray::number(double(random.below(100000000)) / 100.0, 'f', 2);
    out += R"(,"employees":)" + QByteArray::number(1 + random.below(5000));
    out += R"(,"lead_score":)" + QByteArray::number(random.below(100));
    out += R"(,"do_not_call":)" + QByteArray(random.below(2) ? "true" : "false");
    out += R"(,"last_activity_at":null,"created_at":")" + created + R"(","updated_at":"2024-06-02T14:05:11.000Z")";
    out += R"(,"notes":)";
    appendString(out, random.pick(notes));
    out += R"(,"custom_fields":{"lifecycle_stage":)";
    appendString(out, random.pick(stages));
    out += R"(,"nps":)" + QByteArray::number(random.below(11)) + R"(,"region":"EMEA"})";
    out += R"(,"remote_data":{"id":")" + id + R"(","properties":{"firstname":)";
    appendString(out, first);
    out += R"(,"lastname":)";
    appendString(out, last);
    out += R"(,"email":")" + email + R"(","mobilephone":")" + phone
           + R"(","jobtitle":"Head of Operations","hs_object_id":")" + id + R"(","lifecyclestage":)";
    appendString(out, random.pick(stages));
    out += R"(,"createdate":")" + created + R"(","hs_lead_status":"OPEN"},"archived":false,)"
           R"("associations":{"companies":{"results":[{"id":")"
           + QByteArray::number(random.below(5000)) + R"(","type":"contact_to_company"}]}}}})";
}

QByteArray generateBody(qint64 targetBytes)
{
    Random random(0x5eed1234abcdULL + quint64(targetBytes));
    QByteArray out;
    out.reserve(targetBytes + 4096);
    out += R"({"result":[)";
    int count = 0;
    while (out.size() < targetBytes - 64) {
        if (count)
            out += ',';
        appendRecord(out, random, count++);
    }
    out += R"(],"next_cursor":"eyJwYWdlIjoyfQ==","prev_cursor":null,"result_count":)"
           + QByteArray::number(count) + "}";
    return out;
}

// ---- Measurement helpers ---------------------------------------------------------------------

qint64 statusKb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Resets VmHWM to the current RSS (Linux >= 4.0), so each run's peak is its own.
bool resetPeak()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

struct NodeTimes
{
    double parseMs = -1;    // JSON.parse only, median
    double readParseMs = -1; // readFileSync + utf8 decode + parse, median
};

// node times only JSON.parse with process.hrtime; runs are repeated in one process.
NodeTimes measureNode(const QString &node, const QString &file, int runs)
{
    const QString script = QStringLiteral(R"(
const fs = require('fs');
const file = process.argv[1];
const parse = [], whole = [];
for (let i = 0; i < %1; i++) {
  const t0 = process.hrtime.bigint();
  const text = fs.readFileSync(file, 'utf8');
  const t1 = process.hrtime.bigint();
  const value = JSON.parse(text);
  const t2 = process.hrtime.bigint();
  if (!value) throw new Error('empty');
  parse.push(Number(t2 - t1) / 1e6);
  whole.push(Number(t2 - t0) / 1e6);
}
const med = a => { a.sort((x, y) => x - y); const n = a.length; return n % 2 ? a[(n - 1) / 2] : (a[n / 2 - 1] + a[n / 2]) / 2; };
console.log(med(parse).toFixed(3) + ' ' + med(whole).toFixed(3));
)").arg(runs);
    QProcess process;
    process.start(node, {QStringLiteral("-e"), script, file});
    // A bench tool, before the event loop starts: blocking here is fine.
    if (!process.waitForFinished(600000) || process.exitCode() != 0) {
        std::fprintf(stderr, "node failed: %s\n", process.readAllStandardError().constData());
        return {};
    }
    const QList<QByteArray> parts = process.readAllStandardOutput().trimmed().split(' ');
    return {parts.value(0).toDouble(), parts.value(1).toDouble()};
}

// ---- One measured run: receive in chunks, show, browse --------------------------------------

struct RunResult
{
    double treeMs = 0;        // last byte -> browsable tree
    double showResultMs = 0;  // of which showResult() itself, on the UI thread
    double indexOnlyMs = 0;   // JsonIndex::build alone, for reference
    double stallReceiveMs = 0; // longest UI gap while receiving and parsing
    double stallShowMs = 0;   // longest UI gap while the pretty and raw views fill
    double peakTreeRatio = 0; // (VmHWM - baseline) / body size once the tree is browsable
    double peakRatio = 0;     // the same after the pretty and raw views were shown
    qint64 topLevelRows = 0;
};

ApiResult resultFor(const QByteArray &body)
{
    ApiResult result;
    result.request.method = "GET";
    result.request.url = QUrl(QStringLiteral("https://api.truto.one/unified/crm/contacts?integrated_account_id=bench"));
    result.httpStatus = 200;
    result.reasonPhrase = "OK";
    result.headers = {{"content-type", "application/json; charset=utf-8"},
                      {"content-length", QByteArray::number(body.size())}};
    result.body = body;
    result.bodySize = body.size();
    result.timings.firstByteMs = 40;
    result.timings.totalMs = 120;
    return result;
}

// What the inspector showed before each measured response: a small list, as the app would.
ApiResult previousResponse()
{
    return resultFor(R"({"result":[{"id":"1","first_name":"Ada"}],"next_cursor":null})");
}

// Drives one run through the event loop: no nested loops, each step starts the next.
class Run : public QObject
{
public:
    Run(ResponseInspector *inspector, const QString &file, qint64 size, int chunkBytes, bool peakReset)
        : m_inspector(inspector)
        , m_file(file)
        , m_size(size)
        , m_chunkBytes(chunkBytes)
        , m_peakReset(peakReset)
    {
        m_ticker.setTimerType(Qt::PreciseTimer);
        m_ticker.setInterval(5);
        connect(&m_ticker, &QTimer::timeout, this, &Run::tick);
    }

    // The inspector is the app's: one for the whole process. The previous body is replaced by
    // a small response first, as the next call would replace it, before the baseline.
    void start(std::function<void(const RunResult &)> done)
    {
        m_done = std::move(done);
        connect(m_inspector, &ResponseInspector::bodyLoaded, this,
                [this] { QTimer::singleShot(50, this, &Run::beginReceive); }, Qt::SingleShotConnection);
        m_inspector->showResult(previousResponse());
    }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        const double gap = double(now - m_lastTick) / 1e6;
        m_lastTick = now;
        double &worst = m_showing ? m_result.stallShowMs : m_result.stallReceiveMs;
        worst = std::max(worst, gap);
    }

    void beginReceive()
    {
#if defined(__GLIBC__)
        // Memory freed by earlier runs goes back to the system first, so that the baseline is
        // not inflated by free heap that this run would then reuse unseen.
        malloc_trim(0);
#endif
        if (m_peakReset)
            resetPeak();
        m_baselineKb = statusKb("VmRSS");
        m_source.setFileName(m_file);
        if (!m_source.open(QIODevice::ReadOnly))
            qFatal("cannot open %s", qPrintable(m_file));
        // A reply with Content-Length lets the client reserve the body once.
        m_received.reserve(m_size);
        m_clock.start();
        m_lastTick = 0;
        m_ticker.start();
        readChunk();
    }

    // One chunk per event-loop turn, as readyRead would deliver them.
    void readChunk()
    {
        const QByteArray chunk = m_source.read(m_chunkBytes);
        m_received += chunk;
        if (!m_source.atEnd()) {
            QTimer::singleShot(0, this, &Run::readChunk);
            return;
        }
        m_source.close();
        const ApiResult result = resultFor(m_received);
        connect(m_inspector, &ResponseInspector::bodyLoaded, this, &Run::treeReady,
                Qt::SingleShotConnection);
        m_lastByte = m_clock.nsecsElapsed();
        m_inspector->showResult(result);
        m_result.showResultMs = double(m_clock.nsecsElapsed() - m_lastByte) / 1e6;
    }

    void treeReady()
    {
        tick(); // the time since the last tick belongs to receiving and parsing
        const qint64 now = m_clock.nsecsElapsed();
        JsonTreeModel *model = m_inspector->bodyViews()->treeModel();
        m_result.topLevelRows = model ? model->rowCount() : 0;
        m_result.peakTreeRatio = double(statusKb("VmHWM") - m_baselineKb) * 1024.0 / double(m_size);
        m_result.treeMs = double(now - m_lastByte) / 1e6;
        // Then the user looks at the other views: the stall timer keeps running.
        m_showing = true;
        if (model)
            m_inspector->bodyViews()->search(QStringLiteral("result[0].remote_data.properties.email"),
                                             BodyViews::SearchMode::Path);
        m_inspector->bodyViews()->setCurrentView(BodyViews::View::Pretty);
        poll([this] {
            PrettyBodyView *pretty = m_inspector->bodyViews()->prettyView();
            return pretty->isReady() && !pretty->view()->editor()->isLoading();
        }, [this] {
            m_inspector->bodyViews()->setCurrentView(BodyViews::View::Raw);
            poll([this] { return !m_inspector->bodyViews()->rawView()->textView()->editor()->isLoading(); },
                 [this] { finish(); });
        });
    }

    void poll(std::function<bool()> ready, std::function<void()> then)
    {
        if (ready()) {
            then();
            return;
        }
        QTimer::singleShot(10, this, [this, ready, then] { poll(ready, then); });
    }

    void finish()
    {
        tick();
        m_ticker.stop();
        const qint64 peakKb = statusKb("VmHWM");
        m_result.peakRatio = double(peakKb - m_baselineKb) * 1024.0 / double(m_size);
        // The index alone, as a reference point (same bytes, same process).
        QElapsedTimer timer;
        timer.start();
        const JsonIndex index = JsonIndex::build(m_received);
        m_result.indexOnlyMs = double(timer.nsecsElapsed()) / 1e6;
        if (!index.isValid())
            qFatal("generated body is not valid JSON: %s", qPrintable(index.error().message));
        m_received = QByteArray(); // the inspector still shares it until the next response
        m_done(m_result);
    }

    ResponseInspector *m_inspector;
    QString m_file;
    qint64 m_size;
    int m_chunkBytes;
    bool m_peakReset;
    std::function<void(const RunResult &)> m_done;
    QFile m_source;
    QByteArray m_received;
    QTimer m_ticker;
    QElapsedTimer m_clock;
    qint64 m_lastTick = 0;
    qint64 m_lastByte = 0;
    qint64 m_baselineKb = 0;
    bool m_showing = false;
    RunResult m_result;
};

// A `stream` response saved to disk as it arrives (product §7: a 1 GB stream saved with
// memory growth under 64 MB). NDJSON lines, fed in chunks, Save chosen after the first chunk.
class StreamRun : public QObject
{
public:
    struct Result
    {
        qint64 bytes = 0;
        double growthMb = 0;
        double stallMs = 0;
        double seconds = 0;
        bool fileComplete = false;
    };

    StreamRun(ResponseInspector *inspector, const QString &path, qint64 bytes, int chunkBytes)
        : m_inspector(inspector)
        , m_path(path)
        , m_target(bytes)
    {
        Random random(42);
        QByteArray line;
        while (m_chunk.size() < chunkBytes) {
            line.clear();
            appendRecord(line, random, int(m_chunk.size() % 100000));
            m_chunk += line + '\n';
        }
        m_ticker.setTimerType(Qt::PreciseTimer);
        m_ticker.setInterval(5);
        connect(&m_ticker, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_result.stallMs = std::max(m_result.stallMs, double(now - m_lastTick) / 1e6);
            m_lastTick = now;
        });
    }

    void start(std::function<void(const Result &)> done)
    {
        m_done = std::move(done);
        // The last measured body goes first, as for the body runs, so it is not in the baseline.
        connect(m_inspector, &ResponseInspector::bodyLoaded, this,
                [this] { QTimer::singleShot(50, this, &StreamRun::begin); }, Qt::SingleShotConnection);
        m_inspector->showResult(previousResponse());
    }

private:
    void begin()
    {
#if defined(__GLIBC__)
        malloc_trim(0);
#endif
        resetPeak();
        m_baselineKb = statusKb("VmRSS");
        SentRequest request;
        request.method = "GET";
        request.url = QUrl(QStringLiteral("https://api.truto.one/unified/crm/contacts?truto_response_format=stream"));
        m_inspector->beginStream(request);
        m_clock.start();
        m_ticker.start();
        feed();
    }

    void feed()
    {
        m_inspector->appendStreamBytes(m_chunk);
        m_sent += m_chunk.size();
        if (m_sent == m_chunk.size())
            m_inspector->streamView()->saveTo(m_path); // the user chose Save early on
        if (m_sent < m_target) {
            QTimer::singleShot(0, this, &StreamRun::feed);
            return;
        }
        ApiResult result;
        result.httpStatus = 200;
        result.streamed = true;
        result.bodySize = m_sent;
        result.headers = {{"content-type", "application/x-ndjson"}};
        m_inspector->finishStream(result);
        m_ticker.stop();
        m_result.bytes = m_sent;
        m_result.seconds = double(m_clock.nsecsElapsed()) / 1e9;
        m_result.growthMb = double(statusKb("VmHWM") - m_baselineKb) / 1024.0;
        m_result.fileComplete = QFileInfo(m_path).size() == m_sent;
        QFile::remove(m_path);
        m_done(m_result);
    }

    ResponseInspector *m_inspector;
    QString m_path;
    qint64 m_target;
    QByteArray m_chunk;
    qint64 m_sent = 0;
    qint64 m_baselineKb = 0;
    QTimer m_ticker;
    QElapsedTimer m_clock;
    qint64 m_lastTick = 0;
    std::function<void(const Result &)> m_done;
    Result m_result;
};

struct SizeReport
{
    double megabytes = 0;
    qint64 bytes = 0;
    NodeTimes node;
    std::vector<RunResult> runs;
};

const char *verdict(bool ok)
{
    return ok ? "PASS" : "FAIL";
}

bool printStreamReport(const StreamRun::Result &stream)
{
    if (stream.bytes == 0)
        return true;
    const bool ok = stream.growthMb < 64 && stream.stallMs <= 50 && stream.fileComplete;
    std::printf("\nStream saved to disk while it arrives: %.0f MB of NDJSON in %.1f s; memory growth %.1f MB "
                "(target < 64 MB); longest UI stall %.1f ms; file %s — %s\n",
                double(stream.bytes) / 1e6, stream.seconds, stream.growthMb, stream.stallMs,
                stream.fileComplete ? "complete" : "INCOMPLETE", verdict(ok));
    return ok;
}

bool printReport(const std::vector<SizeReport> &reports, bool peakReset, int runs, int chunk)
{
    std::printf("\nCRM Desk response inspector benchmark — Qt %s, %d runs per size (median), "
                "chunks of %d KB\n", qVersion(), runs, chunk / 1024);
    std::printf("Targets (product §7): last byte → browsable tree ≤ 0.5 × node JSON.parse; "
                "no UI stall > 50 ms; peak memory ≤ 2.5 × body.\n\n");
    std::printf("%-8s | %10s %10s | %10s %10s | %6s %-4s | %10s %10s %-4s | %13s %13s %-4s\n", "body",
                "node parse", "node r+p", "index only", "→ tree", "ratio", "", "stall recv",
                "stall show", "", "mem tree", "mem shown", "");
    std::printf("%s\n", QByteArray(134, '-').constData());
    bool allPass = true;
    QByteArray summaryLines; // for scripts/bench.sh's table
    for (const SizeReport &r : reports) {
        std::vector<double> tree, index, recv, show, peak, peakTree;
        for (const RunResult &run : r.runs) {
            tree.push_back(run.treeMs);
            index.push_back(run.indexOnlyMs);
            recv.push_back(run.stallReceiveMs);
            show.push_back(run.stallShowMs);
            peak.push_back(run.peakRatio);
            peakTree.push_back(run.peakTreeRatio);
        }
        const double treeMs = median(tree);
        const double ratio = r.node.parseMs > 0 ? treeMs / r.node.parseMs : -1;
        // Stalls: the worst run, not the median: one freeze is one too many.
        const double stallRecv = *std::max_element(recv.begin(), recv.end());
        const double stallShow = *std::max_element(show.begin(), show.end());
        // Memory: the median run decides, the worst is shown beside it. Heap and thread-arena
        // effects move single runs by a few hundred kilobytes, which only matters at 1 MB.
        const double peakRatio = median(peak);
        const double peakTreeRatio = median(peakTree);
        const double peakWorst = *std::max_element(peak.begin(), peak.end());
        const double peakTreeWorst = *std::max_element(peakTree.begin(), peakTree.end());
        const bool timeOk = ratio >= 0 && ratio <= 0.5;
        const bool stallOk = stallRecv <= 50 && stallShow <= 50;
        const bool memOk = peakRatio <= 2.5 && peakTreeRatio <= 2.5;
        allPass = allPass && timeOk && stallOk && memOk;
        std::printf("%5.1f MB | %7.1f ms %7.1f ms | %7.1f ms %7.1f ms | %6.3f %-4s | %7.1f ms %7.1f ms %-4s | %5.2fx (%5.2fx) %5.2fx (%5.2fx) %-4s\n",
                    double(r.bytes) / 1e6, r.node.parseMs, r.node.readParseMs, median(index), treeMs,
                    ratio, verdict(timeOk), stallRecv, stallShow, verdict(stallOk), peakTreeRatio,
                    peakTreeWorst, peakRatio, peakWorst, verdict(memOk));
        summaryLines += QStringLiteral("RESULT|inspector %1 MB, tree / node JSON.parse|%2|<= 0.5|%3\n")
                            .arg(r.megabytes)
                            .arg(ratio, 0, 'f', 3)
                            .arg(QLatin1String(verdict(timeOk)))
                            .toUtf8();
        summaryLines += QStringLiteral("RESULT|inspector %1 MB, UI stall|%2 ms|<= 50 ms|%3\n")
                            .arg(r.megabytes)
                            .arg(std::max(stallRecv, stallShow), 0, 'f', 1)
                            .arg(QLatin1String(verdict(stallOk)))
                            .toUtf8();
    }
    std::printf("\nnode parse: JSON.parse only (process.hrtime); node r+p: readFileSync + UTF-8 decode + parse.\n"
                "index only: JsonIndex::build on the same bytes; → tree: last byte received until the\n"
                "tree model is set with its top-level rows (off-thread indexing + queued hand-back).\n"
                "stall recv: longest gap of a 5 ms UI timer while chunks arrive and the body is parsed;\n"
                "stall show: the same while the pretty and raw views then fill. Worst run is shown.\n"
                "mem tree / mem shown: (VmHWM − VmRSS before receiving) / body size once the tree is browsable,\n"
                "and after the pretty and raw views were shown too; median run (worst run); the received\n"
                "body counts. Times are medians; stalls are the worst run.\n");
    if (!peakReset)
        std::printf("WARNING: could not reset VmHWM (/proc/self/clear_refs); peak memory includes earlier runs.\n");
    std::printf("%s", summaryLines.constData());
    return allPass;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    app.setQuitOnLastWindowClosed(false);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Response inspector benchmark"));
    parser.addHelpOption();
    const QCommandLineOption sizesOption(QStringLiteral("sizes"), QStringLiteral("Body sizes in MB."),
                                         QStringLiteral("list"), QStringLiteral("1,10,80"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs per size."),
                                        QStringLiteral("n"), QStringLiteral("3"));
    const QCommandLineOption chunkOption(QStringLiteral("chunk"), QStringLiteral("Chunk size in KB."),
                                         QStringLiteral("kb"), QStringLiteral("64"));
    const QCommandLineOption nodeOption(QStringLiteral("node"), QStringLiteral("node executable."),
                                        QStringLiteral("path"), QStringLiteral("node"));
    const QCommandLineOption streamOption(QStringLiteral("stream-mb"),
                                          QStringLiteral("Size of the streamed body saved to disk (0: skip)."),
                                          QStringLiteral("mb"), QStringLiteral("1024"));
    const QCommandLineOption dirOption(QStringLiteral("workdir"), QStringLiteral("Where bodies are written."),
                                       QStringLiteral("dir"), QDir::tempPath() + QStringLiteral("/crmdesk-bench"));
    parser.addOptions({sizesOption, runsOption, chunkOption, nodeOption, streamOption, dirOption});
    parser.process(app);

    const int runs = std::max(1, parser.value(runsOption).toInt());
    const int chunk = std::max(1, parser.value(chunkOption).toInt()) * 1024;
    QString node = parser.value(nodeOption);
    if (!QFileInfo(node).isAbsolute())
        node = QStandardPaths::findExecutable(node);
    if (node.isEmpty() && QFile::exists(QStringLiteral("/usr/bin/node")))
        node = QStringLiteral("/usr/bin/node");
    if (node.isEmpty())
        qFatal("node not found: pass --node");
    QDir().mkpath(parser.value(dirOption));

    auto reports = std::make_shared<std::vector<SizeReport>>();
    for (const QString &size : parser.value(sizesOption).split(u',', Qt::SkipEmptyParts)) {
        SizeReport report;
        report.megabytes = size.toDouble();
        const QString file = parser.value(dirOption) + QStringLiteral("/body-%1MB.json").arg(size);
        {
            const QByteArray body = generateBody(qint64(report.megabytes * 1e6));
            report.bytes = body.size();
            QFile out(file);
            if (!out.open(QIODevice::WriteOnly) || out.write(body) != body.size())
                qFatal("cannot write %s", qPrintable(file));
        } // the generated copy is gone before anything is measured
        std::fprintf(stderr, "%.1f MB: node…\n", double(report.bytes) / 1e6);
        report.node = measureNode(node, file, runs);
        reports->push_back(report);
    }

    // One unreported warm-up run with the first size: fonts, styles, glyph caches, the thread
    // pool and its heap are set up once per process, not per body, and must not count against
    // the first run measured.
    const QString warmUpFile = parser.value(dirOption)
                               + QStringLiteral("/body-%1MB.json").arg(parser.value(sizesOption).split(u',').value(0));
    const bool peakReset = resetPeak();
    ResponseInspector inspector;
    inspector.resize(1200, 800);
    inspector.show();
    // Runs one after the other, each started when the previous one has finished.
    auto next = std::make_shared<std::function<void(size_t, int)>>();
    *next = [&, reports, next, peakReset](size_t sizeIndex, int run) {
        if (sizeIndex == reports->size()) {
            const qint64 streamBytes = qint64(parser.value(streamOption).toDouble() * 1e6);
            const auto finish = [reports, peakReset, runs, chunk](const StreamRun::Result &stream) {
                const bool bodies = printReport(*reports, peakReset, runs, chunk);
                const bool streamed = printStreamReport(stream);
                std::printf("\nOverall: %s\n", bodies && streamed ? "PASS" : "FAIL");
                std::fflush(stdout);
                QCoreApplication::exit(bodies && streamed ? 0 : 1);
            };
            if (streamBytes <= 0) {
                finish({});
                return;
            }
            std::fprintf(stderr, "stream of %.0f MB…\n", double(streamBytes) / 1e6);
            auto *stream = new StreamRun(&inspector, parser.value(dirOption) + QStringLiteral("/stream.ndjson"),
                                         streamBytes, chunk);
            stream->start([stream, finish](const StreamRun::Result &result) {
                stream->deleteLater();
                finish(result);
            });
            return;
        }
        SizeReport &report = (*reports)[sizeIndex];
        const QString file = parser.value(dirOption)
                             + QStringLiteral("/body-%1MB.json").arg(parser.value(sizesOption).split(u',').value(int(sizeIndex)));
        std::fprintf(stderr, "%.1f MB: run %d…\n", double(report.bytes) / 1e6, run + 1);
        auto *measured = new Run(&inspector, file, report.bytes, chunk, peakReset);
        measured->start([measured, &report, next, sizeIndex, run, runs](const RunResult &result) {
            std::fprintf(stderr, "  → tree %.1f ms (showResult %.1f ms), index only %.1f ms, stalls %.1f/%.1f ms, peak %.2f×/%.2f×\n",
                         result.treeMs, result.showResultMs, result.indexOnlyMs, result.stallReceiveMs,
                         result.stallShowMs, result.peakTreeRatio, result.peakRatio);
            report.runs.push_back(result);
            measured->deleteLater();
            QTimer::singleShot(100, qApp, [next, sizeIndex, run, runs] {
                if (run + 1 < runs)
                    (*next)(sizeIndex, run + 1);
                else
                    (*next)(sizeIndex + 1, 0);
            });
        });
    };
    // Two warm-up runs: the pool's threads each get their heap arena once, not in a measurement.
    auto warmUps = std::make_shared<std::function<void(int)>>();
    *warmUps = [&inspector, warmUpFile, chunk, peakReset, next, warmUps](int left) {
        if (left == 0) {
            QTimer::singleShot(100, qApp, [next] { (*next)(0, 0); });
            return;
        }
        std::fprintf(stderr, "warm-up…\n");
        auto *warmUp = new Run(&inspector, warmUpFile, QFileInfo(warmUpFile).size(), chunk, peakReset);
        warmUp->start([warmUp, warmUps, left](const RunResult &) {
            warmUp->deleteLater();
            QTimer::singleShot(100, qApp, [warmUps, left] { (*warmUps)(left - 1); });
        });
    };
    QTimer::singleShot(0, &app, [warmUps] { (*warmUps)(2); });
    return app.exec();
}
