// A request carries what it is about (RecordTarget) from the form to the wire, the result, the
// history and a resend, so an id with a '/' or a space is never split or lost on the way.
#include "api/trutoclient.h"
#include "awaitresult.h"
#include "fakenetwork.h"
#include "history/historyresult.h"
#include "history/historystore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace crmdesk;
using namespace crmdesk::test;
using namespace Qt::StringLiterals;

class TestRecordIdentity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldKeepAnIdWithSlashAndSpaceThroughSendHistoryReopenAndResend()
    {
        FakeNetworkAccessManager network;
        TrutoClient client(&network);
        ConnectionConfig config;
        config.token = u"sk-identity"_s;
        client.setConfig(config);
        QTemporaryDir dir;
        HistoryStore history(dir.filePath(u"history.sqlite"_s));
        QVERIFY(history.open());

        const RecordTarget target{u"contacts"_s, u"a/b c"_s, u"62f44730-dd91-461e-bd6a-aedd9e0ad79d"_s};
        const QByteArray encodedPath = "/unified/crm/contacts/a%2Fb%20c";
        network.respondWith({FakeResponse::json(200, R"({"id":"a/b c","title":"CTO"})"),
                             FakeResponse::json(200, R"({"id":"a/b c","title":"CTO"})")});

        // Sent: the id is one path segment, and the result says which record it was.
        ApiResult sent;
        QVERIFY(test::awaitResult(client.updateRecord({target, {{u"title"_s, u"CTO"_s}}, {}, u"key-1"_s}), sent));
        QVERIFY(sent.ok());
        QCOMPARE(network.requests().at(0).request.url().path(QUrl::FullyEncoded).toLatin1(), encodedPath);
        QCOMPARE(sent.request.target, target);

        // Listed in the history under the whole id.
        QVERIFY(history.append(HistoryEntry::fromResult(sent)));
        const QList<HistorySummary> rows = history.browse(0, 10);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().resource, u"contacts"_s);
        QCOMPARE(rows.first().recordId, u"a/b c"_s);

        // Reopened: the rebuilt result is about the same record.
        const std::optional<HistoryEntry> stored = history.fetch(rows.first().id);
        QVERIFY(stored);
        QCOMPARE(stored->target, target);
        const ApiResult reopened = toApiResult(*stored);
        QCOMPARE(reopened.request.target, target);

        // Resent: the same encoded path and account, a new key, and the same target again.
        ApiResult resent;
        QVERIFY(test::awaitResult(client.resend(reopened.request, u"key-2"_s), resent));
        QVERIFY(resent.ok());
        const FakeRequest &again = network.requests().at(1);
        QCOMPARE(again.verb, "PATCH"_ba);
        QCOMPARE(again.request.url().path(QUrl::FullyEncoded).toLatin1(), encodedPath);
        QCOMPARE(again.header("Idempotency-Key"), "key-2"_ba);
        QCOMPARE(again.body, network.requests().at(0).body);
        QCOMPARE(resent.request.target, target);
        QVERIFY(history.append(HistoryEntry::fromResult(resent)));
        QCOMPARE(history.search(u"a/b c"_s, 0, 10).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestRecordIdentity)
#include "tst_recordidentity.moc"
