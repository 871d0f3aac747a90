#include "snippets/snippetgenerator.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

namespace {

const QString kRecordId = u"alt:ref:imported@frontapp.com_t:50603/x y+z"_s; // contract §3
const QString kAccount = u"62f44730-dd91-461e-bd6a-aedd9e0ad79d"_s;
const QString kIdempotencyKey = u"0b9cfa5e-5b51-4e43-9d5e-3f9d1c2a8e11"_s;
const QString kToken = u"tr_live_9f8e7d6c5b4a3f2e"_s;

// Shell, JavaScript and Python special characters all in one body.
// (A plain literal: moc misreads raw strings with unbalanced quotes or braces.)
const QByteArray kBody =
    "{\"first_name\":\"Jane\",\"last_name\":\"O'Brien\",\"custom_fields\":{\"tier\":\"gold\","
    "\"seats\":12},\"active\":true,\"nickname\":null,"
    "\"note\":\"line1\\nline2 $HOME `id` \\\\ \\\"quoted\\\" 'single'\"}";

QJsonObject bodyJson()
{
    return QJsonDocument::fromJson(kBody).object();
}

QJsonObject expectedQuery()
{
    return QJsonObject{
        {u"integrated_account_id"_s, kAccount},
        {u"truto_exclude_fields"_s, QJsonArray{u"id"_s, u"name"_s}},
        {u"remote_query"_s, QJsonObject{{u"a b"_s, u"c&d"_s},
                                        {u"nested"_s, QJsonObject{{u"x"_s, u"1"_s}}}}},
    };
}

SnippetRequest patchRequest()
{
    SnippetRequest request;
    request.request.method = "PATCH";
    request.request.url = QUrl::fromEncoded(
        "https://api.truto.one/unified/crm/contacts/"
        "alt%3Aref%3Aimported%40frontapp.com_t%3A50603%2Fx%20y%2Bz"
        "?integrated_account_id=62f44730-dd91-461e-bd6a-aedd9e0ad79d"
        "&truto_exclude_fields%5B%5D=id&truto_exclude_fields%5B%5D=name"
        "&remote_query%5Ba%20b%5D=c%26d&remote_query%5Bnested%5D%5Bx%5D=1",
        QUrl::StrictMode);
    request.request.headers = {
        {"Authorization", "Bearer \xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2"},
        {"Content-Type", "application/json"},
        {"Accept", "application/json"},
        {"Idempotency-Key", kIdempotencyKey.toLatin1()},
        {"Content-Length", QByteArray::number(kBody.size())},
    };
    request.request.body = kBody;
    request.request.idempotencyKey = kIdempotencyKey;
    request.request.target = {u"contacts"_s, kRecordId, kAccount};
    return request;
}

struct Run
{
    bool started = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &arguments, const QByteArray &input,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    Run result;
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return result;
    result.started = true;
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(30000);
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QJsonObject parseObject(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

// The snippet's JavaScript with the SDK import replaced by a recorder.
QByteArray withStubbedTypeScriptSdk(const QString &snippet)
{
    const QString stub = uR"(class TrutoApi {
  constructor(options) {
    const record = (method, args) => process.stderr.write(JSON.stringify({ options, method, args }));
    this.unifiedApi = {
      update: async (...args) => { record('update', args); return {}; },
      get: async (...args) => { record('get', args); return {}; },
      list: (...args) => { record('list', args); return (async function* () {})(); },
    };
  }
})"_s;
    QString code = snippet;
    code.replace(u"import TrutoApi from '@truto/truto-ts-sdk';"_s, stub);
    return u"console.log = () => {};\n"_s.append(code).toUtf8();
}

} // namespace

class TestSnippetGenerator : public QObject
{
    Q_OBJECT

private slots:
    void shouldProduceCurlThatTheShellTurnsBackIntoTheSameRequest()
    {
        const QString snippet = SnippetGenerator().generate(SnippetForm::Curl, patchRequest());
        // A curl stand-in that prints the arguments exactly as the shell passed them.
        const QByteArray script =
            "curl() { for a in \"$@\"; do printf '%s\\000' \"$a\"; done; }\n" + snippet.toUtf8();
        const Run shell = run(u"/bin/sh"_s, {u"-s"_s}, script);
        QVERIFY2(shell.started && shell.exitCode == 0, shell.err.constData());
        QList<QByteArray> arguments = shell.out.split('\0');
        arguments.removeLast();

        QCOMPARE(arguments.mid(0, 3),
                 (QList<QByteArray>{"-X", "PATCH", patchRequest().request.url.toEncoded()}));
        QList<QByteArray> headers;
        QByteArray data;
        for (qsizetype i = 3; i + 1 < arguments.size(); i += 2) {
            if (arguments.at(i) == "-H")
                headers.append(arguments.at(i + 1));
            else if (arguments.at(i) == "-d")
                data = arguments.at(i + 1);
        }
        QCOMPARE(headers, (QList<QByteArray>{"Authorization: Bearer <your_api_token>",
                                             "Content-Type: application/json",
                                             "Accept: application/json",
                                             "Idempotency-Key: " + kIdempotencyKey.toLatin1()}));
        QCOMPARE(parseObject(data), bodyJson());
        QVERIFY(data.contains("\n  \"active\": true")); // pretty-printed
    }

    void shouldProduceAFetchCallThatNodeSendsAsTheSameRequest()
    {
        const QString node = QStandardPaths::findExecutable(u"node"_s);
        if (node.isEmpty())
            QSKIP("node is not installed (scripts/deps.sh installs it; a hand-made build may lack it)");
        const QString snippet = SnippetGenerator().generate(SnippetForm::JavaScriptFetch, patchRequest());
        const QByteArray script =
            "globalThis.fetch = async (url, init) => {\n"
            "  process.stderr.write(JSON.stringify({ url, init }));\n"
            "  return { json: async () => ({}) };\n"
            "};\n"
            "console.log = () => {};\n"
            + snippet.toUtf8();
        const Run js = run(node, {u"--input-type=module"_s}, script);
        QVERIFY2(js.started && js.exitCode == 0, js.err.constData());

        const QJsonObject sent = parseObject(js.err);
        QCOMPARE(sent.value(u"url"_s).toString().toLatin1(), patchRequest().request.url.toEncoded());
        const QJsonObject init = sent.value(u"init"_s).toObject();
        QCOMPARE(init.value(u"method"_s).toString(), u"PATCH"_s);
        const QJsonObject headers = init.value(u"headers"_s).toObject();
        QCOMPARE(headers.value(u"Authorization"_s).toString(), u"Bearer <your_api_token>"_s);
        QCOMPARE(headers.value(u"Idempotency-Key"_s).toString(), kIdempotencyKey);
        QVERIFY(!headers.contains(u"Content-Length"_s));
        QCOMPARE(parseObject(init.value(u"body"_s).toString().toUtf8()), bodyJson());
    }

    void shouldProducePythonRequestsCodeThatSendsTheSameRequest()
    {
        const QString python = QStandardPaths::findExecutable(u"python3"_s);
        if (python.isEmpty())
            QSKIP("python3 is not installed (scripts/deps.sh installs it; a hand-made build may lack it)");
        QTemporaryDir stubs;
        QFile stub(stubs.filePath(u"requests.py"_s));
        QVERIFY(stub.open(QIODevice::WriteOnly));
        stub.write("import json as _json, sys\n"
                   "def request(method, url, headers=None, json=None, data=None):\n"
                   "    sys.stderr.write(_json.dumps({'method': method, 'url': url,\n"
                   "                                  'headers': headers, 'json': json}))\n"
                   "    class Response:\n"
                   "        def json(self):\n"
                   "            return {}\n"
                   "    return Response()\n");
        stub.close();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PYTHONPATH"_s, stubs.path());

        const QString snippet = SnippetGenerator().generate(SnippetForm::PythonRequests, patchRequest());
        const Run py = run(python, {u"-"_s}, snippet.toUtf8(), environment);
        QVERIFY2(py.started && py.exitCode == 0, py.err.constData());

        const QJsonObject sent = parseObject(py.err);
        QCOMPARE(sent.value(u"method"_s).toString(), u"PATCH"_s);
        QCOMPARE(sent.value(u"url"_s).toString().toLatin1(), patchRequest().request.url.toEncoded());
        QCOMPARE(sent.value(u"headers"_s).toObject().value(u"Authorization"_s).toString(),
                 u"Bearer <your_api_token>"_s);
        QCOMPARE(sent.value(u"json"_s).toObject(), bodyJson());
    }

    void shouldCallTheTypeScriptSdkUpdateWithItsRealSignature()
    {
        const QString node = QStandardPaths::findExecutable(u"node"_s);
        if (node.isEmpty())
            QSKIP("node is not installed (scripts/deps.sh installs it; a hand-made build may lack it)");
        const QString snippet =
            SnippetGenerator().generate(SnippetForm::TrutoTypeScriptSdk, patchRequest());
        QVERIFY(snippet.startsWith(u"import TrutoApi from '@truto/truto-ts-sdk';"_s));
        const Run js = run(node, {u"--input-type=module"_s}, withStubbedTypeScriptSdk(snippet));
        QVERIFY2(js.started && js.exitCode == 0, js.err.constData());

        const QJsonObject call = parseObject(js.err);
        QCOMPARE(call.value(u"method"_s).toString(), u"update"_s);
        QCOMPARE(call.value(u"options"_s).toObject(),
                 (QJsonObject{{u"token"_s, u"<your_api_token>"_s}}));
        // update(id, body, {unified_model, resource, integrated_account_id, ...query})
        const QJsonArray args = call.value(u"args"_s).toArray();
        QCOMPARE(args.size(), 3);
        QCOMPARE(args.at(0).toString(), kRecordId); // the SDK encodes the id itself
        QCOMPARE(args.at(1).toObject(), bodyJson());
        QJsonObject options = expectedQuery();
        options.insert(u"unified_model"_s, u"crm"_s);
        options.insert(u"resource"_s, u"contacts"_s);
        QCOMPARE(args.at(2).toObject(), options);
    }

    void shouldCallThePythonSdkUpdateWithTheIdEncodedForIt()
    {
        const QString python = QStandardPaths::findExecutable(u"python3"_s);
        if (python.isEmpty())
            QSKIP("python3 is not installed (scripts/deps.sh installs it; a hand-made build may lack it)");
        QTemporaryDir stubs;
        QVERIFY(QDir(stubs.path()).mkdir(u"truto_python_sdk"_s));
        QFile stub(stubs.filePath(u"truto_python_sdk/__init__.py"_s));
        QVERIFY(stub.open(QIODevice::WriteOnly));
        stub.write("import json, sys\n"
                   "class _Unified:\n"
                   "    def __init__(self, api):\n"
                   "        self.api = api\n"
                   "    def _record(self, method, args):\n"
                   "        sys.stderr.write(json.dumps({'token': self.api.token,\n"
                   "            'base_url': self.api.base_url, 'method': method, 'args': list(args)}))\n"
                   "    async def update(self, *args):\n"
                   "        self._record('update', args)\n"
                   "        return {}\n"
                   "class TrutoApi:\n"
                   "    def __init__(self, token, base_url='https://api.truto.one'):\n"
                   "        self.token = token\n"
                   "        self.base_url = base_url\n"
                   "        self.unified_api = _Unified(self)\n");
        stub.close();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PYTHONPATH"_s, stubs.path());

        SnippetRequest request = patchRequest();
        request.query = expectedQuery();
        const QString snippet = SnippetGenerator().generate(SnippetForm::TrutoPythonSdk, request);
        const Run py = run(python, {u"-"_s}, snippet.toUtf8(), environment);
        QVERIFY2(py.started && py.exitCode == 0, py.err.constData());

        const QJsonObject call = parseObject(py.err);
        QCOMPARE(call.value(u"token"_s).toString(), u"<your_api_token>"_s);
        QCOMPARE(call.value(u"base_url"_s).toString(), u"https://api.truto.one"_s);
        // update(model, resource, id, body, query_params); this SDK does not encode ids (§3).
        QCOMPARE(call.value(u"args"_s).toArray(),
                 (QJsonArray{u"crm"_s, u"contacts"_s,
                             QString::fromLatin1(QUrl::toPercentEncoding(kRecordId)), bodyJson(),
                             expectedQuery()}));
    }

    void shouldKeepCustomFieldsAnObjectInEveryForm()
    {
        const SnippetGenerator generator;
        for (SnippetForm form : {SnippetForm::Curl, SnippetForm::JavaScriptFetch,
                                 SnippetForm::PythonRequests, SnippetForm::TrutoTypeScriptSdk,
                                 SnippetForm::TrutoPythonSdk}) {
            const QString snippet = generator.generate(form, patchRequest());
            QVERIFY2(snippet.contains(u"\"custom_fields\": {"_s), qPrintable(toString(form)));
            QVERIFY2(!snippet.contains(u"\"custom_fields\": \""_s), qPrintable(toString(form)));
        }
    }

    void shouldNeverShowTheTokenUnlessAskedTo()
    {
        SnippetRequest request = patchRequest();
        // A token that slipped into the request: the header, and a query parameter.
        request.request.headers[0].second = "Bearer " + kToken.toLatin1();
        request.request.url = QUrl::fromEncoded(request.request.url.toEncoded() + "&debug="
                                                + kToken.toLatin1());
        SnippetGenerator generator;
        generator.setKnownToken(kToken);
        for (SnippetForm form : {SnippetForm::Curl, SnippetForm::JavaScriptFetch,
                                 SnippetForm::PythonRequests, SnippetForm::TrutoTypeScriptSdk,
                                 SnippetForm::TrutoPythonSdk}) {
            const QString snippet = generator.generate(form, request);
            QVERIFY2(!snippet.contains(kToken), qPrintable(toString(form)));
            QVERIFY2(snippet.contains(u"<your_api_token>"_s), qPrintable(toString(form)));
        }
    }

    void shouldIncludeTheTokenWhenExplicitlyAsked()
    {
        SnippetGenerator generator;
        generator.includeToken(kToken);
        const QString curl = generator.generate(SnippetForm::Curl, patchRequest());
        QVERIFY(curl.contains(u"'Authorization: Bearer "_s + kToken + u'\''));
        QVERIFY(!curl.contains(u"<your_api_token>"_s));
        QVERIFY(generator.generate(SnippetForm::TrutoPythonSdk, patchRequest())
                    .contains(u"TrutoApi(token=\""_s + kToken + u'"'));
    }

    void shouldPointTheSdksAtTheSandboxServerWhenThatIsTheBaseUrl()
    {
        SnippetRequest request;
        request.request.method = "GET";
        request.request.url = QUrl::fromEncoded(
            "http://127.0.0.1:8765/unified/crm/notes/9?integrated_account_id=acc-1");
        request.request.target = {u"notes"_s, u"9"_s, u"acc-1"_s};
        const SnippetGenerator generator;
        const QString ts = generator.generate(SnippetForm::TrutoTypeScriptSdk, request);
        QVERIFY2(ts.contains(u"baseUrl: \"http://127.0.0.1:8765\""_s), qPrintable(ts));
        QVERIFY2(ts.contains(u"truto.unifiedApi.get("_s), qPrintable(ts));
        const QString py = generator.generate(SnippetForm::TrutoPythonSdk, request);
        QVERIFY2(py.contains(u"base_url=\"http://127.0.0.1:8765\""_s), qPrintable(py));
        QVERIFY2(py.contains(u"truto_api.unified_api.get("_s), qPrintable(py));
        const QString curl = generator.generate(SnippetForm::Curl, request);
        QCOMPARE(curl, u"curl 'http://127.0.0.1:8765/unified/crm/notes/9?integrated_account_id=acc-1' \\\n"
                        "  -H 'Authorization: Bearer <your_api_token>'\n"_s);
    }

    void shouldOfferSdkFormsOnlyForUnifiedRecordCalls()
    {
        const SnippetGenerator generator;
        SnippetRequest account;
        account.request.method = "GET";
        account.request.url = QUrl(u"https://api.truto.one/integrated-account/acc-1"_s);
        QVERIFY(!generator.supports(SnippetForm::TrutoTypeScriptSdk, account));
        QVERIFY(!generator.supports(SnippetForm::TrutoPythonSdk, account));
        QVERIFY(generator.generate(SnippetForm::TrutoPythonSdk, account).isEmpty());
        QVERIFY(generator.supports(SnippetForm::Curl, account));
        QVERIFY(generator.supports(SnippetForm::TrutoTypeScriptSdk, patchRequest()));
        // A meta call is about a resource, but no SDK method reads it.
        SnippetRequest meta;
        meta.request.method = "GET";
        meta.request.url = QUrl(u"https://api.truto.one/unified/crm/contacts/meta/update?integrated_account_id=acc-1"_s);
        meta.request.target = {u"contacts"_s, {}, u"acc-1"_s};
        QVERIFY(!generator.supports(SnippetForm::TrutoTypeScriptSdk, meta));
        QVERIFY(generator.supports(SnippetForm::Curl, meta));
    }

    void shouldDecodeTheDocumentedQueryEncoding()
    {
        // The contract's §5.3 test vector, read back.
        const QJsonObject decoded = SnippetGenerator::decodeQuery(
            "integrated_account_id=62f44730-dd91-461e-bd6a-aedd9e0ad79d&truto_exclude_fields%5B%5D=id"
            "&truto_exclude_fields%5B%5D=name&remote_query%5Ba%20b%5D=c%26d"
            "&remote_query%5Bnested%5D%5Bx%5D=1&str=hello%20world%2B%2F%3F&flag=true");
        QJsonObject expected = expectedQuery();
        expected.insert(u"str"_s, u"hello world+/?"_s);
        expected.insert(u"flag"_s, true);
        QCOMPARE(decoded, expected);
    }
};

QTEST_GUILESS_MAIN(TestSnippetGenerator)
#include "tst_snippetgenerator.moc"
