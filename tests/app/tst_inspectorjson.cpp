// The parsing side of the response inspector: JsonIndex, key paths, the pretty printer,
// body classification and text search. No widgets.
#include "inspect/bodydocument.h"
#include "inspect/bodysearch.h"
#include "inspect/jsonindex.h"
#include "inspect/jsonpath.h"
#include "inspect/jsonprettyprinter.h"
#include "inspect/textsniff.h"

#include <QJsonDocument>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

namespace {

QByteArray nested(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

QStringList childKeys(const JsonIndex &index, int container)
{
    QStringList keys;
    JsonChildIterator children(&index, container);
    JsonChild child;
    while (children.next(&child))
        keys << (child.keyBegin >= 0 ? index.decodeString(child.keyBegin, child.keyEnd)
                                     : index.scalarText(child.valueBegin, child.valueEnd));
    return keys;
}

} // namespace

class TestInspectorJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldAcceptValidJson_data();
    void shouldAcceptValidJson();
    void shouldRejectInvalidJsonWithLineAndColumn_data();
    void shouldRejectInvalidJsonWithLineAndColumn();
    void shouldListChildrenWithoutParsingNestedContainers();
    void shouldDecodeEscapesAndSurrogatePairs();
    void shouldIndexFiveThousandNestedLevels();
    void shouldStopWhenCancelled();
    void shouldParseAndFormatKeyPaths_data();
    void shouldParseAndFormatKeyPaths();
    void shouldLocateValuesByPath();
    void shouldFindPathOfAnyByteOffset();
    void shouldPrettyPrintLikeJsonStringify();
    void shouldResumePagesAtAnyLineStart();
    void shouldCapIndentationOfDeepNesting();
    void shouldClassifyBodiesByContentType();
    void shouldDecodeNonUtf8TextWithDeclaredCharset();
    void shouldFindTextCaseInsensitivelyAndWrapAround();
};

void TestInspectorJson::shouldAcceptValidJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("object") << QByteArray(R"({"a":1,"b":[true,false,null],"c":{"d":"e"}})");
    QTest::newRow("whitespace") << QByteArray(" \n\t[ 1 , 2 ,\r\n 3 ] \n");
    QTest::newRow("numbers") << QByteArray("[0,-0,1.5,-2e10,3E+2,4e-3,12345678901234567890]");
    QTest::newRow("scalar root") << QByteArray(R"("just a string")");
    QTest::newRow("unicode") << QByteArray("{\"name\":\"Zoë 美咲 😀\"}");
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF{\"a\":1}");
    QTest::newRow("empty containers") << QByteArray(R"({"a":{},"b":[]})");
}

void TestInspectorJson::shouldAcceptValidJson()
{
    QFETCH(QByteArray, json);
    const JsonIndex index = JsonIndex::build(json);
    QVERIFY2(index.isValid(), qPrintable(index.error().message));
}

void TestInspectorJson::shouldRejectInvalidJsonWithLineAndColumn_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("trailing comma") << QByteArray("{\n  \"a\": 1,\n}") << 3 << 1;
    QTest::newRow("missing colon") << QByteArray(R"({"a" 1})") << 1 << 6;
    QTest::newRow("leading zero") << QByteArray("[01]") << 1 << 3;
    QTest::newRow("bad literal") << QByteArray("[tru]") << 1 << 2;
    QTest::newRow("unterminated") << QByteArray("[\"abc") << 1 << 2;
    QTest::newRow("control char") << QByteArray("[\"a\x01\"]") << 1 << 4;
    QTest::newRow("latin1 in string") << QByteArray("[\"caf\xE9\"]") << 1 << 6;
    QTest::newRow("truncated") << QByteArray(R"({"a":[1,2)") << 1 << 10;
    QTest::newRow("empty") << QByteArray() << 1 << 1;
    QTest::newRow("text after") << QByteArray("{} x") << 1 << 4;
}

void TestInspectorJson::shouldRejectInvalidJsonWithLineAndColumn()
{
    QFETCH(QByteArray, json);
    QFETCH(int, line);
    QFETCH(int, column);
    const JsonIndex index = JsonIndex::build(json);
    QVERIFY(!index.isValid());
    QVERIFY(!index.error().message.isEmpty());
    QCOMPARE(index.error().line, line);
    QCOMPARE(index.error().column, column);
    QCOMPARE(index.containerCount(), 0); // nothing half-built to walk
}

void TestInspectorJson::shouldListChildrenWithoutParsingNestedContainers()
{
    const QByteArray json = R"({"id":"7","nested":{"deep":[1,[2,[3]]]},"tags":["a","b"],"n":null})";
    const JsonIndex index = JsonIndex::build(json);
    QVERIFY(index.isValid());
    QCOMPARE(index.container(0).childCount, 4);
    QCOMPARE(childKeys(index, 0), (QStringList{u"id"_s, u"nested"_s, u"tags"_s, u"n"_s}));

    JsonChildIterator children(&index, 0);
    JsonChild child;
    QVERIFY(children.next(&child));
    QCOMPARE(child.type, JsonType::String);
    QCOMPARE(index.scalarText(child.valueBegin, child.valueEnd), QStringLiteral("7"));
    QVERIFY(children.next(&child));
    QCOMPARE(child.type, JsonType::Object);
    QCOMPARE(index.slice(child.valueBegin, child.valueEnd), QByteArray(R"({"deep":[1,[2,[3]]]})"));
    QVERIFY(children.next(&child));
    QCOMPARE(childKeys(index, child.container), (QStringList{u"a"_s, u"b"_s}));
    QVERIFY(children.next(&child));
    QCOMPARE(child.type, JsonType::Null);
    QVERIFY(!children.next(&child));
}

void TestInspectorJson::shouldDecodeEscapesAndSurrogatePairs()
{
    const QByteArray json = R"(["a\"b\\c\/d\n\t", "\u00e9\ud83d\ude00", "plain"])";
    const JsonIndex index = JsonIndex::build(json);
    QVERIFY(index.isValid());
    QCOMPARE(childKeys(index, 0), (QStringList{QStringLiteral("a\"b\\c/d\n\t"),
                                               QStringLiteral("é😀"), QStringLiteral("plain")}));
}

void TestInspectorJson::shouldIndexFiveThousandNestedLevels()
{
    const JsonIndex index = JsonIndex::build(nested(5000));
    QVERIFY(index.isValid());
    QCOMPARE(index.maxDepth(), 5000);
    QCOMPARE(index.containerCount(), 5000);
    // Qt's own parser gives up at this depth; ours does not.
    QVERIFY(QJsonDocument::fromJson(nested(5000)).isNull());
}

void TestInspectorJson::shouldStopWhenCancelled()
{
    QByteArray big = "[";
    for (int i = 0; i < 200000; ++i)
        big += "1,";
    big += "1]";
    const std::atomic_bool cancelled{true};
    const JsonIndex index = JsonIndex::build(big, &cancelled);
    QVERIFY(!index.isValid());
}

void TestInspectorJson::shouldParseAndFormatKeyPaths_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("formatted");
    QTest::addColumn<int>("steps");
    QTest::newRow("dotted") << u"remote_data.properties.email"_s << u"remote_data.properties.email"_s << 3;
    QTest::newRow("index") << u"result[0].id"_s << u"result[0].id"_s << 3;
    QTest::newRow("dollar") << u"$.result[12]"_s << u"result[12]"_s << 2;
    QTest::newRow("quoted key") << QStringLiteral(R"(headers["content.type"])") << QStringLiteral(R"(headers["content.type"])") << 2;
    QTest::newRow("dash key") << u"ratelimit-remaining"_s << u"ratelimit-remaining"_s << 1;
    // A first key starting with '$' is quoted, or it would read back as the root marker.
    QTest::newRow("dollar key") << QStringLiteral(R"(["$price"].$x)") << QStringLiteral(R"(["$price"].$x)") << 2;
    QTest::newRow("root") << u""_s << u""_s << 0;
    QTest::newRow("double dot") << u"a..b"_s << u""_s << -1;
    QTest::newRow("bad index") << u"a[x]"_s << u""_s << -1;
}

void TestInspectorJson::shouldParseAndFormatKeyPaths()
{
    QFETCH(QString, text);
    QFETCH(QString, formatted);
    QFETCH(int, steps);
    const std::optional<JsonPath> path = jsonpath::parse(text);
    if (steps < 0) {
        QVERIFY(!path);
        return;
    }
    QVERIFY(path);
    QCOMPARE(path->size(), steps);
    QCOMPARE(jsonpath::format(*path), formatted);
}

void TestInspectorJson::shouldLocateValuesByPath()
{
    const QByteArray json = R"({"result":[{"id":"1"},{"id":"2","remote_data":{"properties":{"email":"b@x.io"}}}]})";
    const JsonIndex index = JsonIndex::build(json);
    const JsonLocation email = jsonpath::locate(index, *jsonpath::parse(u"result[1].remote_data.properties.email"_s));
    QVERIFY(email.isValid());
    QCOMPARE(index.scalarText(email.begin, email.end), QStringLiteral("b@x.io"));
    QVERIFY(!jsonpath::locate(index, *jsonpath::parse(u"result[2]"_s)).isValid());
    QVERIFY(!jsonpath::locate(index, *jsonpath::parse(u"result.id"_s)).isValid());
    QVERIFY(!jsonpath::locate(index, *jsonpath::parse(u"result[0].missing"_s)).isValid());
}

void TestInspectorJson::shouldFindPathOfAnyByteOffset()
{
    const QByteArray json = R"({"a":{"b":[10,"needle"]},"c":1})";
    const JsonIndex index = JsonIndex::build(json);
    const qint64 offset = json.indexOf("needle");
    QCOMPARE(jsonpath::format(jsonpath::pathAtOffset(index, offset)), QStringLiteral("a.b[1]"));
    QCOMPARE(jsonpath::format(jsonpath::pathAtOffset(index, json.indexOf("\"c\""))), QStringLiteral("c"));
}

void TestInspectorJson::shouldPrettyPrintLikeJsonStringify()
{
    const QByteArray json = R"({"a":1,"b":[true,{"c":null}],"d":{},"e":[],"f":"x y"})";
    const JsonIndex index = JsonIndex::build(json);
    const JsonPrettyPrinter::Page page = JsonPrettyPrinter::format(json, {index.rootBegin(), 0}, 0);
    QVERIFY(page.atEnd);
    // Like JSON.stringify(value, null, 2): empty containers stay on one line.
    const QString expected = QStringLiteral("{\n  \"a\": 1,\n  \"b\": [\n    true,\n    {\n      \"c\": null\n    }\n  ],\n"
                                            "  \"d\": {},\n  \"e\": [],\n  \"f\": \"x y\"\n}");
    QCOMPARE(page.text, expected);
    QCOMPARE(page.lines, 12);
}

void TestInspectorJson::shouldResumePagesAtAnyLineStart()
{
    QByteArray json = R"({"result":[)";
    for (int i = 0; i < 300; ++i)
        json += (i ? "," : "") + QByteArray(R"({"id":)") + QByteArray::number(i)
                + R"(,"tags":["x",[]],"o":{"k":"v"}})";
    json += "]}";
    const JsonIndex index = JsonIndex::build(json);
    const JsonPrettyPrinter::Position start{index.rootBegin(), 0};
    const QString whole = JsonPrettyPrinter::format(json, start, 0).text;
    for (const int pageLines : {1, 2, 7, 100}) {
        qint64 total = 0;
        const QList<JsonPrettyPrinter::Position> pages =
            JsonPrettyPrinter::paginate(json, start, pageLines, nullptr, &total);
        QStringList joined;
        for (const JsonPrettyPrinter::Position &position : pages)
            joined << JsonPrettyPrinter::format(json, position, pageLines).text;
        QCOMPARE(joined.join(u'\n'), whole);
        QCOMPARE(total, qint64(whole.count(u'\n') + 1));
    }
    // lineOf finds the line of a value.
    const qint64 offset = json.indexOf(R"("id":42)") + 5;
    const int line = JsonPrettyPrinter::lineOf(json, start, offset);
    QVERIFY(whole.split(u'\n').at(line).contains(QStringLiteral("\"id\": 42")));
}

void TestInspectorJson::shouldCapIndentationOfDeepNesting()
{
    const QByteArray json = nested(5000);
    const JsonIndex index = JsonIndex::build(json);
    const JsonPrettyPrinter::Page page = JsonPrettyPrinter::format(json, {index.rootBegin(), 0}, 0);
    const QStringList lines = page.text.split(u'\n');
    qsizetype widest = 0;
    for (const QString &line : lines)
        widest = std::max(widest, line.size());
    QCOMPARE(widest, qsizetype(JsonPrettyPrinter::MaxIndentDepth * JsonPrettyPrinter::IndentWidth + 2));
}

void TestInspectorJson::shouldClassifyBodiesByContentType()
{
    const QByteArray json = R"({"a":1})";
    QCOMPARE(BodyDocument::analyse(json, "application/json; charset=utf-8").kind, BodyKind::Json);
    QVERIFY(BodyDocument::analyse(json, "application/json").isValidJson());
    // Declared JSON that does not parse stays JSON, with the reason.
    const BodyDocument broken = BodyDocument::analyse("{oops", "application/json");
    QCOMPARE(broken.kind, BodyKind::Json);
    QVERIFY(!broken.isValidJson());
    QVERIFY(broken.index->error().offset >= 0);
    // The Content-Type decides, not the looks (contract §6.1)...
    QCOMPARE(BodyDocument::analyse(json, "text/plain").kind, BodyKind::Text);
    QCOMPARE(BodyDocument::analyse("{\"a\":1}\n{\"a\":2}\n", "application/x-ndjson").kind, BodyKind::Text);
    // ...unless there is none.
    QCOMPARE(BodyDocument::analyse(json, QByteArray()).kind, BodyKind::Json);
    QCOMPARE(BodyDocument::analyse(QByteArray("\x89PNG\r\n\x1a\n\0\0", 10), "image/png").kind, BodyKind::Binary);
    QCOMPARE(BodyDocument::analyse(QByteArray(), "application/json").kind, BodyKind::Empty);
    const BodyDocument latin1 = BodyDocument::analyse("caf\xE9", "text/plain; charset=iso-8859-1");
    QCOMPARE(latin1.kind, BodyKind::Text);
    QVERIFY(!latin1.validUtf8);
    QCOMPARE(latin1.charset, QByteArray("iso-8859-1"));
}

void TestInspectorJson::shouldDecodeNonUtf8TextWithDeclaredCharset()
{
    QString encoding;
    QCOMPARE(textsniff::decode("caf\xE9", "iso-8859-1", &encoding), QStringLiteral("café"));
    QCOMPARE(textsniff::decode("caf\xC3\xA9", {}, &encoding), QStringLiteral("café"));
    QCOMPARE(encoding, QStringLiteral("UTF-8"));
    // Undeclared and not UTF-8: every byte still shows, as Latin-1.
    QCOMPARE(textsniff::decode("caf\xE9", {}, &encoding), QStringLiteral("café"));
    QCOMPARE(encoding, QStringLiteral("ISO-8859-1"));
    QVERIFY(textsniff::isValidUtf8("plain ascii and ünïcödé 😀"));
    QVERIFY(!textsniff::isValidUtf8("\xC0\xAF")); // overlong
    QVERIFY(!textsniff::isValidUtf8("\xED\xA0\x80")); // surrogate
}

void TestInspectorJson::shouldFindTextCaseInsensitivelyAndWrapAround()
{
    const QByteArray body = R"({"email":"Ada@Example.com","other":"ada@example.COM"})";
    const qint64 first = bodysearch::findText(body, QStringLiteral("ada@example.com"), 0);
    QCOMPARE(first, body.indexOf("Ada@"));
    const qint64 second = bodysearch::findText(body, QStringLiteral("ada@example.com"), first + 1);
    QCOMPARE(second, body.indexOf("ada@"));
    QCOMPARE(bodysearch::findText(body, QStringLiteral("ada@example.com"), second + 1), first);
    QCOMPARE(bodysearch::findText(body, QStringLiteral("missing"), 0), -1);
}

QTEST_GUILESS_MAIN(TestInspectorJson)
#include "tst_inspectorjson.moc"
