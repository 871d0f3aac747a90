// Streams: LineSplitter on its own, then StreamView driven by clicks (StreamRecorder:
// tests/app/tst_streamrecorder.cpp).
#include "readfile.h"
#include "inspector/hexview.h"
#include "inspector/lazyhighlighting.h"
#include "inspect/streamrecorder.h"
#include "inspector/streamview.h"

#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QTextLayout>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace crmdesk;
using crmdesk::test::readFile;
using namespace Qt::StringLiterals;

namespace {

ApiResult finished(ErrorKind kind = ErrorKind::None)
{
    ApiResult result;
    result.request.method = "GET";
    result.httpStatus = kind == ErrorKind::None ? 200 : 0;
    result.streamed = true;
    result.errorKind = kind;
    return result;
}

} // namespace

class TestInspectorStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void shouldSplitLinesAcrossChunkBoundaries();
    void shouldCutRunawayLinesSoMemoryStaysBounded();
    void shouldShowNdjsonLineByLineAsItArrives();
    void shouldColourLinesOnceTheStreamSettles();
    void shouldShowBinaryStreamsAsSizeAndHex();
    void shouldAskToCancelAndReportIt();
    void shouldSaveFromTheButtonWhileStreaming();
};

void TestInspectorStream::shouldSplitLinesAcrossChunkBoundaries()
{
    LineSplitter splitter;
    QCOMPARE(splitter.feed(R"({"a":1})" "\n" R"({"b")"), QList<QByteArray>{R"({"a":1})"});
    QCOMPARE(splitter.feed(":2}"), QList<QByteArray>{});
    QCOMPARE(splitter.feed("\r\n{\"c\":3}"), QList<QByteArray>{R"({"b":2})"});
    QCOMPARE(splitter.flush(), QByteArray(R"({"c":3})"));
    QCOMPARE(splitter.flush(), QByteArray());
}

void TestInspectorStream::shouldCutRunawayLinesSoMemoryStaysBounded()
{
    LineSplitter splitter;
    const QList<QByteArray> pieces = splitter.feed(QByteArray(3 * LineSplitter::MaxLine + 10, 'x'));
    QCOMPARE(pieces.size(), 3);
    QCOMPARE(pieces.first().size(), LineSplitter::MaxLine);
    QCOMPARE(splitter.flush().size(), 10);
}




void TestInspectorStream::shouldShowNdjsonLineByLineAsItArrives()
{
    StreamView view;
    view.resize(800, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    SentRequest request;
    request.method = "GET";
    view.begin(request);
    QVERIFY(view.isRunning());
    view.append(R"({"id":"1","name":"Ada"})" "\n" R"({"id":"2",)");
    QTRY_COMPARE(view.lineCount(), 1);
    QTRY_COMPARE(view.shownText(), uR"({"id":"1","name":"Ada"})"_s);
    QCOMPARE(view.mode(), StreamView::Mode::Lines);
    view.append(R"("name":"Zoë"})" "\n" R"({"id":"3"})");
    QTRY_COMPARE(view.lineCount(), 2);
    QVERIFY(view.statusText().startsWith(u"Streaming: "_s));
    view.finish(finished());
    QCOMPARE(view.lineCount(), 3);
    QCOMPARE(view.shownText().split(u'\n'),
             (QStringList{uR"({"id":"1","name":"Ada"})"_s, uR"({"id":"2","name":"Zoë"})"_s, uR"({"id":"3"})"_s}));
    QVERIFY2(view.statusText().startsWith(u"Finished: 59 bytes in "_s), qPrintable(view.statusText()));
    QVERIFY(view.statusText().endsWith(u" · 3 lines"_s));
    QVERIFY(!view.findChild<QPushButton *>(u"streamCancelButton"_s)->isEnabled());
}

void TestInspectorStream::shouldColourLinesOnceTheStreamSettles()
{
    StreamView view;
    view.resize(800, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.begin({});
    view.append(R"({"id":"1","name":"Ada"})" "\n");
    QTRY_COMPARE(view.lineCount(), 1);
    auto *lines = view.findChild<QPlainTextEdit *>(u"streamLinesText"_s);
    const QTextBlock first = lines->document()->firstBlock();
    // Colour comes once lines stop scrolling past, not on every update of a fast stream.
    QTRY_VERIFY(LazyHighlighting::isHighlighted(first));
    QVERIFY(!first.layout()->formats().isEmpty());
}

void TestInspectorStream::shouldShowBinaryStreamsAsSizeAndHex()
{
    StreamView view;
    view.show();
    view.begin({});
    QByteArray binary(600, '\0');
    binary[0] = char(0x25);
    binary[1] = char(0x50);
    view.append(binary);
    QTRY_VERIFY(view.hexView()->rowCount() == 600 / 16 + 1);
    QCOMPARE(view.mode(), StreamView::Mode::Binary);
    QVERIFY(view.hexView()->rowText(0).startsWith(u"00000000  25 50 00"_s));
    view.finish(finished());
    QCOMPARE(view.recorder().bytesReceived(), 600);
}

void TestInspectorStream::shouldAskToCancelAndReportIt()
{
    StreamView view;
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.begin({});
    view.append("line\n");
    QSignalSpy cancel(&view, &StreamView::cancelRequested);
    auto *button = view.findChild<QPushButton *>(u"streamCancelButton"_s);
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(cancel.count(), 1);
    view.finish(finished(ErrorKind::Cancelled));
    QVERIFY(view.statusText().startsWith(u"Cancelled after 5 bytes"_s));
    QVERIFY(!button->isEnabled());
}

void TestInspectorStream::shouldSaveFromTheButtonWhileStreaming()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"saved.ndjson"_s);
    StreamView view;
    view.setSavePathChooser([path](QWidget *, const QString &, const auto &done) { done(path); });
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.begin({});
    view.append("{\"n\":1}\n");
    QTest::mouseClick(view.findChild<QPushButton *>(u"streamSaveButton"_s), Qt::LeftButton);
    QVERIFY(view.recorder().isSaving());
    view.append("{\"n\":2}\n");
    view.finish(finished());
    QCOMPARE(readFile(path), QByteArray("{\"n\":1}\n{\"n\":2}\n"));
    QCOMPARE(view.saveStatusText(), u"Saved all 16 bytes to %1."_s.arg(path));
}

QTEST_MAIN(TestInspectorStream)
#include "tst_inspectorstream.moc"
