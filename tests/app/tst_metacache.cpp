#include "session/metacache.h"

#include <QDir>
#include <QFile>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QDateTime kStart(QDate(2026, 4, 1), QTime(9, 0), Qt::UTC);

MetaCacheKey hubspotContacts()
{
    return {QUrl(u"https://api.truto.one"_s), u"hubspot"_s, u"contacts"_s, {}};
}

QJsonObject metaResponse(const QString &requiredField)
{
    return QJsonObject{
        {u"method"_s, u"update"_s},
        {u"request_body_schema"_s,
         QJsonObject{{requiredField, QJsonObject{{u"type"_s, u"string"_s}, {u"required"_s, true}}}}},
    };
}

// A clock the test moves by hand.
struct TestClock
{
    QDateTime now = kStart;
    MetaCache::Clock function()
    {
        return [this] { return now; };
    }
};

} // namespace

class TestMetaCache : public QObject
{
    Q_OBJECT

private slots:
    void shouldSetADamagedEntryAsideAndFetchItAgain()
    {
        QTemporaryDir dir;
        TestClock clock;
        MetaCache cache(dir.path(), MetaCache::kDefaultMaxAge, clock.function());
        MetaCacheKey pipedrive = hubspotContacts();
        pipedrive.integration = u"pipedrive"_s;
        QVERIFY(cache.store(hubspotContacts(), metaResponse(u"first_name"_s)));
        QVERIFY(cache.store(pipedrive, metaResponse(u"name"_s)));
        { // Cut short, as a full disk or a crash of another program could leave it.
            QFile file(cache.filePath(pipedrive));
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.resize(20));
        }
        const QStringList messages = cache.setAsideDamaged();
        QCOMPARE(messages.size(), 1);
        QVERIFY2(messages.first().contains(QFileInfo(cache.filePath(pipedrive)).fileName() + u".damaged-"_s),
                 qPrintable(messages.first()));
        QVERIFY(!cache.lookup(pipedrive).has_value()); // asked for again, not served broken
        QVERIFY(cache.lookup(hubspotContacts()).has_value());
        QCOMPARE(QDir(dir.path()).entryList({u"*.damaged-*"_s}, QDir::Files).size(), 1);
        QVERIFY(cache.store(pipedrive, metaResponse(u"name"_s)));
        QVERIFY(cache.lookup(pipedrive).has_value());
    }

    void shouldServeAFreshEntryForAnHour()
    {
        QTemporaryDir dir;
        TestClock clock;
        MetaCache cache(dir.path(), MetaCache::kDefaultMaxAge, clock.function());
        QVERIFY(cache.store(hubspotContacts(), metaResponse(u"first_name"_s)));

        clock.now = kStart.addSecs(59 * 60);
        const std::optional<CachedMeta> entry = cache.lookup(hubspotContacts());
        QVERIFY(entry.has_value());
        QVERIFY(!entry->stale);
        QCOMPARE(entry->response, metaResponse(u"first_name"_s));
        QCOMPARE(entry->fetchedAt, kStart);
    }

    void shouldStillServeAnOldEntryFlaggedStaleForOfflineUse()
    {
        QTemporaryDir dir;
        TestClock clock;
        MetaCache cache(dir.path(), MetaCache::kDefaultMaxAge, clock.function());
        cache.store(hubspotContacts(), metaResponse(u"first_name"_s));

        clock.now = kStart.addDays(3);
        const std::optional<CachedMeta> entry = cache.lookup(hubspotContacts());
        QVERIFY(entry.has_value());
        QVERIFY(entry->stale);
        QCOMPARE(entry->response, metaResponse(u"first_name"_s));
    }

    void shouldHonourAnInjectedMaximumAge()
    {
        QTemporaryDir dir;
        TestClock clock;
        MetaCache cache(dir.path(), 5min, clock.function());
        cache.store(hubspotContacts(), metaResponse(u"first_name"_s));
        clock.now = kStart.addSecs(4 * 60);
        QVERIFY(!cache.lookup(hubspotContacts())->stale);
        clock.now = kStart.addSecs(5 * 60);
        QVERIFY(cache.lookup(hubspotContacts())->stale);
    }

    void shouldKeepEntriesApartPerHostIntegrationResourceAndAccount()
    {
        QTemporaryDir dir;
        MetaCache cache(dir.path());
        const MetaCacheKey base = hubspotContacts();
        MetaCacheKey sandbox = base;
        sandbox.baseUrl = QUrl(u"http://127.0.0.1:8765"_s);
        MetaCacheKey pipedrive = base;
        pipedrive.integration = u"pipedrive"_s;
        MetaCacheKey notes = base;
        notes.resource = u"notes"_s;
        MetaCacheKey account = base;
        account.accountId = u"62f44730-dd91-461e-bd6a-aedd9e0ad79d"_s;

        const QList<MetaCacheKey> keys{base, sandbox, pipedrive, notes, account};
        for (qsizetype i = 0; i < keys.size(); ++i)
            QVERIFY(cache.store(keys.at(i), metaResponse(u"field_"_s + QString::number(i))));
        for (qsizetype i = 0; i < keys.size(); ++i)
            QCOMPARE(cache.lookup(keys.at(i))->response, metaResponse(u"field_"_s + QString::number(i)));
    }

    void shouldTreatTheSameHostTypedDifferentlyAsOne()
    {
        QTemporaryDir dir;
        MetaCache cache(dir.path());
        cache.store(hubspotContacts(), metaResponse(u"first_name"_s));
        MetaCacheKey typed = hubspotContacts();
        typed.baseUrl = QUrl(u"HTTPS://API.truto.one:443/"_s);
        typed.integration = u"HubSpot"_s;
        QVERIFY(cache.lookup(typed).has_value());
    }

    void shouldSurviveARestart()
    {
        QTemporaryDir dir;
        MetaCache(dir.path()).store(hubspotContacts(), metaResponse(u"last_name"_s));
        const MetaCache reopened(dir.path());
        QCOMPARE(reopened.lookup(hubspotContacts())->response, metaResponse(u"last_name"_s));
    }

    void shouldIgnoreADamagedEntry()
    {
        QTemporaryDir dir;
        MetaCache cache(dir.path());
        cache.store(hubspotContacts(), metaResponse(u"first_name"_s));
        QFile file(cache.filePath(hubspotContacts()));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"({"format":"crmdesk-meta-cache","key":[)");
        file.close();
        QVERIFY(!cache.lookup(hubspotContacts()).has_value());
    }

    void shouldNotTrustAnEntryDatedInTheFuture()
    {
        QTemporaryDir dir;
        TestClock clock;
        MetaCache cache(dir.path(), MetaCache::kDefaultMaxAge, clock.function());
        cache.store(hubspotContacts(), metaResponse(u"first_name"_s));
        clock.now = kStart.addSecs(-3600); // the system clock was put back
        QVERIFY(cache.lookup(hubspotContacts())->stale);
    }

    void shouldForgetEntriesWhenAskedTo()
    {
        QTemporaryDir dir;
        MetaCache cache(dir.path());
        MetaCacheKey notes = hubspotContacts();
        notes.resource = u"notes"_s;
        cache.store(hubspotContacts(), metaResponse(u"first_name"_s));
        cache.store(notes, metaResponse(u"content"_s));
        QVERIFY(cache.remove(notes));
        QVERIFY(!cache.lookup(notes).has_value());
        QVERIFY(cache.lookup(hubspotContacts()).has_value());
        cache.clear();
        QVERIFY(!cache.lookup(hubspotContacts()).has_value());
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMetaCache)
#include "tst_metacache.moc"
