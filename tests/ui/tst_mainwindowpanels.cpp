// The panels below the form as a person meets them: before any call the Response area says
// there is nothing to show yet, and the History tab fills when it is opened. (Neither is built
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
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>

using namespace crmdesk;
using namespace crmdesk::test;
using namespace Qt::StringLiterals;

namespace {

// The tab a person clicks to bring a tabified dock forward.
QTabBar *tabBarWith(const QMainWindow &window, const QString &title, int *index)
{
    for (QTabBar *bar : window.findChildren<QTabBar *>()) {
        for (int i = 0; i < bar->count(); ++i) {
            if (bar->tabText(i) == title) {
                *index = i;
                return bar;
            }
        }
    }
    return nullptr;
}

} // namespace

class TestMainWindowPanels : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_network;
    TrutoClient m_client{&m_network};

private Q_SLOTS:
    void shouldSayThereIsNoResponseUntilOneArrives()
    {
        AppServices services;
        services.client = &m_client;
        MainWindow window(services);
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *hint = child<QLabel>(window, u"noResponseHint"_s);
        QVERIFY(hint->isVisible());
        QVERIFY(hint->text().contains(u"No response yet"_s));

        ApiResult result;
        result.httpStatus = 200;
        result.body = R"({"id":"501","first_name":"Ada"})";
        result.headers = {{"content-type", "application/json"}};
        result.bodySize = result.body.size();
        window.inspector()->showResult(result);
        QVERIFY(window.inspector()->isVisible());
        QCOMPARE(child<QDockWidget>(window, u"inspectorDock"_s)->widget(), window.inspector());
        QVERIFY(!window.findChild<QLabel *>(u"noResponseHint"_s)); // replaced, not hidden behind
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
        int index = -1;
        QTabBar *tabs = tabBarWith(window, u"History"_s, &index);
        QVERIFY(tabs);
        QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(index).center());
        QTRY_VERIFY(window.findChild<HistoryPanel *>() && window.findChild<HistoryPanel *>()->isVisible());
        QTRY_COMPARE(window.findChild<HistoryPanel *>()->shownCount(), 1);
    }
};

QTEST_MAIN(TestMainWindowPanels)
#include "tst_mainwindowpanels.moc"
