// The body views: tree, pretty text and raw bytes of one body, search, paging and Save body.
#include "childwidget.h"
#include "inspector/bodyviews.h"
#include "inspector/hexview.h"
#include "inspector/jsontreemodel.h"
#include "inspector/jsontreeview.h"
#include "inspector/pagedtextview.h"
#include "inspector/prettybodyview.h"
#include "inspector/progressivetextedit.h"
#include "inspector/rawbodyview.h"

#include "inspectorfixtures.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QToolButton>

using namespace crmdesk;
using namespace Qt::StringLiterals;

class TestInspectorBody : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init();
    void cleanup();
    void shouldShowValidJsonAsTreePrettyAndRaw();
    void shouldExplainInvalidJsonAndJumpToTheError();
    void shouldShowNonUtf8TextInItsCharsetAndHexExactly();
    void shouldSayWhenTheBodyIsEmpty();
    void shouldOpenBinaryBodiesAsHex();
    void shouldPagePrettyTextAboveTheThreshold();
    void shouldPageRawTextAboveTheThreshold();
    void shouldKeepVeryLongLinesExactWhenCopied();
    void shouldHighlightOnlyTheLinesThatAreShown();
    void shouldHandleFiveThousandNestedLevels();
    void shouldFindTextAndMoveToTheNextMatch();
    void shouldFindKeyPathsInEveryView();
    void shouldSayWhenAPathDoesNotExist();
    void shouldSaveTheExactBytes();

private:
    void load(const QByteArray &body, const QByteArray &contentType = "application/json");
    void clickTab(BodyViews::View view);
    void search(const QString &text, bool byPath);
    template <typename T>
    T *child(const QString &name)
    {
        return test::child<T>(*m_views, name);
    }

    std::unique_ptr<BodyViews> m_views;
};

void TestInspectorBody::init()
{
    m_views = std::make_unique<BodyViews>();
    m_views->resize(900, 600);
    m_views->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_views.get()));
}

void TestInspectorBody::cleanup()
{
    m_views.reset();
}

void TestInspectorBody::load(const QByteArray &body, const QByteArray &contentType)
{
    QSignalSpy loaded(m_views.get(), &BodyViews::bodyLoaded);
    m_views->setBody(body, contentType);
    QVERIFY(loaded.wait(5000));
}

void TestInspectorBody::clickTab(BodyViews::View view)
{
    auto *tabs = child<QTabWidget>(u"bodyTabs"_s);
    QTabBar *bar = tabs->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(int(view)).center());
    QCOMPARE(m_views->currentView(), view);
}

void TestInspectorBody::search(const QString &text, bool byPath)
{
    auto *mode = child<QComboBox>(u"searchModeCombo"_s);
    mode->setFocus();
    QTest::keyClick(mode, byPath ? Qt::Key_End : Qt::Key_Home); // keyboard choice of the mode
    QCOMPARE(mode->currentIndex(), byPath ? 1 : 0);
    auto *edit = child<QLineEdit>(u"searchEdit"_s);
    if (edit->text() != text) {
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    QSignalSpy finished(m_views.get(), &BodyViews::searchFinished);
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(finished.count() > 0 || finished.wait(5000));
}

void TestInspectorBody::shouldShowValidJsonAsTreePrettyAndRaw()
{
    const QByteArray body = R"({"id":"51","tags":["vip"],"score":87})";
    load(body);
    QCOMPARE(m_views->currentView(), BodyViews::View::Tree);
    JsonTreeModel *model = m_views->treeModel();
    QVERIFY(model);
    QCOMPARE(model->rowCount(), 3);
    QVERIFY(child<QLabel>(u"bodyInfoLabel"_s)->text().contains(u"application/json"_s));

    clickTab(BodyViews::View::Pretty);
    ProgressiveTextEdit *pretty = m_views->prettyView()->view()->editor();
    QTRY_VERIFY(m_views->prettyView()->isReady() && !pretty->isLoading());
    QCOMPARE(pretty->text(), u"{\n  \"id\": \"51\",\n  \"tags\": [\n    \"vip\"\n  ],\n  \"score\": 87\n}"_s);
    QVERIFY(!m_views->prettyView()->isPaged());

    clickTab(BodyViews::View::Raw);
    ProgressiveTextEdit *raw = m_views->rawView()->textView()->editor();
    QTRY_VERIFY(!raw->isLoading());
    QCOMPARE(raw->text(), QString::fromUtf8(body));
}

void TestInspectorBody::shouldExplainInvalidJsonAndJumpToTheError()
{
    const QByteArray body = "{\n  \"a\": 1,\n}";
    load(body);
    auto *message = child<QLabel>(u"treeMessageLabel"_s);
    QCOMPARE(message->text(), u"Not valid JSON: Expected a quoted key (line 3, column 1)."_s);
    QVERIFY(!m_views->treeModel());

    auto *showInRaw = child<QPushButton>(u"showInRawButton"_s);
    QVERIFY(showInRaw->isVisible());
    QTest::mouseClick(showInRaw, Qt::LeftButton);
    QCOMPARE(m_views->currentView(), BodyViews::View::Raw);
    ProgressiveTextEdit *raw = m_views->rawView()->textView()->editor();
    QTRY_VERIFY(!raw->isLoading());
    QCOMPARE(raw->textCursor().selectedText(), u"}"_s);

    clickTab(BodyViews::View::Pretty);
    QVERIFY(m_views->prettyView()->view()->notice().startsWith(u"Not valid JSON: Expected a quoted key"_s));
}

void TestInspectorBody::shouldShowNonUtf8TextInItsCharsetAndHexExactly()
{
    const QByteArray body = "Caf\xE9 au lait\n";
    load(body, "text/plain; charset=iso-8859-1");
    QCOMPARE(m_views->currentView(), BodyViews::View::Raw); // no tree for text
    RawBodyView *raw = m_views->rawView();
    QTRY_VERIFY(!raw->textView()->editor()->isLoading());
    QCOMPARE(raw->textView()->editor()->text(), u"Café au lait\n"_s);
    QVERIFY(raw->textView()->notice().contains(u"Not valid UTF-8: shown as iso-8859-1"_s));

    QTest::mouseClick(child<QToolButton>(u"rawHexButton"_s), Qt::LeftButton);
    QVERIFY(raw->isHexMode());
    QCOMPARE(raw->hexView()->rowText(0),
             u"00000000  43 61 66 e9 20 61 75 20  6c 61 69 74 0a           |Caf. au lait.|"_s);
}

void TestInspectorBody::shouldSayWhenTheBodyIsEmpty()
{
    load(QByteArray(), "application/json");
    QCOMPARE(child<QLabel>(u"treeMessageLabel"_s)->text(), u"The body is empty."_s);
    clickTab(BodyViews::View::Raw);
    QCOMPARE(m_views->rawView()->textView()->notice(), u"The body is empty."_s);
}

void TestInspectorBody::shouldOpenBinaryBodiesAsHex()
{
    const QByteArray png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    load(png, "image/png");
    QCOMPARE(m_views->currentView(), BodyViews::View::Raw);
    QVERIFY(m_views->rawView()->isHexMode());
    QVERIFY(m_views->rawView()->hexView()->rowText(0).startsWith(u"00000000  89 50 4e 47 0d 0a 1a 0a"_s));
    QVERIFY(child<QLabel>(u"treeMessageLabel"_s)->text().contains(u"image/png"_s));
}

void TestInspectorBody::shouldPagePrettyTextAboveTheThreshold()
{
    const QByteArray body = fixtures::contactListBody(400); // ~60 KB, ~6000 pretty lines
    m_views->setLargeBodyThreshold(1024);
    load(body);
    clickTab(BodyViews::View::Pretty);
    PrettyBodyView *pretty = m_views->prettyView();
    QTRY_VERIFY(pretty->isReady() && !pretty->view()->editor()->isLoading());
    QVERIFY(pretty->isPaged());
    QVERIFY(pretty->view()->pageCount() >= 2);
    QVERIFY(pretty->view()->notice().contains(u"shown in pages"_s));
    QVERIFY(child<QWidget>(u"prettyViewPager"_s)->isVisible());
    QCOMPARE(pretty->view()->editor()->document()->blockCount(), PrettyBodyView::PageLines);
    const QString first = pretty->view()->editor()->text();
    QVERIFY(first.startsWith(u"{\n  \"result\": ["_s));

    QTest::mouseClick(child<QToolButton>(u"prettyViewNextPage"_s), Qt::LeftButton);
    QTRY_VERIFY(!pretty->view()->editor()->isLoading());
    QCOMPARE(pretty->view()->currentPage(), 1);
    QVERIFY(pretty->view()->editor()->text() != first);

    // Raising the threshold above the body shows it whole again.
    m_views->setLargeBodyThreshold(10 * 1024 * 1024);
    QTRY_VERIFY(pretty->isReady() && !pretty->view()->editor()->isLoading());
    QVERIFY(!pretty->isPaged());
    QVERIFY(!child<QWidget>(u"prettyViewPager"_s)->isVisible());
    QVERIFY(pretty->view()->editor()->text().endsWith(u"\"result_count\": 400\n}"_s));
}

void TestInspectorBody::shouldPageRawTextAboveTheThreshold()
{
    const QByteArray body = fixtures::contactListBody(2700); // ~620 KB of ASCII on one line
    const int pages = int((body.size() + RawBodyView::PageBytes - 1) / RawBodyView::PageBytes);
    QVERIFY(pages >= 3);
    m_views->setLargeBodyThreshold(64 * 1024);
    load(body);
    clickTab(BodyViews::View::Raw);
    RawBodyView *raw = m_views->rawView();
    QTRY_VERIFY(!raw->textView()->editor()->isLoading());
    QCOMPARE(raw->textView()->pageCount(), pages);
    QVERIFY(raw->textView()->notice().contains(u"shown in pages"_s));
    QCOMPARE(raw->textView()->editor()->text(), QString::fromUtf8(body.left(RawBodyView::PageBytes)));
    QTest::mouseClick(child<QToolButton>(u"rawViewLastPage"_s), Qt::LeftButton);
    QTRY_VERIFY(!raw->textView()->editor()->isLoading());
    QCOMPARE(raw->textView()->currentPage(), pages - 1);
    QCOMPARE(raw->textView()->editor()->text(), QString::fromUtf8(body.mid((pages - 1) * RawBodyView::PageBytes)));
}

void TestInspectorBody::shouldKeepVeryLongLinesExactWhenCopied()
{
    const QByteArray body = fixtures::contactListBody(120); // ~20 KB on one line
    load(body);
    clickTab(BodyViews::View::Raw);
    ProgressiveTextEdit *raw = m_views->rawView()->textView()->editor();
    QTRY_VERIFY(!raw->isLoading());
    // Split for the layout engine...
    QVERIFY(raw->document()->blockCount() > 1);
    // ...but what is copied is what arrived.
    raw->setFocus();
    QTest::keyClick(raw, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(raw, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QString::fromUtf8(body));
}

void TestInspectorBody::shouldHighlightOnlyTheLinesThatAreShown()
{
    m_views->setLargeBodyThreshold(100 * 1024 * 1024);
    load(fixtures::contactListBody(300)); // about 4,500 pretty lines, one page
    clickTab(BodyViews::View::Pretty);
    ProgressiveTextEdit *pretty = m_views->prettyView()->view()->editor();
    QTRY_VERIFY(m_views->prettyView()->isReady() && !pretty->isLoading());
    QTextDocument *document = pretty->document();
    QVERIFY(document->blockCount() > 4000);
    const auto formatted = [document](int block) {
        return !document->findBlockByNumber(block).layout()->formats().isEmpty();
    };
    QVERIFY(formatted(1));      // on screen: coloured
    QVERIFY(!formatted(4000));  // never shown: no formats, no layout cost
    pretty->setFocus();
    QTest::keyClick(pretty, Qt::Key_End, Qt::ControlModifier);
    QTRY_VERIFY(formatted(document->blockCount() - 2));
    QVERIFY(!formatted(2000));
}

void TestInspectorBody::shouldHandleFiveThousandNestedLevels()
{
    const QByteArray body = QByteArray(5000, '[') + QByteArray(5000, ']');
    load(body);
    QVERIFY(m_views->treeModel());
    QCOMPARE(m_views->treeModel()->rowCount(), 1);
    clickTab(BodyViews::View::Pretty);
    QTRY_VERIFY(m_views->prettyView()->isReady() && !m_views->prettyView()->view()->editor()->isLoading());
    QCOMPARE(m_views->prettyView()->view()->editor()->document()->blockCount(), 9999);
}

void TestInspectorBody::shouldFindTextAndMoveToTheNextMatch()
{
    load(fixtures::unifiedContactBody());
    search(u"ZOE.LINDQVIST@"_s, false);
    JsonTreeView *tree = m_views->treeView();
    QCOMPARE(m_views->treeModel()->path(tree->currentIndex()), u"email_addresses[0].email"_s);
    QVERIFY(m_views->searchStatus().startsWith(u"Match at byte"_s));

    search(u"ZOE.LINDQVIST@"_s, false); // Enter again: the next one
    QCOMPARE(m_views->treeModel()->path(tree->currentIndex()), u"remote_data.properties.email"_s);

    clickTab(BodyViews::View::Raw);
    ProgressiveTextEdit *raw = m_views->rawView()->textView()->editor();
    QTRY_VERIFY(!raw->isLoading());
    QCOMPARE(raw->textCursor().selectedText(), u"zoe.lindqvist@"_s);

    search(u"no such text"_s, false);
    QCOMPARE(m_views->searchStatus(), u"No match for “no such text”"_s);
}

void TestInspectorBody::shouldFindKeyPathsInEveryView()
{
    load(fixtures::unifiedContactBody());
    search(u"remote_data.properties.jobtitle"_s, true);
    QCOMPARE(m_views->searchStatus(), u"Found remote_data.properties.jobtitle"_s);
    JsonTreeView *tree = m_views->treeView();
    QCOMPARE(m_views->treeModel()->path(tree->currentIndex()), u"remote_data.properties.jobtitle"_s);
    QVERIFY(tree->isExpanded(tree->currentIndex().parent()));

    clickTab(BodyViews::View::Pretty);
    ProgressiveTextEdit *pretty = m_views->prettyView()->view()->editor();
    QTRY_VERIFY(m_views->prettyView()->isReady() && !pretty->isLoading());
    QTRY_COMPARE(pretty->textCursor().selectedText().trimmed(), u"\"jobtitle\": \"Head of Operations\","_s);

    clickTab(BodyViews::View::Raw);
    ProgressiveTextEdit *raw = m_views->rawView()->textView()->editor();
    QTRY_VERIFY(!raw->isLoading());
    QCOMPARE(raw->textCursor().selectedText(), u"\"Head of Operations\""_s);

    search(u"email_addresses[0].is_primary"_s, true);
    QTest::mouseClick(child<QToolButton>(u"rawHexButton"_s), Qt::LeftButton);
    const qint64 offset = fixtures::unifiedContactBody().indexOf("true");
    QCOMPARE(m_views->rawView()->hexView()->highlightOffset(), offset);
}

void TestInspectorBody::shouldSayWhenAPathDoesNotExist()
{
    load(fixtures::unifiedContactBody());
    QSignalSpy finished(m_views.get(), &BodyViews::searchFinished);
    search(u"remote_data.nope"_s, true);
    QCOMPARE(finished.last().at(0).toBool(), false);
    QCOMPARE(m_views->searchStatus(), u"No value at remote_data.nope"_s);
    search(u"a..b"_s, true);
    QCOMPARE(m_views->searchStatus(), u"Not a key path"_s);
}

void TestInspectorBody::shouldSaveTheExactBytes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"body.bin"_s);
    QString suggested;
    m_views->setSavePathChooser([&suggested, path](QWidget *, const QString &name, const auto &done) {
        suggested = name;
        done(path);
    });
    const QByteArray body("\x00\xFF{not json\r\n\xE9", 14);
    load(body, "application/octet-stream");
    QSignalSpy saved(m_views.get(), &BodyViews::bodySaved);
    QTest::mouseClick(child<QPushButton>(u"saveBodyButton"_s), Qt::LeftButton);
    QVERIFY(saved.wait(5000));
    QCOMPARE(saved.first().at(1).toBool(), true);
    QCOMPARE(suggested, u"response.bin"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), body);
}

QTEST_MAIN(TestInspectorBody)
#include "tst_inspectorbody.moc"
