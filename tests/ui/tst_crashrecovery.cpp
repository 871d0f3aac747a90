// Kills a running app in the middle of an edit and checks that the next start gives the edit
// back. The "app" is this test binary started again with --child-edit: a real MainWindow
// against the parent's sandbox, typing into a field until it is killed with SIGKILL.
#include "api/trutoclient.h"
#include "editors/recordeditorview.h"
#include "main/mainwindow.h"
#include "main/recordlistpanel.h"
#include "sandbox/sandboxserver.h"
#include "drafts/draftstore.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace crmdesk;

namespace {
const char kChildFlag[] = "--child-edit";
const QString kProvider = QStringLiteral("Pipedrive");
const QString kResource = QStringLiteral("opportunities");

AppServices servicesFor(TrutoClient *client, DraftStore *drafts)
{
    AppServices services;
    services.client = client;
    services.drafts = drafts;
    return services;
}

ConnectionConfig sandboxConfig(const QUrl &baseUrl, const QString &token)
{
    ConnectionConfig config;
    config.baseUrl = baseUrl;
    config.token = token;
    config.transferTimeoutMs = 10000;
    return config;
}

// The child: open the first opportunity of the account and type into its name, one key every
// few milliseconds, reporting each key on stdout, until killed.
int runChild(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const QUrl baseUrl(args.value(2));
    const QString token = args.value(3);
    DraftStore drafts(args.value(4));
    const QString accountId = args.value(5);
    QNetworkAccessManager network;
    TrutoClient client(&network);
    client.setConfig(sandboxConfig(baseUrl, token));
    MainWindow window(servicesFor(&client, &drafts));
    window.setQuestionPrompt([](const Question &, const Answer &answer) { answer(false); });
    window.setConnection(QStringLiteral("sandbox"), QStringLiteral("Embedded sandbox"), QStringLiteral("sandbox"));
    window.show();

    int typed = 0;
    QTimer typing;
    typing.setInterval(5);
    QObject::connect(&typing, &QTimer::timeout, &window, [&] {
        RecordEditorView *editor = window.currentEditor();
        auto *name = editor ? editor->findChild<QLineEdit *>(QStringLiteral("field_name")) : nullptr;
        if (!name || !editor->model()->isLoaded())
            return;
        if (typed == 0)
            name->clear();
        QTest::keyClick(name, Qt::Key_X);
        std::printf("typed %d\n", ++typed);
        std::fflush(stdout);
    });
    QTimer opening;
    opening.setInterval(5);
    QObject::connect(&opening, &QTimer::timeout, &window, [&] {
        QListWidget *list = window.recordList()->list();
        if (window.currentAccountId() != accountId || list->count() == 0)
            return;
        opening.stop();
        window.openRecord(kResource, list->item(0)->data(Qt::UserRole).toString());
        typing.start();
    });
    QObject::connect(&window, &MainWindow::accountsLoaded, &window, [&] {
        window.selectAccount(accountId);
        window.selectResource(kResource);
        opening.start();
    });
    window.refreshAccounts();
    return app.exec();
}
} // namespace

class TestCrashRecovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldGiveBackEveryEditAfterTheAppIsKilledMidEdit()
    {
        SandboxServer server;
        QVERIFY(server.listen());
        const QString accountId = server.accountIdFor(kProvider);
        QVERIFY(!accountId.isEmpty());
        QTemporaryDir draftsDir;
        QVERIFY(draftsDir.isValid());

        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        child.setProcessEnvironment(environment);
        child.start(QCoreApplication::applicationFilePath(),
                    {QString::fromLatin1(kChildFlag), server.baseUrl().toString(), server.token(),
                     draftsDir.path(), accountId});
        QByteArray output;
        connect(&child, &QProcess::readyReadStandardOutput, this, [&] { output += child.readAllStandardOutput(); });
        // The parent's event loop keeps serving the child's requests while it waits.
        QTRY_VERIFY_WITH_TIMEOUT(output.contains("typed 12\n"), 30000);
        child.kill(); // SIGKILL: no chance to save anything on the way out
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        output += child.readAllStandardOutput();
        const int typed = int(output.count("typed "));
        QVERIFY(typed >= 12);

        // The next start offers the draft back and puts every key typed before the kill back.
        DraftStore drafts(draftsDir.path());
        QCOMPARE(drafts.list().size(), 1);
        QNetworkAccessManager network;
        TrutoClient client(&network);
        client.setConfig(sandboxConfig(server.baseUrl(), server.token()));
        MainWindow window(servicesFor(&client, &drafts));
        QStringList asked;
        window.setQuestionPrompt([&asked](const Question &question, const Answer &answer) {
            asked.append(question.text);
            answer(true);
        });
        window.setConnection(QStringLiteral("sandbox"), QStringLiteral("Embedded sandbox"), QStringLiteral("sandbox"));
        window.show();
        window.refreshAccounts();
        QTRY_VERIFY_WITH_TIMEOUT(window.currentEditor() && window.currentEditor()->model()->isModified(), 15000);
        QCOMPARE(asked.size(), 1);
        QVERIFY(asked.first().contains(QLatin1String("unsent draft")));
        const QString restored = window.currentEditor()->model()->value(QStringLiteral("name")).toString();
        // Each key is saved before the child reports it, so at least that many came back.
        QVERIFY2(restored.size() >= typed && restored == QString(restored.size(), u'x'), qPrintable(restored));
        QCOMPARE(window.currentEditor()->findChild<QLineEdit *>(QStringLiteral("field_name"))->text(), restored);
    }
};

int main(int argc, char **argv)
{
    if (argc > 1 && qstrcmp(argv[1], kChildFlag) == 0)
        return runChild(argc, argv);
    QApplication app(argc, argv);
    TestCrashRecovery test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_crashrecovery.moc"
