#include "cli/commandline.h"

#include <QTest>

using namespace crmdesk;
using Mode = CommandLine::Mode;

namespace {
CommandLine parse(QStringList arguments)
{
    arguments.prepend(QStringLiteral("crmdesk"));
    return CommandLine::parse(arguments);
}
} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldOpenTheEditorWithoutOptions()
    {
        const CommandLine line = parse({});
        QVERIFY(line.mode == Mode::Gui);
        QVERIFY(line.needsDisplay());
        QVERIFY(!line.startupProfile);
    }

    void shouldOpenTheEditorToProfileItsStartUp()
    {
        const CommandLine line = parse({QStringLiteral("--startup-profile")});
        QVERIFY(line.mode == Mode::Gui);
        QVERIFY(line.startupProfile);
    }

    void shouldReadTheSandboxOptions()
    {
        const CommandLine line = parse({QStringLiteral("--sandbox"), QStringLiteral("--port"), QStringLiteral("8765"),
                                        QStringLiteral("--sandbox-data"), QStringLiteral("/tmp/x"),
                                        QStringLiteral("--sandbox-token"), QStringLiteral("ci-token")});
        QVERIFY(line.mode == Mode::Sandbox);
        QVERIFY(!line.needsDisplay());
        QCOMPARE(line.port, quint16(8765));
        QCOMPARE(line.sandboxDataDir, QStringLiteral("/tmp/x"));
        QCOMPARE(line.sandboxToken, QStringLiteral("ci-token"));
    }

    void shouldReadDescribeAndListProviders()
    {
        const CommandLine describe = parse({QStringLiteral("--describe"), QStringLiteral("notes"),
                                            QStringLiteral("--provider"), QStringLiteral("hubspot"), QStringLiteral("--json")});
        QVERIFY(describe.mode == Mode::Describe);
        QCOMPARE(describe.resource, QStringLiteral("notes"));
        QCOMPARE(describe.provider, QStringLiteral("hubspot"));
        QVERIFY(describe.json);
        const CommandLine list = parse({QStringLiteral("--list-providers"), QStringLiteral("leads")});
        QVERIFY(list.mode == Mode::ListProviders);
        QCOMPARE(list.resource, QStringLiteral("leads"));
    }

    void shouldReadTheBulkOptions()
    {
        const CommandLine line = parse({QStringLiteral("--bulk"), QStringLiteral("fix.csv"), QStringLiteral("--resource"),
                                        QStringLiteral("contacts"), QStringLiteral("--account"), QStringLiteral("acc-1"),
                                        QStringLiteral("--dry-run"), QStringLiteral("--report"), QStringLiteral("out.csv"),
                                        QStringLiteral("--base-url"), QStringLiteral("http://127.0.0.1:9")});
        QVERIFY(line.mode == Mode::Bulk);
        QCOMPARE(line.bulkFile, QStringLiteral("fix.csv"));
        QCOMPARE(line.resource, QStringLiteral("contacts"));
        QCOMPARE(line.accountId, QStringLiteral("acc-1"));
        QVERIFY(line.dryRun);
        QCOMPARE(line.reportPath, QStringLiteral("out.csv"));
        QCOMPARE(line.baseUrl, QStringLiteral("http://127.0.0.1:9"));
        QVERIFY(!line.needsDisplay());
    }

    void shouldRefuseMisusedOptionsWithAReason_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("reason");
        QTest::newRow("port out of range") << QStringList{QStringLiteral("--sandbox"), QStringLiteral("--port"), QStringLiteral("70000")} << QStringLiteral("0 to 65535");
        QTest::newRow("describe without provider") << QStringList{QStringLiteral("--describe"), QStringLiteral("notes")} << QStringLiteral("--provider");
        QTest::newRow("two modes") << QStringList{QStringLiteral("--sandbox"), QStringLiteral("--list-providers")} << QStringLiteral("exclude each other");
        QTest::newRow("port without sandbox") << QStringList{QStringLiteral("--port"), QStringLiteral("1")} << QStringLiteral("go with --sandbox");
        QTest::newRow("json without describe") << QStringList{QStringLiteral("--json")} << QStringLiteral("go with --describe");
        QTest::newRow("stray argument") << QStringList{QStringLiteral("contacts")} << QStringLiteral("Unexpected argument");
        QTest::newRow("profile without the editor") << QStringList{QStringLiteral("--sandbox"), QStringLiteral("--startup-profile")} << QStringLiteral("editor only");
        QTest::newRow("bulk without account") << QStringList{QStringLiteral("--bulk"), QStringLiteral("a.csv"), QStringLiteral("--resource"), QStringLiteral("contacts")} << QStringLiteral("--account ID");
        QTest::newRow("dry run without bulk") << QStringList{QStringLiteral("--dry-run")} << QStringLiteral("go with --bulk");
        QTest::newRow("bulk and sandbox") << QStringList{QStringLiteral("--bulk"), QStringLiteral("a.csv"), QStringLiteral("--sandbox")} << QStringLiteral("exclude each other");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")} << QStringLiteral("frobnicate");
    }

    void shouldRefuseMisusedOptionsWithAReason()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, reason);
        const CommandLine line = parse(arguments);
        QVERIFY(line.mode == Mode::Error);
        QVERIFY2(line.error.contains(reason), qPrintable(line.error));
        QVERIFY(line.helpText.startsWith(QLatin1String("Usage: crmdesk")));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
