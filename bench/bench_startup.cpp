// Start-up time and idle memory (product §7): the time from process start to a visible main
// window, as a ratio to a bare Qt window started the same way in the same run; the time until
// the accounts are listed; and the resident memory once idle. Each measurement is a fresh
// process of this binary:
//   --bare : a QMainWindow with one label
//   --app  : CRM Desk's main window, with the embedded sandbox in its own thread as in the app
// The child prints "shown" once the window is painted, then "rss_kb N" when ready, and exits.
#include "api/trutoclient.h"
#include "main/mainwindow.h"
#include "sandbox/sandboxhost.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMainWindow>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace {
long residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return -1;
}

// Says "shown" once the window has been painted and the event loop is idle again.
void reportShown(QApplication &app)
{
    QTimer::singleShot(0, &app, [] {
        std::printf("shown\n");
        std::fflush(stdout);
    });
}

void reportWhenIdle(QApplication &app)
{
    QTimer::singleShot(0, &app, [&app] {
        std::printf("rss_kb %ld\n", residentKb());
        std::fflush(stdout);
        app.quit();
    });
}

int runBare(int argc, char **argv)
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.setCentralWidget(new QLabel(QStringLiteral("bare"), &window));
    window.resize(1400, 900);
    window.show();
    reportShown(app);
    reportWhenIdle(app);
    return app.exec();
}

int runApp(int argc, char **argv)
{
    QApplication app(argc, argv);
    QNetworkAccessManager network;
    crmdesk::TrutoClient client(&network);
    crmdesk::AppServices services;
    services.client = &client;
    crmdesk::MainWindow window(services);
    window.resize(1400, 900);
    window.show();
    reportShown(app);
    crmdesk::SandboxHost sandbox;
    QObject::connect(&sandbox, &crmdesk::SandboxHost::ready, &window, [&](const QUrl &baseUrl, const QString &token) {
        crmdesk::ConnectionConfig config;
        config.baseUrl = baseUrl;
        config.token = token;
        client.setConfig(config);
        window.setConnection(QStringLiteral("sandbox"), QStringLiteral("Embedded sandbox"), QStringLiteral("sandbox"));
        window.refreshAccounts();
    });
    QObject::connect(&window, &crmdesk::MainWindow::accountsLoaded, &app, [&app] { reportWhenIdle(app); });
    sandbox.start();
    return app.exec();
}

struct Run
{
    double shownMs = 0; // process start to a painted window
    double readyMs = 0; // process start to the accounts listed (the bare window: same as shown)
    long rssKb = 0;
};

// Blocking waits are fine here: this is the measuring parent, not the app.
Run measure(const QString &mode)
{
    QElapsedTimer timer;
    QProcess child;
    timer.start();
    child.start(QCoreApplication::applicationFilePath(), {mode});
    Run run;
    QByteArray out;
    while (child.state() != QProcess::NotRunning || child.bytesAvailable() > 0) {
        child.waitForReadyRead(100);
        out += child.readAllStandardOutput();
        const double now = double(timer.nsecsElapsed()) / 1e6;
        if (run.shownMs == 0 && out.contains("shown\n"))
            run.shownMs = now;
        if (run.readyMs == 0 && out.contains("rss_kb "))
            run.readyMs = now;
        if (child.state() == QProcess::NotRunning && child.bytesAvailable() == 0)
            break;
    }
    child.waitForFinished(60000);
    const int at = int(out.indexOf("rss_kb "));
    run.rssKb = at >= 0 ? out.mid(at + 7).trimmed().toLong() : -1;
    return run;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}
} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && qstrcmp(argv[1], "--bare") == 0)
        return runBare(argc, argv);
    if (argc > 1 && qstrcmp(argv[1], "--app") == 0)
        return runApp(argc, argv);

    QCoreApplication app(argc, argv);
    constexpr int kRuns = 7;
    QList<double> bareMs, appMs, appReadyMs, bareRss, appRss;
    measure(QStringLiteral("--bare")); // warm the page cache for both
    measure(QStringLiteral("--app"));
    for (int i = 0; i < kRuns; ++i) {
        const Run bare = measure(QStringLiteral("--bare"));
        const Run crm = measure(QStringLiteral("--app"));
        bareMs.append(bare.shownMs);
        appMs.append(crm.shownMs);
        appReadyMs.append(crm.readyMs);
        bareRss.append(double(bare.rssKb));
        appRss.append(double(crm.rssKb));
    }
    const double startRatio = median(appMs) / median(bareMs);
    const double appMb = median(appRss) / 1024.0;
    std::printf("process start to a painted main window (median of %d runs)\n", kRuns);
    std::printf("  bare Qt window %.0f ms, CRM Desk %.0f ms: ratio %.2f (target <= 1.5) %s\n",
                median(bareMs), median(appMs), startRatio, startRatio <= 1.5 ? "PASS" : "FAIL");
    std::printf("  CRM Desk with the sandbox's accounts listed: %.0f ms (%.2f x the bare window)\n",
                median(appReadyMs), median(appReadyMs) / median(bareMs));
    std::printf("idle resident memory: bare Qt window %.1f MB, CRM Desk %.1f MB (target < 80 MB) %s\n",
                median(bareRss) / 1024.0, appMb, appMb < 80.0 ? "PASS" : "FAIL");
    return 0;
}
