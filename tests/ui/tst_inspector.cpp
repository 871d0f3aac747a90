// The response inspector as the main window uses it: ApiResults in, signals out.
#include "inspector/bodyviews.h"
#include "inspector/errorsummary.h"
#include "inspector/headersview.h"
#include "inspector/jsontreemodel.h"
#include "inspector/prettybodyview.h"
#include "inspector/progressivetextedit.h"
#include "inspector/pagedtextview.h"
#include "inspector/requestview.h"
#include "inspector/responsediffview.h"
#include "inspector/responseinspector.h"
#include "inspector/responsesummary.h"
#include "inspector/streamview.h"
#include "inspector/unifiedrawview.h"

#include "inspectorfixtures.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

using Page = ResponseInspector::Page;

class TestInspector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void shouldShowEverythingAboutAResponse();
    void shouldOfferSideBySideForUnifiedAndNormalizedOnly();
    void shouldUseASeparateRawResponseWhenGiven();
    void shouldForwardMissingFieldClicks();
    void shouldStreamLineByLineAndForwardCancel();
    void shouldShowAStreamKeptWholeInTheBodyViews();
    void shouldCompareWithAnotherResponse();
    void shouldPageLargeBodiesAboveTheThreshold();
    void shouldSayWhenTheBodyWasStreamedAway();

private:
    void show(const ApiResult &result);
    void clickPage(Page page);

    std::unique_ptr<ResponseInspector> m_inspector;
};

void TestInspector::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestInspector::init()
{
    m_inspector = std::make_unique<ResponseInspector>();
    m_inspector->resize(1100, 700);
    m_inspector->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_inspector.get()));
}

void TestInspector::cleanup()
{
    m_inspector.reset();
}

void TestInspector::show(const ApiResult &result)
{
    QSignalSpy loaded(m_inspector.get(), &ResponseInspector::bodyLoaded);
    m_inspector->showResult(result);
    QVERIFY(loaded.wait(5000));
}

void TestInspector::clickPage(Page page)
{
    auto *tabs = m_inspector->findChild<QTabWidget *>(u"inspectorTabs"_s);
    QTabBar *bar = tabs->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(int(page)).center());
    QCOMPARE(m_inspector->currentPage(), page);
}

void TestInspector::shouldShowEverythingAboutAResponse()
{
    show(fixtures::unifiedContactResult());
    QCOMPARE(m_inspector->summary()->statusText(), u"200 OK"_s);
    QVERIFY(!m_inspector->errorSummary()->isVisible());
    QCOMPARE(m_inspector->currentPage(), Page::Body);
    QVERIFY(m_inspector->bodyViews()->treeModel());
    QCOMPARE(m_inspector->bodyViews()->treeModel()->rowCount(), 14);

    auto *tabs = m_inspector->findChild<QTabWidget *>(u"inspectorTabs"_s);
    QCOMPARE(tabs->tabText(int(Page::Headers)), u"Headers (5)"_s);
    clickPage(Page::Headers);
    QCOMPARE(m_inspector->headersView()->rowCount(), 5);
    QCOMPARE(m_inspector->headersView()->highlightedHeaders().size(), 3);
    clickPage(Page::Request);
    QVERIFY(m_inspector->requestView()->requestLine().startsWith(u"GET https://api.truto.one/unified/crm/contacts/51"_s));
    clickPage(Page::Timing);
    QVERIFY(!m_inspector->isPageEnabled(Page::Stream));
    QVERIFY(!m_inspector->isPageEnabled(Page::Compare));
}

void TestInspector::shouldOfferSideBySideForUnifiedAndNormalizedOnly()
{
    show(fixtures::unifiedContactResult());
    QTRY_VERIFY(m_inspector->isPageEnabled(Page::UnifiedRaw));
    clickPage(Page::UnifiedRaw);
    QTRY_VERIFY(m_inspector->unifiedRawView()->linksReady());

    show(fixtures::jsonResult(fixtures::unifiedContactBody(),
                              "integrated_account_id=acc-1&truto_response_format=normalized"));
    QTRY_VERIFY(m_inspector->isPageEnabled(Page::UnifiedRaw));

    // A raw response has no unified side; the inspector falls back to the body.
    show(fixtures::rawContactResult());
    QVERIFY(!m_inspector->isPageEnabled(Page::UnifiedRaw));
    QCOMPARE(m_inspector->currentPage(), Page::Body);
}

void TestInspector::shouldUseASeparateRawResponseWhenGiven()
{
    // Fetched with truto_ignore_remote_data: nothing to compare with yet.
    QByteArray body = fixtures::unifiedContactBody();
    body.truncate(body.indexOf(",\n  \"remote_data\""));
    body += "\n}";
    show(fixtures::jsonResult(body, "integrated_account_id=acc-1&truto_ignore_remote_data=true"));
    QVERIFY(!m_inspector->isPageEnabled(Page::UnifiedRaw));

    m_inspector->setRawResponse(fixtures::rawContactResult());
    QTRY_VERIFY(m_inspector->isPageEnabled(Page::UnifiedRaw));
    clickPage(Page::UnifiedRaw);
    UnifiedRawView *view = m_inspector->unifiedRawView();
    QTRY_VERIFY(view->linksReady());
    QCOMPARE(view->findChild<QLabel *>(u"rawPaneTitle"_s)->text(), u"Raw: separate response"_s);
    view->selectUnifiedField(u"title"_s);
    QCOMPARE(view->highlightedRawPaths(), QStringList{u"properties.jobtitle"_s});
}

void TestInspector::shouldForwardMissingFieldClicks()
{
    show(fixtures::providerValidationError());
    QVERIFY(m_inspector->errorSummary()->isVisible());
    QCOMPARE(m_inspector->summary()->statusText(), u"422 Unprocessable Entity"_s);
    QSignalSpy activated(m_inspector.get(), &ResponseInspector::missingFieldActivated);
    QTest::mouseClick(m_inspector->findChild<QPushButton *>(u"missingField_email"_s), Qt::LeftButton);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().at(0).toString(), u"email"_s);
    // The envelope itself is browsable.
    QVERIFY(m_inspector->bodyViews()->treeModel()->indexForPath(u"raw_response.errors[0].code"_s).isValid());

    // The next, successful response clears the error.
    show(fixtures::unifiedContactResult());
    QVERIFY(!m_inspector->errorSummary()->isVisible());
}

void TestInspector::shouldStreamLineByLineAndForwardCancel()
{
    SentRequest request = fixtures::unifiedContactResult().request;
    request.url = QUrl::fromEncoded("https://api.truto.one/unified/crm/contacts?truto_response_format=stream");
    m_inspector->beginStream(request);
    QCOMPARE(m_inspector->currentPage(), Page::Stream);
    QVERIFY(m_inspector->summary()->statusText().startsWith(u"Streaming"_s));
    m_inspector->appendStreamBytes(R"({"id":"1"})" "\n" R"({"id")");
    m_inspector->appendStreamBytes(R"(:"2"})" "\n");
    StreamView *stream = m_inspector->streamView();
    QTRY_COMPARE(stream->lineCount(), 2);
    QTRY_VERIFY2(m_inspector->summary()->timingText().startsWith(u"22 bytes received"_s), qPrintable(m_inspector->summary()->timingText()));

    QSignalSpy cancel(m_inspector.get(), &ResponseInspector::cancelRequested);
    QTest::mouseClick(m_inspector->findChild<QPushButton *>(u"streamCancelButton"_s), Qt::LeftButton);
    QCOMPARE(cancel.count(), 1);

    ApiResult cancelled;
    cancelled.request = request;
    cancelled.errorKind = ErrorKind::Cancelled;
    cancelled.errorString = u"Cancelled by you after 22 bytes"_s;
    cancelled.streamed = true;
    cancelled.bodySize = 22;
    m_inspector->finishStream(cancelled);
    QVERIFY(stream->statusText().startsWith(u"Cancelled after 22 bytes"_s));
    QVERIFY(m_inspector->errorSummary()->isVisible());
    QCOMPARE(m_inspector->currentPage(), Page::Stream);
}

void TestInspector::shouldShowAStreamKeptWholeInTheBodyViews()
{
    m_inspector->beginStream(fixtures::unifiedContactResult().request);
    const QByteArray body = fixtures::unifiedContactBody();
    m_inspector->appendStreamBytes(body.left(100));
    m_inspector->appendStreamBytes(body.mid(100));
    ApiResult done = fixtures::unifiedContactResult();
    done.body.clear(); // a streamed 2xx body is not kept by the client
    done.streamed = true;
    QSignalSpy loaded(m_inspector.get(), &ResponseInspector::bodyLoaded);
    m_inspector->finishStream(done);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(m_inspector->bodyViews()->document()->bytes, body);
    QVERIFY(m_inspector->bodyViews()->treeModel());
}

void TestInspector::shouldCompareWithAnotherResponse()
{
    show(fixtures::unifiedContactResult());
    ApiResult before = fixtures::unifiedContactResult();
    before.body.replace("\"COO\"", "\"x\"");
    before.body.replace("Zoë Lindqvist\"", "Zoe Lindqvist\"");
    m_inspector->compareWith(before);
    QCOMPARE(m_inspector->currentPage(), Page::Compare);
    ResponseDiffView *diff = m_inspector->diffView();
    QTRY_VERIFY(diff->isReady());
    QCOMPARE(diff->bodyDifferences().changed, 1);
    QCOMPARE(diff->bodyDifferences().differences.first().path, u"name"_s);
    QCOMPARE(diff->bodyDifferences().differences.first().before, u"\"Zoe Lindqvist\""_s);
}

void TestInspector::shouldPageLargeBodiesAboveTheThreshold()
{
    m_inspector->setLargeBodyThreshold(4096);
    QCOMPARE(m_inspector->largeBodyThreshold(), 4096);
    show(fixtures::jsonResult(fixtures::contactListBody(300)));
    BodyViews *body = m_inspector->bodyViews();
    body->setCurrentView(BodyViews::View::Pretty);
    QTRY_VERIFY(body->prettyView()->isReady());
    QVERIFY(body->prettyView()->isPaged());
    QVERIFY(body->prettyView()->view()->pageCount() > 1);
}

void TestInspector::shouldSayWhenTheBodyWasStreamedAway()
{
    ApiResult result = fixtures::unifiedContactResult();
    result.body.clear();
    result.streamed = true;
    result.bodySize = 5 * 1024 * 1024;
    m_inspector->showResult(result);
    QCOMPARE(m_inspector->findChild<QLabel *>(u"treeMessageLabel"_s)->text(),
             u"The body (5.0 MB) was streamed and not kept."_s);
}

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
