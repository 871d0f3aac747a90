// The panels below the form as a person meets them: until there is a response the form has the
// whole height and the Response area is a button in the status bar; the History fills when it
// is opened. (Neither is built
// before the first frame: that is what keeps start-up at bare-Qt speed, see bench_startup.)
#include "api/trutoclient.h"
#include "childwidget.h"
#include "history/historypanel.h"
#include "history/historyservice.h"
#include "historyfixtures.h"
#include "inspector/responseinspector.h"
#include "main/mainwindow.h"

#include <QDockWidget>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QToolButton>
#include <QTemporaryDir>
#include <QTest>

using namespace crmdesk;
using namespace crmdesk::test;
using namespace Qt::StringLiterals;


class TestMainWindowPanels : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_network;
    TrutoClient m_client{&m_network};

private Q_SLOTS:
    void shouldKeepTheResponseAreaCollapsedUntilThereIsAResponse()
    {
        AppServices services;
        services.client = &m_client;
        MainWindow window(services);
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *dock = child<QDockWidget>(window, u"inspectorDock"_s);
        auto *toggle = child<QToolButton>(window, u"responseToggle"_s);
        QVERIFY(!dock->isVisible()); // the form gets the room
        QVERIFY(toggle->isVisible());
        QVERIFY(toggle->text().contains(u"none yet"_s));
        // Opened by hand before anything arrived: it says so.
        QTest::mouseClick(toggle, Qt::LeftButton);
        QTRY_VERIFY(dock->isVisible());
        QVERIFY(child<QLabel>(window, u"noResponseHint"_s)->text().contains(u"No response yet"_s));
        QTest::mouseClick(toggle, Qt::LeftButton);
        QTRY_VERIFY(!dock->isVisible());

        ApiResult result;
        result.httpStatus = 200;
        result.body = R"({"id":"501","first_name":"Ada"})";
        result.headers = {{"content-type", "application/json"}};
        result.bodySize = result.body.size();
        result.request.method = "GET";
        result.request.url = QUrl(u"http://127.0.0.1/unified/crm/contacts/501"_s);
        window.inspector()->showResult(result);
        QCOMPARE(dock->widget(), window.inspector());
        QVERIFY(!window.findChild<QLabel *>(u"noResponseHint"_s)); // replaced, not hidden behind
        QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier); // View > Response
        QTRY_VERIFY(dock->isVisible());
        QVERIFY(toggle->isChecked());
    }

    void shouldFillTheHistoryWhenItsTabIsOpened()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        HistoryService history(dir.filePath(u"history.sqlite"_s));
        QSignalSpy opened(&history, &HistoryService::opened);
        history.open(this, {});
        QVERIFY(opened.wait(5000));
        history.append(historyEntry("PATCH", contactTarget(u"501"_s), 200, "{}", "{}"));

        AppServices services;
        services.client = &m_client;
        services.history = &history;
        MainWindow window(services);
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.findChild<HistoryPanel *>()); // not built before it is asked for
        QTest::mouseClick(child<QToolButton>(window, u"historyToggle"_s), Qt::LeftButton);
        QTRY_VERIFY(window.findChild<HistoryPanel *>() && window.findChild<HistoryPanel *>()->isVisible());
        QTRY_COMPARE(window.findChild<HistoryPanel *>()->shownCount(), 1);
    }
};

QTEST_MAIN(TestMainWindowPanels)
#include "tst_mainwindowpanels.moc"
