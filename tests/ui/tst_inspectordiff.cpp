// Comparing responses in ResponseDiffView (JsonDiff itself: tests/app/tst_jsondiff.cpp).
#include "inspector/responsediffview.h"

#include "inspectorfixtures.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace crmdesk;
using namespace Qt::StringLiterals;

class TestInspectorDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shouldListStatusHeadersAndBodyDifferences();
    void shouldFilterByKindAndPath();
    void shouldExplainWhenBodiesAreNotJson();
};

void TestInspectorDiff::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
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
