#include "cli/commandline.h"
#include "api/trutoclient.h"
#include "main/mainwindow.h"
#include "main/startupprofile.h"
#include "sandbox/sandboxhost.h"
#include "sandbox/sandboxserver.h"
#include "schema/schema.h"
#include "settings/appsettings.h"
#include "session/connectioncontroller.h"
#include "drafts/draftstore.h"
#include "history/historyservice.h"
#include "secrets/keychainsecretstore.h"
#include "session/metacache.h"
#include "secrets/secretstore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QCoreApplication>
#include <QIcon>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QStatusBar>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <thread>

namespace {
// `crmdesk --sandbox`: only the embedded server, headless, until interrupted.
int runSandbox(int &argc, char **argv, const crmdesk::CommandLine &commandLine, QTextStream &out,
               QTextStream &err)
{
    QCoreApplication app(argc, argv);
    crmdesk::SandboxServer server;
    if (!commandLine.sandboxDataDir.isEmpty())
        server.setDataDirectory(commandLine.sandboxDataDir);
    if (!commandLine.sandboxToken.isEmpty())
        server.addToken(commandLine.sandboxToken);
    if (!server.listen(commandLine.port)) {
        err << "crmdesk: the sandbox could not start: " << server.errorString() << '\n';
        return 1;
    }
    QObject::connect(&server, &crmdesk::SandboxServer::persistenceFailed, &app,
                     [&err](const QString &message) {
                         err << "crmdesk: could not keep an edit on disk: " << message << '\n';
                         err.flush();
                     });
    out << server.usageText() << '\n';
    out.flush();
    return app.exec();
}
// The editor. Every service is created here, once, and handed to the widgets that need it.
// Only what the first frame shows is made before it: the sandbox starts and the accounts are
// asked for once the window has been painted.
int runGui(int &argc, char **argv, const crmdesk::CommandLine &commandLine, const QElapsedTimer &sinceMain,
           QTextStream &out, QTextStream &err)
{
    // The bundled schema (150 kB of JSON) is parsed on the other core while Qt sets up the
    // display; the window's first use of it waits for that (a function-local static).
    std::thread schemaWarmUp([] { (void)crmdesk::Schema::bundled(); });
    QApplication app(argc, argv);
    crmdesk::StartupProfile profile(sinceMain, commandLine.startupProfile ? &out : nullptr);
    profile.mark(QStringLiteral("application"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/crmdesk.svg")));
    QApplication::setDesktopFileName(QStringLiteral("one.crmdesk.CrmDesk"));

    QSettings qsettings;
    const QString settingsProblem = crmdesk::setAsideIfDamaged(qsettings);
    crmdesk::AppSettings settings(&qsettings);
    crmdesk::KeychainSecretStore secrets;
    crmdesk::DraftStore drafts(crmdesk::DraftStore::defaultDirectory());
    // Opened on its worker thread while the window comes up.
    crmdesk::HistoryService history(crmdesk::HistoryStore::defaultPath());
    history.open(&history, [&err](bool ok, const QString &error) {
        if (!ok) {
            err << "crmdesk: history is off: " << error << '\n';
            err.flush();
        }
    });
    crmdesk::MetaCache metaCache(crmdesk::MetaCache::defaultDirectory());
    // Damaged files are moved aside, never deleted, and the window says so (README, bad input).
    QStringList problems = drafts.setAsideDamaged() + metaCache.setAsideDamaged();
    if (!settingsProblem.isEmpty())
        problems.prepend(settingsProblem);
    QNetworkAccessManager network;
    crmdesk::TrutoClient client(&network);
    crmdesk::SandboxHost sandbox;
    crmdesk::ConnectionController connection(&client, &settings, &secrets, &sandbox);
    connection.setHistory(&history);

    profile.mark(QStringLiteral("services"));

    crmdesk::AppServices services;
    services.client = &client;
    services.settings = &settings;
    services.secrets = &secrets;
    services.drafts = &drafts;
    services.history = &history;
    services.metaCache = &metaCache;

    schemaWarmUp.join();
    profile.mark(QStringLiteral("schema"));
    auto window = std::make_unique<crmdesk::MainWindow>(services);
    QObject::connect(&connection, &crmdesk::ConnectionController::connected, window.get(),
                     [&window](const QString &profileId, const QString &name, const QString &environment) {
                         window->setConnection(profileId, name, environment);
                         window->refreshAccounts();
                     });
    QObject::connect(&connection, &crmdesk::ConnectionController::failed, window.get(),
                     [&window](const QString &message) { window->statusBar()->showMessage(message); });
    QObject::connect(window.get(), &crmdesk::MainWindow::connectionChosen, &connection,
                     &crmdesk::ConnectionController::connectSelected);
    window->restoreLayout(settings.windowGeometry(), settings.windowState(), settings.editorLayout());
    // Without a secret store, tokens live for this session only: the user must know.
    QObject::connect(&secrets, &crmdesk::SecretStore::persistenceChanged, window.get(),
                     [&window](bool persistent, const QString &message) {
                         if (!persistent)
                             window->statusBar()->showMessage(message);
                     });
    QObject::connect(&app, &QApplication::aboutToQuit, window.get(), [&window, &settings] {
        settings.setWindowGeometry(window->saveGeometry());
        settings.setWindowState(window->saveState());
        settings.setEditorLayout(window->editorLayout());
        settings.sync();
    });
    profile.mark(QStringLiteral("window built"));
    for (const QString &problem : problems)
        window->showNotice(problem);
    QObject::connect(&history, &crmdesk::HistoryService::recovered, window.get(), &crmdesk::MainWindow::showNotice);
    QObject::connect(&history, &crmdesk::HistoryService::opened, window.get(), [&window](bool ok, const QString &error) {
        if (!ok)
            window->showNotice(QCoreApplication::translate("crmdesk", "The history is off: %1").arg(error));
    });
    window->showConnecting(connection.selectedName());
    profile.watchFirstPaint(window.get());
    auto connectOnce = [&connection, connected = std::make_shared<bool>(false)] {
        if (!*connected) {
            *connected = true;
            connection.connectSelected();
        }
    };
    QObject::connect(&profile, &crmdesk::StartupProfile::painted, &connection, connectOnce);
    // A window that is not painted soon (started minimized, on another desktop) connects anyway.
    QTimer::singleShot(2000, &connection, connectOnce);
    if (commandLine.startupProfile) {
        QObject::connect(&connection, &crmdesk::ConnectionController::connected, &profile,
                         [&profile] { profile.mark(QStringLiteral("connected")); });
        auto finish = [&](const QString &milestone) {
            profile.mark(milestone);
            profile.reportMemory();
            app.quit();
        };
        QObject::connect(window.get(), &crmdesk::MainWindow::accountsLoaded, &app,
                         [finish] { finish(QStringLiteral("accounts listed")); });
        QObject::connect(&connection, &crmdesk::ConnectionController::failed, &app,
                         [finish] { finish(QStringLiteral("connection failed")); });
    }
    window->show();
    profile.mark(QStringLiteral("window shown"));
    return app.exec();
}
} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QCoreApplication::setOrganizationName(QStringLiteral("crmdesk"));
    QCoreApplication::setApplicationName(QStringLiteral("crmdesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CRMDESK_VERSION));

    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const crmdesk::CommandLine commandLine = crmdesk::CommandLine::parse(arguments);

    QTextStream out(stdout);
    QTextStream err(stderr);
    using Mode = crmdesk::CommandLine::Mode;
    switch (commandLine.mode) {
    case Mode::Error:
        err << "crmdesk: " << commandLine.error << "\n\n" << commandLine.helpText;
        return crmdesk::kUsageExitCode;
    case Mode::Help:
        out << commandLine.helpText;
        return 0;
    case Mode::Version:
        out << "crmdesk " << QCoreApplication::applicationVersion() << '\n';
        return 0;
    case Mode::ListProviders: {
        QCoreApplication app(argc, argv);
        return crmdesk::listProviders(crmdesk::Schema::bundled(), commandLine.resource, out, err);
    }
    case Mode::Describe: {
        QCoreApplication app(argc, argv);
        return crmdesk::describe(crmdesk::Schema::bundled(), commandLine.resource,
                                 commandLine.provider, commandLine.json, out, err);
    }
    case Mode::Sandbox:
        return runSandbox(argc, argv, commandLine, out, err);
    case Mode::Gui:
        break;
    }
    return runGui(argc, argv, commandLine, sinceMain, out, err);
}
