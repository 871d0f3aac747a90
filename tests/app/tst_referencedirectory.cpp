// The directory of names behind the reference pickers, through an injected fake network: lists
// read whole and once, a server that repeats its cursor, a failure, and clear().
#include "api/trutoclient.h"
#include "fakenetwork.h"
#include "references/referencedirectory.h"

#include <QSignalSpy>

#include <memory>
#include <QTest>

using namespace crmdesk;
using namespace crmdesk::test;
using namespace Qt::StringLiterals;

class TestReferenceDirectory : public QObject
{
    Q_OBJECT

    // Fresh for every test, so request counts are the test's own.
    std::unique_ptr<FakeNetworkAccessManager> m_fake;
    std::unique_ptr<TrutoClient> m_trutoClient;

private Q_SLOTS:
    void init()
    {
        m_fake = std::make_unique<FakeNetworkAccessManager>();
        m_trutoClient = std::make_unique<TrutoClient>(m_fake.get());
        ConnectionConfig config;
        config.baseUrl = QUrl(u"https://api.example"_s);
        config.token = u"t"_s;
        config.maxAttempts = 1;
        m_trutoClient->setConfig(config);
    }

    void cleanup()
    {
        m_trutoClient.reset();
        m_fake.reset();
    }

    void shouldReadEveryPageOnceAndFindByNameOrId()
    {
        m_fake->respondWith({
            FakeResponse::json(200, R"({"result":[{"id":"1","name":"Maya Patel"},{"id":"2","first_name":"Tom","last_name":"Becker"}],"next_cursor":"p2"})"),
            FakeResponse::json(200, R"({"result":[{"id":3,"name":"Jonas Berg","emails":[{"email":"jonas@x.example"}]}],"next_cursor":null})"),
        });
        ReferenceDirectory directory(m_trutoClient.get());
        QSignalSpy changed(&directory, &ReferenceDirectory::changed);
        directory.load(u"acc"_s, u"users"_s);
        directory.load(u"acc"_s, u"users"_s); // asked twice before the answer: read once
        QVERIFY(changed.wait());
        QCOMPARE(int(directory.state(u"acc"_s, u"users"_s)), int(ReferenceDirectory::State::Ready));
        QCOMPARE(m_fake->requests().size(), 2);
        QCOMPARE(directory.find(u"acc"_s, u"users"_s, u"2"_s)->name, u"Tom Becker"_s);
        QCOMPARE(directory.find(u"acc"_s, u"users"_s, u"3"_s)->detail, u"jonas@x.example"_s);
        QCOMPARE(directory.search(u"acc"_s, u"users"_s, u"BERG"_s).first().id, u"3"_s);
        QCOMPARE(directory.search(u"acc"_s, u"users"_s, u"jonas@"_s).first().id, u"3"_s);
        directory.load(u"acc"_s, u"users"_s); // cached
        QCOMPARE(m_fake->requests().size(), 2);
        // Another account has a list of its own.
        QVERIFY(!directory.find(u"other"_s, u"users"_s, u"2"_s));
    }

    void shouldStopWhenTheServerRepeatsItsCursor()
    {
        m_fake->respondWith({FakeResponse::json(200, R"({"result":[{"id":"1","name":"Maya"}],"next_cursor":"same"})")});
        ReferenceDirectory directory(m_trutoClient.get());
        QSignalSpy changed(&directory, &ReferenceDirectory::changed);
        directory.load(u"acc"_s, u"users"_s);
        QVERIFY(changed.wait());
        QCOMPARE(int(directory.state(u"acc"_s, u"users"_s)), int(ReferenceDirectory::State::Ready));
        QCOMPARE(m_fake->requests().size(), 2); // the second page added nothing: done
        QCOMPARE(directory.all(u"acc"_s, u"users"_s).size(), 1);
    }

    void shouldSayWhyNamesAreMissingAndRetry()
    {
        m_fake->respondWith({FakeResponse::trutoError(503, u"Integration is down"_s),
                               FakeResponse::json(200, R"({"result":[{"id":"1","name":"Maya"}]})")});
        ReferenceDirectory directory(m_trutoClient.get());
        QSignalSpy changed(&directory, &ReferenceDirectory::changed);
        directory.load(u"acc"_s, u"users"_s);
        QVERIFY(changed.wait());
        QCOMPARE(int(directory.state(u"acc"_s, u"users"_s)), int(ReferenceDirectory::State::Failed));
        QVERIFY(!directory.error(u"acc"_s, u"users"_s).isEmpty());
        directory.load(u"acc"_s, u"users"_s); // a failure is not retried behind the user's back
        QCOMPARE(m_fake->requests().size(), 1);
        directory.retry(u"acc"_s, u"users"_s);
        QVERIFY(changed.wait());
        QCOMPARE(directory.find(u"acc"_s, u"users"_s, u"1"_s)->name, u"Maya"_s);
    }

    void shouldDropAnswersThatArriveAfterClear()
    {
        m_fake->respondWith({FakeResponse::json(200, R"({"result":[{"id":"1","name":"Maya"}]})").delayed(50)});
        ReferenceDirectory directory(m_trutoClient.get());
        QSignalSpy changed(&directory, &ReferenceDirectory::changed);
        directory.load(u"acc"_s, u"users"_s);
        directory.clear(); // a new connection: the old one's names must not come back
        QTest::qWait(150);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(int(directory.state(u"acc"_s, u"users"_s)), int(ReferenceDirectory::State::Unknown));
    }
};

QTEST_GUILESS_MAIN(TestReferenceDirectory)
#include "tst_referencedirectory.moc"
