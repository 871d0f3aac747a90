// Start-up time and idle memory (product §7), on the real executables: the time from process
// start to a painted main window of `crmdesk --startup-profile` (embedded sandbox, a fresh
// profile folder reused across runs), as a ratio to a bare Qt window that links Qt Widgets
// only (bench_bare_window), started the same way in the same run; the time until the sandbox's
// accounts are listed; the resident memory then; and where the median run's time went.
// Lines starting with "RESULT|" are collected by scripts/bench.sh into its summary table.
//
// Usage: bench_startup [--runs N]
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace {

constexpr double kRatioGoal = 1.5;
constexpr double kRssGoalMb = 80.0;

struct Run
{
    double paintedMs = 0;   // process start to a painted window, seen from here
    double readyMs = 0;     // process start to the accounts listed (bare: same as painted)
    long rssKb = -1;
    QByteArray milestones;  // the app's own "startup ..." lines
};

// Blocking waits are fine here: this is the measuring parent, not the app.
Run measure(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment)
{
    QElapsedTimer timer;
    QProcess child;
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::SeparateChannels);
    timer.start();
    child.start(program, arguments);
    Run run;
    QByteArray out;
    qsizetype parsed = 0;
    while (true) {
        const bool running = child.state() != QProcess::NotRunning;
        if (running)
            child.waitForReadyRead(50);
        out += child.readAllStandardOutput();
        const double now = double(timer.nsecsElapsed()) / 1e6;
        // Each line is timed as it arrives.
        for (qsizetype end = out.indexOf('\n', parsed); end >= 0; end = out.indexOf('\n', parsed)) {
            const QByteArray line = out.mid(parsed, end - parsed);
            parsed = end + 1;
            if (!line.startsWith("startup "))
                continue;
            run.milestones += line + '\n';
            if (line.endsWith(" painted"))
                run.paintedMs = now;
            else if (line.startsWith("startup rss_kb "))
                run.rssKb = line.mid(15).toLong();
            if (line.endsWith(" accounts listed") || line.endsWith(" connection failed"))
                run.readyMs = now;
        }
        if (!running)
            break;
    }
    if (run.readyMs == 0)
        run.readyMs = run.paintedMs;
    return run;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

void result(const char *figure, const QByteArray &value, const char *goal, bool pass)
{
    std::printf("RESULT|%s|%s|%s|%s\n", figure, value.constData(), goal, pass ? "PASS" : "FAIL");
}

// "startup   51.5 +  41.4 window built" -> 51.5
double sinceMain(const QByteArray &milestones, const QByteArray &name)
{
    for (const QByteArray &line : milestones.split('\n')) {
        if (line.endsWith(QByteArray(' ' + name)))
            return line.simplified().split(' ').value(1).toDouble();
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int runs = 9;
    const QStringList arguments = QCoreApplication::arguments();
    if (const qsizetype at = arguments.indexOf(QStringLiteral("--runs")); at >= 0)
        runs = std::max(1, arguments.value(at + 1).toInt());

    // The app's settings, history and drafts go to a folder of the bench's own, never the user's.
    QTemporaryDir home;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    const QString crmdesk = QStringLiteral(CRMDESK_EXECUTABLE);
    const QString bare = QStringLiteral(BARE_WINDOW_EXECUTABLE);
    const QStringList profile{QStringLiteral("--startup-profile")};

    measure(bare, {}, environment); // warms the page cache, and makes the app's first-run files
    measure(crmdesk, profile, environment);
    QList<double> bareMs, appMs, appReadyMs, bareRss, appRss;
    QList<Run> appRuns;
    for (int i = 0; i < runs; ++i) {
        const Run reference = measure(bare, {}, environment);
        const Run crm = measure(crmdesk, profile, environment);
        bareMs.append(reference.paintedMs);
        appMs.append(crm.paintedMs);
        appReadyMs.append(crm.readyMs);
        bareRss.append(double(reference.rssKb));
        appRss.append(double(crm.rssKb));
        appRuns.append(crm);
    }
    const double ratio = median(appMs) / median(bareMs);
    const double appMb = median(appRss) / 1024.0;
    std::printf("process start to a painted main window (median of %d runs)\n", runs);
    std::printf("  bare Qt window %.1f ms, CRM Desk %.1f ms: ratio %.2f (target <= %.1f)\n", median(bareMs),
                median(appMs), ratio, kRatioGoal);
    std::printf("  CRM Desk with the sandbox's accounts listed: %.1f ms (%.2f x the bare window)\n",
                median(appReadyMs), median(appReadyMs) / median(bareMs));
    std::printf("idle resident memory: bare Qt window %.1f MB, CRM Desk %.1f MB (target <= %.0f MB)\n",
                median(bareRss) / 1024.0, appMb, kRssGoalMb);

    // Where the time went, in the run closest to the median.
    const auto closest = std::min_element(appRuns.begin(), appRuns.end(), [&](const Run &a, const Run &b) {
        return std::abs(a.paintedMs - median(appMs)) < std::abs(b.paintedMs - median(appMs));
    });
    std::printf("where CRM Desk's start-up time went (ms since main(), +ms since the step before):\n");
    std::printf("  process start to main() (loading libraries): %.1f ms\n",
                closest->paintedMs - sinceMain(closest->milestones, "painted"));
    for (const QByteArray &line : closest->milestones.split('\n')) {
        if (!line.isEmpty() && !line.startsWith("startup rss_kb"))
            std::printf("  %s\n", line.mid(8).constData());
    }
    result("start-up, painted window / bare Qt window", QByteArray::number(ratio, 'f', 2) + " x", "<= 1.5 x",
           ratio <= kRatioGoal);
    result("idle resident memory", QByteArray::number(appMb, 'f', 1) + " MB", "<= 80 MB", appMb <= kRssGoalMb);
    return 0;
}
