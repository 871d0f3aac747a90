// Comparing two JSON documents by path: the widget-free core of the response diff.
#include "inspect/jsondiff.h"

#include <QLocale>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

namespace {

using Kind = JsonDifference::Kind;

QStringList describe(const JsonDiff::Result &result)
{
    QStringList out;
    for (const JsonDifference &d : result.differences) {
        const char *kind = d.kind == Kind::Added ? "+" : d.kind == Kind::Removed ? "-" : "~";
        out << QString::fromLatin1(kind) + u' ' + d.path + u' ' + d.before + u'|' + d.after;
    }
    return out;
}

} // namespace

class TestJsonDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void shouldFindNothingBetweenEquivalentDocuments();
    void shouldReportAddedRemovedAndChangedByPath();
    void shouldCompareArraysByPosition();
    void shouldMatchReorderedRecordsById();
    void shouldReportTypeChanges();
    void shouldCompareFiveThousandNestedLevels();
    void shouldStopAtTheLimit();
};

void TestJsonDiff::shouldFindNothingBetweenEquivalentDocuments()
{
    const JsonDiff::Result result = JsonDiff::compare(R"({"a":1.0,"b":"\u00e9","c":[1,2],"d":{"x":null}})",
                                                      "{ \"d\": {\"x\": null}, \"c\": [1, 2], \"b\": \"é\", \"a\": 1 }");
    QVERIFY2(result.isEmpty(), qPrintable(describe(result).join(u'\n')));
}

void TestJsonDiff::shouldReportAddedRemovedAndChangedByPath()
{
    const JsonDiff::Result result = JsonDiff::compare(
        R"({"id":"51","email":"old@x.io","tags":["a"],"owner":{"id":"7"}})",
        R"({"id":"51","email":"new@x.io","owner":{"id":"7","name":"Ann"},"title":"CTO"})");
    QCOMPARE(describe(result), (QStringList{u"~ email \"old@x.io\"|\"new@x.io\""_s,
                                            u"- tags […] 1 item|"_s,
                                            u"+ owner.name |\"Ann\""_s,
                                            u"+ title |\"CTO\""_s}));
    QCOMPARE(result.changed, 1);
    QCOMPARE(result.added, 2);
    QCOMPARE(result.removed, 1);
}

void TestJsonDiff::shouldCompareArraysByPosition()
{
    const JsonDiff::Result result = JsonDiff::compare(R"({"n":[1,2,3]})", R"({"n":[1,5]})");
    QCOMPARE(describe(result), (QStringList{u"~ n[1] 2|5"_s, u"- n[2] 3|"_s}));
}

void TestJsonDiff::shouldMatchReorderedRecordsById()
{
    const QByteArray before = R"({"result":[{"id":"1","s":"open"},{"id":"2","s":"won"},{"id":"3","s":"new"}]})";
    const QByteArray after = R"({"result":[{"id":"2","s":"won"},{"id":"1","s":"lost"},{"id":"4","s":"new"}]})";
    QCOMPARE(describe(JsonDiff::compare(before, after)),
             (QStringList{u"~ result[1].s \"open\"|\"lost\""_s, u"- result[2] {…} 2 keys|"_s,
                          u"+ result[2] |{…} 2 keys"_s}));
    // Without id matching every position differs.
    JsonDiff::Options byPosition;
    byPosition.matchArraysById = false;
    QCOMPARE(JsonDiff::compare(before, after, byPosition).changed, 5);
}

void TestJsonDiff::shouldReportTypeChanges()
{
    QCOMPARE(describe(JsonDiff::compare(R"({"a":"42","b":null})", R"({"a":42,"b":{}})")),
             (QStringList{u"~ a \"42\"|42"_s, u"~ b null|{…} 0 keys"_s}));
}

void TestJsonDiff::shouldCompareFiveThousandNestedLevels()
{
    const QByteArray before = QByteArray(5000, '[') + "1" + QByteArray(5000, ']');
    const QByteArray after = QByteArray(5000, '[') + "2" + QByteArray(5000, ']');
    const JsonDiff::Result result = JsonDiff::compare(before, after);
    QCOMPARE(result.changed, 1);
    QCOMPARE(result.differences.first().path, QString(u"[0]"_s).repeated(5000));
}

void TestJsonDiff::shouldStopAtTheLimit()
{
    QByteArray before = "[";
    QByteArray after = "[";
    for (int i = 0; i < 100; ++i) {
        before += (i ? "," : "") + QByteArray::number(i);
        after += (i ? "," : "") + QByteArray::number(i + 1000);
    }
    JsonDiff::Options options;
    options.maxDifferences = 10;
    const JsonDiff::Result result = JsonDiff::compare(before + "]", after + "]", options);
    QVERIFY(result.truncated);
    QCOMPARE(result.differences.size(), 10);
}

QTEST_GUILESS_MAIN(TestJsonDiff)
#include "tst_jsondiff.moc"
