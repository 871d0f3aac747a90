// Comparing responses: JsonDiff on its own, then ResponseDiffView.
#include "inspector/jsondiff.h"
#include "inspector/responsediffview.h"

#include "inspectorfixtures.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

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

class TestInspectorDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shouldFindNothingBetweenEquivalentDocuments();
    void shouldReportAddedRemovedAndChangedByPath();
    void shouldCompareArraysByPosition();
    void shouldMatchReorderedRecordsById();
    void shouldReportTypeChanges();
    void shouldCompareFiveThousandNestedLevels();
    void shouldStopAtTheLimit();
    void shouldListStatusHeadersAndBodyDifferences();
    void shouldFilterByKindAndPath();
    void shouldExplainWhenBodiesAreNotJson();
};

void TestInspectorDiff::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestInspectorDiff::shouldFindNothingBetweenEquivalentDocuments()
{
    const JsonDiff::Result result = JsonDiff::compare(R"({"a":1.0,"b":"\u00e9","c":[1,2],"d":{"x":null}})",
                                                      "{ \"d\": {\"x\": null}, \"c\": [1, 2], \"b\": \"é\", \"a\": 1 }");
    QVERIFY2(result.isEmpty(), qPrintable(describe(result).join(u'\n')));
}

void TestInspectorDiff::shouldReportAddedRemovedAndChangedByPath()
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

void TestInspectorDiff::shouldCompareArraysByPosition()
{
    const JsonDiff::Result result = JsonDiff::compare(R"({"n":[1,2,3]})", R"({"n":[1,5]})");
    QCOMPARE(describe(result), (QStringList{u"~ n[1] 2|5"_s, u"- n[2] 3|"_s}));
}

void TestInspectorDiff::shouldMatchReorderedRecordsById()
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

void TestInspectorDiff::shouldReportTypeChanges()
{
    QCOMPARE(describe(JsonDiff::compare(R"({"a":"42","b":null})", R"({"a":42,"b":{}})")),
             (QStringList{u"~ a \"42\"|42"_s, u"~ b null|{…} 0 keys"_s}));
}

void TestInspectorDiff::shouldCompareFiveThousandNestedLevels()
{
    const QByteArray before = QByteArray(5000, '[') + "1" + QByteArray(5000, ']');
    const QByteArray after = QByteArray(5000, '[') + "2" + QByteArray(5000, ']');
    const JsonDiff::Result result = JsonDiff::compare(before, after);
    QCOMPARE(result.changed, 1);
    QCOMPARE(result.differences.first().path, QString(u"[0]"_s).repeated(5000));
}

void TestInspectorDiff::shouldStopAtTheLimit()
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

void TestInspectorDiff::shouldListStatusHeadersAndBodyDifferences()
{
    ResponseDiffView view;
    view.resize(1000, 500);
    view.show();
    const ApiResult before = fixtures::unifiedContactResult();
    ApiResult after = fixtures::unifiedContactResult();
    after.body.replace("Head of Operations", "COO");
    after.headers[2].second = "96"; // ratelimit-remaining
    QSignalSpy ready(&view, &ResponseDiffView::diffReady);
    view.compare(before, after);
    QVERIFY(ready.wait(5000));
    QTreeWidget *list = view.list();
    QCOMPARE(list->topLevelItemCount(), 3);
    QCOMPARE(list->topLevelItem(0)->text(ResponseDiffView::PathColumn), u"(header) ratelimit-remaining"_s);
    QCOMPARE(list->topLevelItem(1)->text(ResponseDiffView::PathColumn), u"title"_s);
    QCOMPARE(list->topLevelItem(1)->text(ResponseDiffView::BeforeColumn), u"\"Head of Operations\""_s);
    QCOMPARE(list->topLevelItem(1)->text(ResponseDiffView::AfterColumn), u"\"COO\""_s);
    QCOMPARE(list->topLevelItem(2)->text(ResponseDiffView::PathColumn), u"remote_data.properties.jobtitle"_s);
    QVERIFY(view.summaryText().endsWith(
        u"2 changed, 0 added, 0 removed in the body; 1 difference in status and headers."_s));
}

void TestInspectorDiff::shouldFilterByKindAndPath()
{
    ResponseDiffView view;
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy ready(&view, &ResponseDiffView::diffReady);
    view.compare(fixtures::jsonResult(R"({"a":1,"b":2,"gone":true})"),
                 fixtures::jsonResult(R"({"a":1,"b":3,"new":true,"new2":false})"));
    QVERIFY(ready.wait(5000));
    QCOMPARE(view.visibleRows(), 4);
    auto *kind = view.findChild<QComboBox *>(u"diffKindFilter"_s);
    kind->setFocus();
    QTest::keyClick(kind, Qt::Key_Down); // Changed
    QTest::keyClick(kind, Qt::Key_Down); // Added
    QCOMPARE(kind->currentText(), u"Added"_s);
    QCOMPARE(view.visibleRows(), 2);
    QTest::keyClicks(view.findChild<QLineEdit *>(u"diffPathFilter"_s), u"new2"_s);
    QCOMPARE(view.visibleRows(), 1);
}

void TestInspectorDiff::shouldExplainWhenBodiesAreNotJson()
{
    ResponseDiffView view;
    QSignalSpy ready(&view, &ResponseDiffView::diffReady);
    ApiResult html = fixtures::jsonResult("<html>502</html>", "", 502);
    view.compare(html, fixtures::unifiedContactResult());
    QVERIFY(ready.wait(5000));
    QVERIFY(view.summaryText().contains(u"a structural diff needs two JSON bodies"_s));
    QCOMPARE(view.list()->topLevelItem(0)->text(ResponseDiffView::PathColumn), u"(status)"_s);
}

QTEST_MAIN(TestInspectorDiff)
#include "tst_inspectordiff.moc"
