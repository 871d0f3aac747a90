// Saving a stream to a file as it arrives, and what the file holds when saving starts late.
#include "readfile.h"
#include "inspect/streamrecorder.h"

#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace crmdesk;
using crmdesk::test::readFile;
using namespace Qt::StringLiterals;


class TestStreamRecorder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void shouldWriteThroughWhenSavingStartsEarly();
    void shouldSayWhatTheFileHoldsWhenSavingStartsLate();
    void shouldSaveTheKeptStartOfAFinishedStream();
};

void TestStreamRecorder::shouldWriteThroughWhenSavingStartsEarly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"stream.ndjson"_s);
    StreamRecorder recorder;
    recorder.begin();
    recorder.append("one\n");
    QString error;
    QVERIFY(recorder.startSaving(path, &error));
    recorder.append("two\n");
    recorder.append("three\n");
    recorder.finish();
    QCOMPARE(readFile(path), QByteArray("one\ntwo\nthree\n"));
    QCOMPARE(recorder.savedBytes(), 14);
    QCOMPARE(recorder.saveSummary(), u"Saved all 14 bytes to %1."_s.arg(path));
}

void TestStreamRecorder::shouldSayWhatTheFileHoldsWhenSavingStartsLate()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"late.bin"_s);
    StreamRecorder recorder;
    recorder.setRetainLimit(10);
    recorder.begin();
    recorder.append("0123456789");
    recorder.append("abcdefghij"); // over the limit: from here only a file could keep it
    QVERIFY(!recorder.keptEverything());
    QVERIFY(recorder.startSaving(path, nullptr));
    recorder.append("KLMNO");
    recorder.finish();
    QCOMPARE(readFile(path), QByteArray("KLMNO"));
    QCOMPARE(recorder.savedFrom(), 20);
    QVERIFY(recorder.saveSummary().contains(u"from byte 20 on"_s));
    QCOMPARE(recorder.keptBytes(), QByteArray("0123456789"));
}

void TestStreamRecorder::shouldSaveTheKeptStartOfAFinishedStream()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"after.bin"_s);
    StreamRecorder recorder;
    recorder.setRetainLimit(10);
    recorder.begin();
    recorder.append("0123456789");
    recorder.append("abcdefghij");
    recorder.finish();
    QVERIFY(recorder.startSaving(path, nullptr));
    QCOMPARE(readFile(path), QByteArray("0123456789"));
    QVERIFY(recorder.saveSummary().startsWith(u"Saved the first 10 bytes of 20 bytes"_s));
}

QTEST_GUILESS_MAIN(TestStreamRecorder)
#include "tst_streamrecorder.moc"
