// Reading the CSV files people export from spreadsheets and CRMs: every encoding Excel and
// LibreOffice save, both separators, quoted newlines and quotes; and matching their columns to
// the unified fields.
#include "bulkfixtures.h"
#include "bulk/columnmatch.h"
#include "bulk/csvreader.h"
#include "schema/schema.h"

#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

class TestBulkCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReadEveryEncodingWithAndWithoutBom_data()
    {
        QTest::addColumn<int>("encoding");
        QTest::addColumn<bool>("bom");
        QTest::addColumn<QString>("expectedEncoding");
        QTest::newRow("UTF-8") << int(QStringConverter::Utf8) << false << u"UTF-8"_s;
        QTest::newRow("UTF-8 BOM") << int(QStringConverter::Utf8) << true << u"UTF-8 with BOM"_s;
        QTest::newRow("UTF-16LE BOM") << int(QStringConverter::Utf16LE) << true << u"UTF-16LE with BOM"_s;
        QTest::newRow("UTF-16BE BOM") << int(QStringConverter::Utf16BE) << true << u"UTF-16BE with BOM"_s;
        QTest::newRow("UTF-16LE") << int(QStringConverter::Utf16LE) << false << u"UTF-16LE"_s;
        QTest::newRow("UTF-16BE") << int(QStringConverter::Utf16BE) << false << u"UTF-16BE"_s;
    }
    void shouldReadEveryEncodingWithAndWithoutBom()
    {
        QFETCH(int, encoding);
        QFETCH(bool, bom);
        QFETCH(QString, expectedEncoding);
        const QString text = u"id,first_name,last_name\r\n101,Zoë,Ångström\r\n102,Łukasz,Müller\r\n"_s;
        QString error;
        const auto table = readCsv(test::encoded(text, QStringConverter::Encoding(encoding), bom), &error);
        QVERIFY2(table, qPrintable(error));
        QCOMPARE(table->encoding, expectedEncoding);
        QCOMPARE(table->header, (QStringList{u"id"_s, u"first_name"_s, u"last_name"_s}));
        QCOMPARE(table->rows.size(), 2);
        QCOMPARE(table->rows.at(0), (QStringList{u"101"_s, u"Zoë"_s, u"Ångström"_s}));
        QCOMPARE(table->rows.at(1), (QStringList{u"102"_s, u"Łukasz"_s, u"Müller"_s}));
    }

    void shouldDetectSemicolonSeparatedFiles()
    {
        const auto table = readCsv("id;first_name;amount\n7;Ada;1,5\n");
        QVERIFY(table);
        QCOMPARE(table->delimiter, QChar(u';'));
        QCOMPARE(table->rows.at(0), (QStringList{u"7"_s, u"Ada"_s, u"1,5"_s}));
    }

    void shouldKeepQuotedNewlinesQuotesAndSeparatorsInOneCell()
    {
        const QByteArray csv = "id,description,name\n"
                               "1,\"Line one\nline two, with a comma\",\"She said \"\"hi\"\"\"\n"
                               "2,\"\",plain\n"
                               "\n"
                               "3,x,\"a\r\nb\"\n";
        const auto table = readCsv(csv);
        QVERIFY(table);
        QCOMPARE(table->rows.size(), 3);
        QCOMPARE(table->rows.at(0).at(1), u"Line one\nline two, with a comma"_s);
        QCOMPARE(table->rows.at(0).at(2), u"She said \"hi\""_s);
        QCOMPARE(table->rows.at(1).at(1), QString());
        QCOMPARE(table->rows.at(2).at(2), u"a\r\nb"_s);
        // The line numbers a person finds the rows on in an editor.
        QCOMPARE(table->lines, (QList<int>{2, 4, 6}));
    }

    void shouldRefuseAnUnclosedQuoteAndInvalidUtf8()
    {
        QString error;
        QVERIFY(!readCsv("id,name\n1,\"never closed\n", &error));
        QVERIFY2(error.contains(u"line 2"_s), qPrintable(error));
        QVERIFY(!readCsv("id,name\n1,\xC3\x28\n", &error));
        QVERIFY2(error.contains(u"UTF-8"_s), qPrintable(error));
        QVERIFY(!readCsv("", &error));
    }

    void shouldWriteCellsThatReadBackTheSame()
    {
        const QStringList cells{u"plain"_s, u"a,b"_s, u"say \"hi\""_s, u"two\nlines"_s, QString()};
        const auto table = readCsv((csvLine({u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s}) + u'\n' + csvLine(cells) + u'\n').toUtf8());
        QVERIFY(table);
        QCOMPARE(table->rows.at(0), cells);
    }

    void shouldMatchColumnsToFieldsDottedPathsAndCustomFields()
    {
        const ResourceSchema *contacts = Schema::bundled().resource(u"contacts"_s);
        QVERIFY(contacts);
        const QList<ColumnMatch> matches = matchColumns(
            {u"ID"_s, u"First Name"_s, u"email_addresses.email"_s, u"phone_numbers.1.number"_s,
             u"custom_fields.Tier"_s, u"favourite colour"_s, u"id"_s},
            *contacts);
        QCOMPARE(matches.at(0).kind, ColumnMatch::Kind::RecordId);
        QCOMPARE(matches.at(1).target(), u"first_name"_s);
        QCOMPARE(matches.at(2).target(), u"email_addresses.email"_s);
        QCOMPARE(matches.at(3).target(), u"phone_numbers.1.number"_s);
        QCOMPARE(matches.at(4).kind, ColumnMatch::Kind::CustomField);
        QCOMPARE(matches.at(4).path, u"Tier"_s); // the account's own spelling
        QCOMPARE(matches.at(5).kind, ColumnMatch::Kind::Ignored);
        QVERIFY(matches.at(5).note.contains(u"favourite colour"_s));
        QCOMPARE(matches.at(6).kind, ColumnMatch::Kind::Ignored); // a second id column
    }

    // Fuzzing found it: "email_addresses.90740" made every row a list of 90,741 empty items.
    void shouldIgnoreAColumnNamingAnImpossiblyLateItem()
    {
        const ResourceSchema *contacts = Schema::bundled().resource(u"contacts"_s);
        QVERIFY(contacts);
        const QList<ColumnMatch> matches = matchColumns(
            {u"id"_s, u"email_addresses.90740"_s, u"phone_numbers.99.number"_s, u"phone_numbers.100.number"_s},
            *contacts);
        QCOMPARE(matches.at(1).kind, ColumnMatch::Kind::Ignored);
        QVERIFY2(matches.at(1).note.contains(u"item 90740"_s), qPrintable(matches.at(1).note));
        QCOMPARE(matches.at(2).target(), u"phone_numbers.99.number"_s);
        QCOMPARE(matches.at(3).kind, ColumnMatch::Kind::Ignored);
    }

    void shouldLetThePreviewCorrectAMatch()
    {
        const ResourceSchema *contacts = Schema::bundled().resource(u"contacts"_s);
        const ColumnMatch corrected = matchTarget(u"Vorname"_s, u"first_name"_s, *contacts);
        QCOMPARE(corrected.kind, ColumnMatch::Kind::Field);
        QCOMPARE(corrected.header, u"Vorname"_s);
        QCOMPARE(matchTarget(u"first_name"_s, QString(), *contacts).kind, ColumnMatch::Kind::Ignored);
        const QStringList targets = columnTargets(*contacts);
        QCOMPARE(targets.first(), u"id"_s);
        QVERIFY(targets.contains(u"email_addresses.email"_s));
        QVERIFY(!targets.contains(u"remote_data"_s));
    }
};

QTEST_GUILESS_MAIN(TestBulkCsv)
#include "tst_bulkcsv.moc"
