#include "settings/appsettings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace crmdesk;

namespace {

// Settings in an INI file inside a temporary config folder, reopened on demand as a restart would.
class ConfigFolder
{
public:
    ConfigFolder() { QVERIFY(m_dir.isValid()); }
    QString path() const { return m_dir.filePath(QStringLiteral("crmdesk.ini")); }
    std::unique_ptr<QSettings> open() const
    {
        return std::make_unique<QSettings>(path(), QSettings::IniFormat);
    }
    QByteArray bytes() const
    {
        QFile file(path());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private:
    QTemporaryDir m_dir;
};

ConnectionProfile sandboxProfile()
{
    ConnectionProfile profile = ConnectionProfile::create(
        QStringLiteral("Offline sandbox"), QUrl(QStringLiteral("http://127.0.0.1:8765")),
        Environment::Sandbox);
    profile.transferTimeoutMs = 5000;
    return profile;
}

RecentRecord recent(const QString &id)
{
    return {QStringLiteral("p1"), QStringLiteral("acc-1"), QStringLiteral("contacts"), id,
            u"Contact " + id,
            QDateTime(QDate(2026, 4, 1), QTime(9, 30, 0, 250), Qt::UTC)};
}

} // namespace

class TestAppSettings : public QObject
{
    Q_OBJECT

private slots:
    void shouldSetADamagedFileAsideAndStartFromDefaults()
    {
        ConfigFolder folder;
        const QByteArray damaged = "[General\nselected_profile=abc\n\x01\x02garbage";
        {
            QFile file(folder.path());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(damaged);
        }
        auto qsettings = folder.open();
        const QString message = setAsideIfDamaged(*qsettings);
        QVERIFY2(message.contains(QStringLiteral("crmdesk.ini.damaged-")), qPrintable(message));
        AppSettings settings(qsettings.get());
        QVERIFY(!settings.selectedProfile().has_value());
        QVERIFY(settings.saveProfile(sandboxProfile())); // the new file takes writes
        settings.sync();
        QCOMPARE(folder.open()->status(), QSettings::NoError);
        QCOMPARE(AppSettings(folder.open().get()).profiles().size(), 1);

        // The old file is kept byte for byte beside the new one.
        const QString dir = QFileInfo(folder.path()).absolutePath();
        const QStringList aside = QDir(dir).entryList({QStringLiteral("crmdesk.ini.damaged-*")}, QDir::Files);
        QCOMPARE(aside.size(), 1);
        QFile kept(QDir(dir).filePath(aside.first()));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), damaged);
    }

    void shouldLeaveAReadableSettingsFileAlone()
    {
        ConfigFolder folder;
        {
            auto qsettings = folder.open();
            QVERIFY(AppSettings(qsettings.get()).saveProfile(sandboxProfile()));
        }
        auto qsettings = folder.open();
        QVERIFY(setAsideIfDamaged(*qsettings).isEmpty());
        QCOMPARE(AppSettings(qsettings.get()).profiles().size(), 1);
    }

    void shouldOfferDefaultsOnFirstStart()
    {
        ConfigFolder folder;
        auto qsettings = folder.open();
        AppSettings settings(qsettings.get());
        QVERIFY(settings.profiles().isEmpty());
        QVERIFY(!settings.selectedProfile().has_value());
        QCOMPARE(settings.largeBodyThreshold(), AppSettings::kDefaultLargeBodyThreshold);
        QCOMPARE(toString(settings.defaultResponseFormat()), toString(ResponseFormat::Unified));
        QVERIFY(settings.windowGeometry().isEmpty());
        QVERIFY(settings.recentRecords().isEmpty());

        const ConnectionProfile fresh = ConnectionProfile::create(QStringLiteral("Truto"));
        QCOMPARE(fresh.baseUrl, QUrl(QStringLiteral("https://api.truto.one")));
        QCOMPARE(fresh.transferTimeoutMs, 30000);
        QVERIFY(fresh.isValid());
    }

    void shouldRestoreEverySettingAfterARestart()
    {
        ConfigFolder folder;
        const ConnectionProfile production = ConnectionProfile::create(QStringLiteral("Acme prod"));
        const ConnectionProfile sandbox = sandboxProfile();
        const QByteArray geometry("\x01\xd9\xd0\xcb\x00\x03\x00\x00", 8);
        {
            auto qsettings = folder.open();
            AppSettings settings(qsettings.get());
            QVERIFY(settings.saveProfile(production));
            QVERIFY(settings.saveProfile(sandbox));
            settings.setSelectedProfileId(sandbox.id);
            settings.setLastAccountId(production.id, QStringLiteral("acc-prod"));
            settings.setLastAccountId(sandbox.id, QStringLiteral("acc-hubspot"));
            settings.setLargeBodyThreshold(20 * 1024 * 1024);
            settings.setDefaultResponseFormat(ResponseFormat::Raw);
            settings.setWindowGeometry(geometry);
            settings.setWindowState(QByteArray("state\0bytes", 11));
            settings.addRecentRecord(recent(QStringLiteral("42")));
            QVERIFY(settings.sync());
        }
        auto qsettings = folder.open();
        const AppSettings settings(qsettings.get());
        QCOMPARE(settings.profiles(), (QList<ConnectionProfile>{production, sandbox}));
        QCOMPARE(settings.selectedProfile(), std::optional<ConnectionProfile>(sandbox));
        QCOMPARE(settings.lastAccountId(production.id), QStringLiteral("acc-prod"));
        QCOMPARE(settings.lastAccountId(sandbox.id), QStringLiteral("acc-hubspot"));
        QCOMPARE(settings.largeBodyThreshold(), qint64(20 * 1024 * 1024));
        QCOMPARE(toString(settings.defaultResponseFormat()), toString(ResponseFormat::Raw));
        QCOMPARE(settings.windowGeometry(), geometry);
        QCOMPARE(settings.windowState(), QByteArray("state\0bytes", 11));
        QCOMPARE(settings.recentRecords(), QList<RecentRecord>{recent(QStringLiteral("42"))});
    }

    void shouldAcceptOnlyHttpsOrLoopbackBaseUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("truto") << QStringLiteral("https://api.truto.one") << true;
        QTest::newRow("https elsewhere") << QStringLiteral("https://truto.example.com/api") << true;
        QTest::newRow("loopback v4") << QStringLiteral("http://127.0.0.1:8765") << true;
        QTest::newRow("localhost") << QStringLiteral("http://localhost:8765") << true;
        QTest::newRow("loopback v6") << QStringLiteral("http://[::1]:8765") << true;
        QTest::newRow("plain http remote") << QStringLiteral("http://api.truto.one") << false;
        QTest::newRow("plain http lan") << QStringLiteral("http://192.168.1.20:8765") << false;
        QTest::newRow("credentials") << QStringLiteral("https://me:token@api.truto.one") << false;
        QTest::newRow("query") << QStringLiteral("https://api.truto.one?x=1") << false;
        QTest::newRow("other scheme") << QStringLiteral("ftp://api.truto.one") << false;
        QTest::newRow("empty") << QString() << false;
    }

    void shouldAcceptOnlyHttpsOrLoopbackBaseUrls()
    {
        QFETCH(QString, url);
        QFETCH(bool, accepted);
        QCOMPARE(ConnectionProfile::baseUrlError(QUrl(url)).isEmpty(), accepted);
    }

    void shouldExplainWhyPlainHttpIsRefused()
    {
        const QString error =
            ConnectionProfile::baseUrlError(QUrl(QStringLiteral("http://api.truto.one")));
        QVERIFY2(error.contains(QLatin1String("only for this computer")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("api.truto.one")), qPrintable(error));
    }

    void shouldRefuseAnInvalidProfileAndKeepNothingOfIt()
    {
        ConfigFolder folder;
        auto qsettings = folder.open();
        AppSettings settings(qsettings.get());
        ConnectionProfile leaky = ConnectionProfile::create(
            QStringLiteral("Leaky"), QUrl(QStringLiteral("https://tr_live_secret99@api.truto.one")));
        QString error;
        QVERIFY(!settings.saveProfile(leaky, &error));
        QVERIFY(error.contains(QLatin1String("keychain")));
        QVERIFY(settings.sync());
        QVERIFY(settings.profiles().isEmpty());
        QVERIFY(!folder.bytes().contains("tr_live_secret99"));
    }

    void shouldReplaceAProfileSavedAgainWithTheSameId()
    {
        ConfigFolder folder;
        auto qsettings = folder.open();
        AppSettings settings(qsettings.get());
        ConnectionProfile profile = sandboxProfile();
        settings.saveProfile(profile);
        profile.name = QStringLiteral("Renamed");
        profile.environment = Environment::Staging;
        settings.saveProfile(profile);
        QCOMPARE(settings.profiles(), QList<ConnectionProfile>{profile});
    }

    void shouldSignalOnlyRealChanges()
    {
        ConfigFolder folder;
        auto qsettings = folder.open();
        AppSettings settings(qsettings.get());
        QSignalSpy changed(&settings, &AppSettings::changed);
        settings.setLargeBodyThreshold(AppSettings::kDefaultLargeBodyThreshold);
        QCOMPARE(changed.size(), 0);
        settings.setLargeBodyThreshold(8 * 1024 * 1024);
        settings.setLargeBodyThreshold(8 * 1024 * 1024);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<AppSettings::Key>(), AppSettings::Key::LargeBodyThreshold);

        const ConnectionProfile profile = sandboxProfile();
        settings.saveProfile(profile);
        settings.saveProfile(profile);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(1).at(0).value<AppSettings::Key>(), AppSettings::Key::Profiles);
    }

    void shouldForgetEverythingAboutARemovedProfile()
    {
        ConfigFolder folder;
        auto qsettings = folder.open();
        AppSettings settings(qsettings.get());
        const ConnectionProfile profile = sandboxProfile();
        settings.saveProfile(profile);
        settings.setSelectedProfileId(profile.id);
        settings.setLastAccountId(profile.id, QStringLiteral("acc-1"));
        RecentRecord record = recent(QStringLiteral("7"));
        record.profileId = profile.id;
        settings.addRecentRecord(record);
        settings.addRecentRecord(recent(QStringLiteral("8"))); // another profile's record

        settings.removeProfile(profile.id);

        QVERIFY(settings.profiles().isEmpty());
        QVERIFY(settings.selectedProfileId().isEmpty());
        QVERIFY(settings.lastAccountId(profile.id).isEmpty());
        QCOMPARE(settings.recentRecords(), QList<RecentRecord>{recent(QStringLiteral("8"))});
    }

    void shouldListRecentRecordsNewestFirstWithoutDuplicates()
    {
        ConfigFolder folder;
        auto qsettings = folder.open();
        AppSettings settings(qsettings.get());
        for (int i = 0; i < AppSettings::kMaxRecentRecords + 5; ++i)
            settings.addRecentRecord(recent(QString::number(i)));
        settings.addRecentRecord(recent(QStringLiteral("20"))); // opened again

        const QList<RecentRecord> records = settings.recentRecords();
        QCOMPARE(records.size(), AppSettings::kMaxRecentRecords);
        QCOMPARE(records.at(0).recordId, QStringLiteral("20"));
        QCOMPARE(records.at(1).recordId, QStringLiteral("24"));
        QCOMPARE(std::count_if(records.cbegin(), records.cend(),
                               [](const RecentRecord &r) { return r.recordId == u"20"; }),
                 1);
    }

    void shouldFallBackToDefaultsForDamagedValues()
    {
        ConfigFolder folder;
        {
            QFile file(folder.path());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("[viewer]\n"
                       "largeBodyThresholdBytes=lots\n"
                       "defaultResponseFormat=xml\n"
                       "[profiles]\n"
                       "1\\id=p1\n"
                       "1\\name=Hand edited\n"
                       "1\\baseUrl=https://api.truto.one\n"
                       "1\\environment=prod?\n"
                       "1\\transferTimeoutMs=-5\n"
                       "size=1\n");
        }
        auto qsettings = folder.open();
        const AppSettings settings(qsettings.get());
        QCOMPARE(settings.largeBodyThreshold(), AppSettings::kDefaultLargeBodyThreshold);
        QCOMPARE(toString(settings.defaultResponseFormat()), toString(ResponseFormat::Unified));
        const std::optional<ConnectionProfile> profile = settings.profile(QStringLiteral("p1"));
        QVERIFY(profile.has_value());
        QCOMPARE(toString(profile->environment), toString(Environment::Production));
        QCOMPARE(profile->transferTimeoutMs, ConnectionProfile::kDefaultTransferTimeoutMs);
    }

    void shouldKeepTheLargeBodyThresholdWithinSaneBounds()
    {
        ConfigFolder folder;
        auto qsettings = folder.open();
        AppSettings settings(qsettings.get());
        settings.setLargeBodyThreshold(1);
        QCOMPARE(settings.largeBodyThreshold(), AppSettings::kMinLargeBodyThreshold);
    }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
