// The history as the window uses it: every write and read on a worker thread, answers back on
// the caller's thread. What a user would notice: nothing sent is ever missing from the history,
// a token never reaches the file, and an answer never reaches a view that is gone.
#include "history/historyservice.h"
#include "historyfixtures.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace crmdesk;
using namespace Qt::StringLiterals;

namespace {

HistoryEntry contactPatch(const QString &recordId, const QByteArray &body = "{}")
{
    return test::historyEntry("PATCH", test::contactTarget(recordId), 200, body,
                              "{\"id\":\"" + recordId.toUtf8() + "\"}");
}

} // namespace

class TestHistoryService : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(u"history.sqlite"_s); }

    std::unique_ptr<HistoryService> openService()
    {
        auto service = std::make_unique<HistoryService>(path());
        QSignalSpy opened(service.get(), &HistoryService::opened);
        service->open(this, {});
        if (!opened.wait(5000) || !service->isOpen())
            qFatal("the history did not open");
        return service;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(path());
        QFile::remove(path() + u"-wal"_s);
        QFile::remove(path() + u"-shm"_s);
    }

    void shouldKeepEveryAppendEvenWhenClosedAtOnce()
    {
        {
            auto service = openService();
            for (int i = 0; i < 50; ++i)
                service->append(contactPatch(QString::number(i)));
        } // quitting right after sending: nothing asked may be lost
        HistoryStore store(path());
        QVERIFY(store.open());
        QCOMPARE(store.count(), 50);
    }

    void shouldAnswerASearchOnTheCallersThread()
    {
        auto service = openService();
        QSignalSpy added(service.get(), &HistoryService::entryAdded);
        service->append(contactPatch(u"cust-77"_s, R"({"first_name":"Janet"})"));
        service->append(contactPatch(u"lead-9"_s, R"({"first_name":"Ada"})"));
        QTRY_COMPARE(added.size(), 2);

        std::optional<HistoryPage> answer;
        QThread *answeredOn = nullptr;
        service->search(u"janet"_s, 0, 10, this, [&](const HistoryPage &page) {
            answer = page;
            answeredOn = QThread::currentThread();
        });
        QTRY_VERIFY(answer.has_value());
        QCOMPARE(answeredOn, QThread::currentThread());
        QCOMPARE(answer->rows.size(), 1);
        QCOMPARE(answer->rows.first().recordId, u"cust-77"_s);
        QCOMPARE(answer->total, 1);
        QVERIFY(!answer->totalIsCapped);
    }

    void shouldReadMoreThanOneStorePageWhenAsked()
    {
        {
            HistoryStore store(path());
            QVERIFY(store.open());
            for (int i = 0; i < HistoryStore::kMaxPageSize + 5; ++i)
                store.append(contactPatch(QString::number(i)));
        }
        auto service = openService();
        std::optional<HistoryPage> answer;
        service->search({}, 0, HistoryStore::kMaxPageSize + 100, this,
                        [&](const HistoryPage &page) { answer = page; });
        QTRY_VERIFY(answer.has_value());
        QCOMPARE(answer->rows.size(), HistoryStore::kMaxPageSize + 5);
        QCOMPARE(answer->rows.first().recordId, QString::number(HistoryStore::kMaxPageSize + 4)); // newest
        QCOMPARE(answer->total, HistoryStore::kMaxPageSize + 5);
    }

    void shouldNotAnswerAReceiverThatIsGone()
    {
        auto service = openService();
        service->append(contactPatch(u"42"_s));
        bool staleAnswer = false;
        auto view = std::make_unique<QObject>();
        service->search({}, 0, 10, view.get(), [&](const HistoryPage &) { staleAnswer = true; });
        view.reset(); // the panel closed before the worker answered
        // Answers come in the order asked: once the count is back, the search's would have been.
        std::optional<int> count;
        service->count(this, [&](int n) { count = n; });
        QTRY_VERIFY(count.has_value());
        QCOMPARE(*count, 1);
        QVERIFY(!staleAnswer);
    }

    void shouldRedactASecretItWasToldAbout()
    {
        const QString token = u"tr_live_0a1b2c3d4e5f6a7b"_s;
        {
            auto service = openService();
            service->addSecret(token);
            service->append(contactPatch(u"42"_s, "{\"note\":\"token " + token.toLatin1() + "\"}"));
        }
        QByteArray onDisk;
        for (const QString &suffix : {QString(), u"-wal"_s}) {
            QFile file(path() + suffix);
            if (file.open(QIODevice::ReadOnly))
                onDisk += file.readAll();
        }
        QVERIFY(onDisk.contains("\"note\":\"token ")); // the entry itself was written
        QVERIFY(!onDisk.contains(token.toLatin1()));
    }

    void shouldTellWhenADamagedHistoryWasSetAside()
    {
        QFile damaged(path());
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write(QByteArray(8192, '\x7f'));
        damaged.close();
        HistoryService service(path());
        QSignalSpy recovered(&service, &HistoryService::recovered);
        QSignalSpy opened(&service, &HistoryService::opened);
        service.open(this, {});
        QVERIFY(opened.wait(5000));
        QVERIFY(service.isOpen()); // a new history: the app keeps recording
        QTRY_COMPARE(recovered.size(), 1);
        QVERIFY(recovered.first().first().toString().contains(u"history.sqlite.damaged-"_s));
    }

    void shouldSayWhyItCannotOpenAndIgnoreWrites()
    {
        QFile blocker(m_dir.filePath(u"not-a-folder"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        HistoryService service(m_dir.filePath(u"not-a-folder/history.sqlite"_s));
        QSignalSpy opened(&service, &HistoryService::opened);
        std::optional<QString> reason;
        service.open(this, [&](bool ok, const QString &error) {
            QVERIFY(!ok);
            reason = error;
        });
        QVERIFY(opened.wait(5000));
        QVERIFY(!service.isOpen());
        QVERIFY(reason.has_value() && !reason->isEmpty());
        service.append(contactPatch(u"42"_s)); // the app goes on without a history
        std::optional<HistoryPage> answer;
        service.search({}, 0, 10, this, [&](const HistoryPage &page) { answer = page; });
        QTRY_VERIFY(answer.has_value());
        QVERIFY(answer->rows.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHistoryService)
#include "tst_historyservice.moc"
