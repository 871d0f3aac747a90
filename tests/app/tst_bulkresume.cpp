// A real `crmdesk --bulk` killed with SIGKILL in the middle of a run against a standalone
// `crmdesk --sandbox` process, then run again: it resumes the job and every record is changed
// exactly once (the sandbox's x-sandbox-writes per record).
#include "bulkfixtures.h"
#include "sandboxtestclient.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString kCrmdesk = QStringLiteral(CRMDESK_BINARY_DIR "/app/crmdesk");
// More rows than the client's own limit of 50 per 10 s per account (contract §8.3): the run
// cannot end before the test kills it.
constexpr int kRows = 60;
} // namespace

class TestBulkResume : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_sandbox;
    QUrl m_baseUrl;
    QString m_token;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // The bulk process keeps its job state and history in the test's folder.
        env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
        env.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
        env.insert(u"CRMDESK_TOKEN"_s, m_token);
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        return env;
    }

    QStringList bulkArguments() const
    {
        return {u"--bulk"_s, m_dir.filePath(u"rename.csv"_s), u"--resource"_s, u"contacts"_s,
                u"--account"_s, crmdesk::test::kPipedriveAccount, u"--base-url"_s, m_baseUrl.toString(),
                u"--report"_s, m_dir.filePath(u"report.csv"_s)};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(crmdesk::test::writeBulkSandboxData(m_dir.filePath(u"sandbox"_s), kRows));
        QFile csv(m_dir.filePath(u"rename.csv"_s));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write(crmdesk::test::bulkRenameCsv(kRows));
        csv.close();

        m_sandbox.start(kCrmdesk, {u"--sandbox"_s, u"--sandbox-data"_s, m_dir.filePath(u"sandbox"_s)});
        QVERIFY(m_sandbox.waitForStarted());
        QString banner;
        static const QRegularExpression token(uR"(Token\s+(\S+))"_s);
        while (!banner.contains(u"Token"_s) || !token.match(banner).hasMatch()) {
            QVERIFY2(m_sandbox.waitForReadyRead(10000), "the sandbox printed no token");
            banner += QString::fromUtf8(m_sandbox.readAllStandardOutput());
        }
        static const QRegularExpression url(uR"(Base URL\s+(http://\S+))"_s);
        m_baseUrl = QUrl(url.match(banner).captured(1));
        m_token = token.match(banner).captured(1);
        QVERIFY(m_baseUrl.isValid());
    }

    void cleanupTestCase()
    {
        m_sandbox.kill();
        m_sandbox.waitForFinished();
    }

    void shouldResumeAfterSigkillAndApplyEveryRowOnce()
    {
        QProcess first;
        first.setProcessEnvironment(environment());
        first.start(kCrmdesk, bulkArguments());
        QVERIFY(first.waitForStarted());
        // Kill it once some rows are answered (progress lines: "N/60 rows · ...").
        QByteArray output;
        static const QRegularExpression answered(uR"((\d+)/60 rows)"_s);
        int done = 0;
        while (done < 10) {
            QVERIFY2(first.waitForReadyRead(20000), output.constData());
            output += first.readAllStandardOutput();
            auto matches = answered.globalMatch(QString::fromUtf8(output));
            while (matches.hasNext())
                done = matches.next().captured(1).toInt();
        }
        first.kill(); // SIGKILL: no chance to save anything more
        QVERIFY(first.waitForFinished());
        QCOMPARE(first.exitStatus(), QProcess::CrashExit);
        QVERIFY(!QFile::exists(m_dir.filePath(u"report.csv"_s)));

        QProcess second;
        second.setProcessEnvironment(environment());
        second.start(kCrmdesk, bulkArguments());
        QVERIFY(second.waitForFinished(60000));
        const QString out = QString::fromUtf8(second.readAllStandardOutput());
        const QString err = QString::fromUtf8(second.readAllStandardError());
        QVERIFY2(second.exitCode() == 0, qPrintable(out + err));
        QVERIFY2(out.contains(u"Resuming job"_s), qPrintable(out));
        QVERIFY2(out.contains(u"Done: 60 of 60 rows sent"_s), qPrintable(out));

        SandboxTestClient http(m_baseUrl, m_token);
        for (int i = 0; i < kRows; ++i) {
            const SandboxResponse record = http.get("/unified/crm/contacts/" + crmdesk::test::bulkContactId(i).toUtf8()
                                                    + "?integrated_account_id=" + crmdesk::test::kPipedriveAccount.toUtf8());
            QCOMPARE(record.status, 200);
            QCOMPARE(record.json().value(u"first_name"_s).toString(), u"Renamed %1"_s.arg(i));
            QCOMPARE(record.header("x-sandbox-writes"), QByteArray("1"));
        }
        // The report covers the whole job, both processes' rows.
        QFile report(m_dir.filePath(u"report.csv"_s));
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QByteArray text = report.readAll();
        QCOMPARE(text.count(",sent,"), kRows);
    }

    void shouldListProblemsAndSendNothingOnADryRun()
    {
        QFile csv(m_dir.filePath(u"bad.csv"_s));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("id;first_name;email_addresses.email\n900000;Dry;not-an-email\n");
        csv.close();
        QProcess dry;
        dry.setProcessEnvironment(environment());
        dry.start(kCrmdesk, {u"--bulk"_s, csv.fileName(), u"--resource"_s, u"contacts"_s, u"--account"_s,
                             crmdesk::test::kPipedriveAccount, u"--base-url"_s, m_baseUrl.toString(), u"--dry-run"_s});
        QVERIFY(dry.waitForFinished(30000));
        const QString err = QString::fromUtf8(dry.readAllStandardError());
        QCOMPARE(dry.exitCode(), 3);
        QVERIFY2(err.contains(u"row 1 (line 2), column email_addresses.email"_s), qPrintable(err));
        SandboxTestClient http(m_baseUrl, m_token);
        QCOMPARE(http.get("/unified/crm/contacts/900000?integrated_account_id=" + crmdesk::test::kPipedriveAccount.toUtf8())
                     .json().value(u"first_name"_s).toString(),
                 u"Renamed 0"_s);
    }

    void shouldRefuseABaseUrlWithoutATokenInTheEnvironment()
    {
        QProcess run;
        QProcessEnvironment env = environment();
        env.remove(u"CRMDESK_TOKEN"_s);
        run.setProcessEnvironment(env);
        run.start(kCrmdesk, bulkArguments());
        QVERIFY(run.waitForFinished(30000));
        QCOMPARE(run.exitCode(), 2);
        QVERIFY(QString::fromUtf8(run.readAllStandardError()).contains(u"CRMDESK_TOKEN"_s));
    }
};

QTEST_GUILESS_MAIN(TestBulkResume)
#include "tst_bulkresume.moc"
