#include "snippets/snippetgenerator.h"

#include "secrets/redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QRegularExpression>
#include <QUrl>

namespace crmdesk {

namespace {

const auto kDefaultBaseUrl = QLatin1String("https://api.truto.one");

enum class SdkCall { None, Get, List, Update };
enum class Dialect { Json, Python };

// A JSON string or number exactly as JSON writes it. JSON string escapes are also valid in
// JavaScript and Python string literals, so one quoting serves all three languages.
QString jsonScalar(const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QString quoted(const QString &text)
{
    return jsonScalar(QJsonValue(text));
}

// Pretty-prints a value; continuation lines start at `level` steps of `indent` spaces.
QString literal(const QJsonValue &value, Dialect dialect, int indent, int level)
{
    const QString inner = QString(indent * (level + 1), u' ');
    const QString closing = QString(indent * level, u' ');
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return dialect == Dialect::Python ? QStringLiteral("None") : QStringLiteral("null");
    case QJsonValue::Bool:
        if (dialect == Dialect::Python)
            return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
    case QJsonValue::String:
        return jsonScalar(value);
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        if (array.isEmpty())
            return QStringLiteral("[]");
        QStringList items;
        for (const QJsonValue &item : array)
            items.append(inner + literal(item, dialect, indent, level + 1));
        return u"[\n" + items.join(QLatin1String(",\n")) + u'\n' + closing + u']';
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        if (object.isEmpty())
            return QStringLiteral("{}");
        QStringList items;
        for (auto it = object.begin(); it != object.end(); ++it)
            items.append(inner + quoted(it.key()) + QStringLiteral(": ")
                         + literal(it.value(), dialect, indent, level + 1));
        return u"{\n" + items.join(QLatin1String(",\n")) + u'\n' + closing + u'}';
    }
    }
    return {};
}

// A property name as a person would write it: bare when it can be, quoted otherwise.
QString javaScriptKey(const QString &key)
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_$][A-Za-z0-9_$]*$"));
    return identifier.match(key).hasMatch() ? key : quoted(key);
}

// POSIX shell single quotes: nothing inside is special except the quote itself, which is
// closed, escaped and reopened ('\'').
QString shellQuoted(const QString &text)
{
    QString out = text;
    out.replace(u'\'', QLatin1String("'\\''"));
    return u'\'' + out + u'\'';
}

// Headers the HTTP stack adds by itself; listing them would only add noise.
bool isTransportHeader(const QByteArray &name)
{
    static const QList<QByteArray> names = {"content-length", "host", "connection",
                                            "accept-encoding", "accept-language", "user-agent"};
    return names.contains(name.toLower());
}

// Sets root[path...] = value, where an empty path segment appends to an array ("a[]").
QJsonValue withValue(const QJsonValue &root, const QList<QString> &rest, const QJsonValue &value)
{
    if (rest.isEmpty())
        return value;
    const QString head = rest.first();
    const QList<QString> tail = rest.mid(1);
    if (head.isEmpty()) {
        QJsonArray array = root.toArray();
        array.append(withValue(QJsonValue(), tail, value));
        return array;
    }
    QJsonObject object = root.toObject();
    object.insert(head, withValue(object.value(head), tail, value));
    return object;
}

} // namespace

struct SnippetGenerator::Prepared
{
    QByteArray method;
    QString url; // encoded
    QList<QPair<QString, QString>> headers;
    QByteArray body;
    bool bodyIsJson = false;
    QJsonValue json;
    QString idempotencyKey;
    // The SDK forms.
    SdkCall sdkCall = SdkCall::None;
    QString baseUrl;
    QString model;
    QString resource;
    QString recordId;
    QJsonObject query;
    QString token; // what goes after "Bearer "
};

QString toString(SnippetForm form)
{
    switch (form) {
    case SnippetForm::Curl:
        return QStringLiteral("cURL");
    case SnippetForm::JavaScriptFetch:
        return QStringLiteral("JavaScript (fetch)");
    case SnippetForm::PythonRequests:
        return QStringLiteral("Python (requests)");
    case SnippetForm::TrutoTypeScriptSdk:
        return QStringLiteral("Truto TypeScript SDK");
    case SnippetForm::TrutoPythonSdk:
        break;
    }
    return QStringLiteral("Truto Python SDK");
}

QString SnippetGenerator::placeholderToken()
{
    return QStringLiteral("<your_api_token>");
}

QJsonObject SnippetGenerator::decodeQuery(const QByteArray &encodedQuery)
{
    QJsonValue root = QJsonObject();
    const QList<QByteArray> pairs = encodedQuery.split('&');
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const QString key = QUrl::fromPercentEncoding(equals < 0 ? pair : pair.left(equals));
        const QString text = equals < 0 ? QString() : QUrl::fromPercentEncoding(pair.mid(equals + 1));
        // "remote_query[a][b]" -> ["remote_query", "a", "b"]; "fields[]" -> ["fields", ""].
        QList<QString> path;
        const qsizetype bracket = key.indexOf(u'[');
        path.append(bracket < 0 ? key : key.left(bracket));
        if (bracket >= 0) {
            const QStringList parts = key.mid(bracket + 1).split(u'[');
            for (QString part : parts)
                path.append(part.endsWith(u']') ? part.chopped(1) : part);
        }
        QJsonValue value(text);
        if (text == QLatin1String("true") || text == QLatin1String("false"))
            value = QJsonValue(text == QLatin1String("true"));
        root = withValue(root, path, value);
    }
    return root.toObject();
}

SnippetGenerator::Prepared SnippetGenerator::prepare(const SnippetRequest &request) const
{
    const SentRequest &sent = request.request;
    const bool including = !m_token.isEmpty();
    Prepared p;
    p.token = including ? m_token : placeholderToken();

    // The real token never leaks through another field when it was not asked for.
    auto scrub = [&](QString text) {
        if (!including && m_knownToken.size() >= Redactor::kMinSecretLength) {
            text.replace(m_knownToken, placeholderToken());
            text.replace(QString::fromLatin1(QUrl::toPercentEncoding(m_knownToken)),
                         QString::fromLatin1(QUrl::toPercentEncoding(placeholderToken())));
        }
        return text;
    };

    p.method = sent.method.isEmpty() ? QByteArray("GET") : sent.method.toUpper();
    p.url = scrub(QString::fromLatin1(sent.url.toEncoded()));
    p.body = scrub(QString::fromUtf8(sent.body)).toUtf8();
    p.idempotencyKey = sent.idempotencyKey;

    // Every Truto call carries the token (contract §1), so the header is always shown, with
    // whatever CRM Desk held in it replaced.
    p.headers.append({QStringLiteral("Authorization"), u"Bearer " + p.token});
    bool hasContentType = false;
    const Redactor redactor;
    for (const auto &[name, value] : redactor.redact(sent.headers)) {
        if (name.compare("authorization", Qt::CaseInsensitive) == 0 || isTransportHeader(name))
            continue;
        hasContentType = hasContentType || name.compare("content-type", Qt::CaseInsensitive) == 0;
        p.headers.append({QString::fromLatin1(name), scrub(QString::fromLatin1(value))});
    }

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(p.body, &error);
    if (!p.body.isEmpty() && error.error == QJsonParseError::NoError) {
        p.bodyIsJson = true;
        p.json = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
        if (!hasContentType)
            p.headers.append({QStringLiteral("Content-Type"), QStringLiteral("application/json")});
    }

    // The SDK forms express a unified call on a record or a collection; the base URL is what
    // stands before that path (a proxy prefix, for example).
    const RecordTarget &target = sent.target;
    const QString path = sent.url.path(QUrl::FullyEncoded);
    const QString unifiedPath = QString::fromLatin1(target.encodedPath());
    if (!target.resource.isEmpty() && path.endsWith(unifiedPath)) {
        p.model = QStringLiteral("crm");
        p.resource = target.resource;
        p.recordId = target.recordId;
        if (p.method == "PATCH" && !p.recordId.isEmpty())
            p.sdkCall = SdkCall::Update;
        else if (p.method == "GET")
            p.sdkCall = p.recordId.isEmpty() ? SdkCall::List : SdkCall::Get;

        QUrl base = sent.url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
        base.setPath(path.chopped(unifiedPath.size()), QUrl::StrictMode);
        p.baseUrl = base.toString(QUrl::FullyEncoded);
    }
    const QJsonObject query = request.query.isEmpty()
                                  ? decodeQuery(sent.url.query(QUrl::FullyEncoded).toLatin1())
                                  : request.query;
    p.query = QJsonDocument::fromJson(
                  scrub(QString::fromUtf8(QJsonDocument(query).toJson(QJsonDocument::Compact))).toUtf8())
                  .object();
    return p;
}

bool SnippetGenerator::supports(SnippetForm form, const SnippetRequest &request) const
{
    if (form != SnippetForm::TrutoTypeScriptSdk && form != SnippetForm::TrutoPythonSdk)
        return true;
    return prepare(request).sdkCall != SdkCall::None;
}

QString SnippetGenerator::generate(SnippetForm form, const SnippetRequest &request) const
{
    const Prepared p = prepare(request);
    switch (form) {
    case SnippetForm::Curl:
        return curl(p);
    case SnippetForm::JavaScriptFetch:
        return fetch(p);
    case SnippetForm::PythonRequests:
        return pythonRequests(p);
    case SnippetForm::TrutoTypeScriptSdk:
        return p.sdkCall == SdkCall::None ? QString() : typeScriptSdk(p);
    case SnippetForm::TrutoPythonSdk:
        break;
    }
    return p.sdkCall == SdkCall::None ? QString() : pythonSdk(p);
}

QString SnippetGenerator::curl(const Prepared &p) const
{
    QStringList lines;
    // GET is curl's default; any other method is named.
    const QString method = p.method == "GET" ? QString() : u"-X " + QString::fromLatin1(p.method) + u' ';
    lines.append(u"curl " + method + shellQuoted(p.url));
    for (const auto &[name, value] : p.headers)
        lines.append(u"  -H " + shellQuoted(name + u": " + value));
    if (!p.body.isEmpty()) {
        const QString data = p.bodyIsJson ? literal(p.json, Dialect::Json, 2, 0)
                                          : QString::fromUtf8(p.body);
        // --data-raw: a body starting with '@' would otherwise be read as a file name.
        const auto option = data.startsWith(u'@') ? QLatin1String("--data-raw") : QLatin1String("-d");
        lines.append(u"  " + option + u' ' + shellQuoted(data));
    }
    return lines.join(QLatin1String(" \\\n")) + u'\n';
}

QString SnippetGenerator::fetch(const Prepared &p) const
{
    QString out = u"const response = await fetch(" + quoted(p.url) + u", {\n";
    out += u"  method: " + quoted(QString::fromLatin1(p.method)) + u",\n";
    out += QLatin1String("  headers: {\n");
    for (const auto &[name, value] : p.headers)
        out += u"    " + quoted(name) + u": " + quoted(value) + u",\n";
    out += QLatin1String("  },\n");
    if (!p.body.isEmpty()) {
        if (p.bodyIsJson)
            out += u"  body: JSON.stringify(" + literal(p.json, Dialect::Json, 2, 1) + u"),\n";
        else
            out += u"  body: " + quoted(QString::fromUtf8(p.body)) + u",\n";
    }
    out += QLatin1String("});\n\nconst data = await response.json();\nconsole.log(data);\n");
    return out;
}

QString SnippetGenerator::pythonRequests(const Prepared &p) const
{
    QString out = QStringLiteral("import requests\n\n");
    // The URL is passed already encoded; params= would re-encode the query differently.
    out += u"url = " + quoted(p.url) + u'\n';
    out += QLatin1String("headers = {\n");
    for (const auto &[name, value] : p.headers)
        out += u"    " + quoted(name) + u": " + quoted(value) + u",\n";
    out += QLatin1String("}\n");
    QString arguments = QStringLiteral("url, headers=headers");
    if (!p.body.isEmpty()) {
        if (p.bodyIsJson) {
            out += u"payload = " + literal(p.json, Dialect::Python, 4, 0) + u'\n';
            arguments += QLatin1String(", json=payload");
        } else {
            out += u"payload = " + quoted(QString::fromUtf8(p.body)) + u".encode(\"utf-8\")\n";
            arguments += QLatin1String(", data=payload");
        }
    }
    out += u"\nresponse = requests.request(" + quoted(QString::fromLatin1(p.method)) + u", "
           + arguments + u")\n";
    out += QLatin1String("print(response.json())\n");
    return out;
}

QString SnippetGenerator::typeScriptSdk(const Prepared &p) const
{
    QString out = QStringLiteral("import TrutoApi from '@truto/truto-ts-sdk';\n\n");
    out += QLatin1String("const truto = new TrutoApi({\n");
    out += u"  token: " + quoted(p.token) + u",\n";
    if (p.baseUrl != kDefaultBaseUrl)
        out += u"  baseUrl: " + quoted(p.baseUrl) + u",\n";
    out += QLatin1String("});\n\n");

    // SDK 2.0.12: the routing keys and the query share one options object; the SDK removes
    // unified_model and resource and sends the rest as the query (contract §5.2, §18 item 1).
    QString options = QStringLiteral("{\n");
    options += u"    unified_model: " + quoted(p.model) + u",\n";
    options += u"    resource: " + quoted(p.resource) + u",\n";
    for (auto it = p.query.begin(); it != p.query.end(); ++it)
        options += u"    " + javaScriptKey(it.key()) + u": "
                   + literal(it.value(), Dialect::Json, 2, 2) + u",\n";
    options += QLatin1String("  }");

    if (!p.idempotencyKey.isEmpty() && p.sdkCall == SdkCall::Update)
        out += u"// This SDK call cannot send the Idempotency-Key header (" + p.idempotencyKey
               + u"); use the curl or fetch form to replay this exact edit.\n";
    switch (p.sdkCall) {
    case SdkCall::Update:
        out += u"const result = await truto.unifiedApi.update(\n  " + quoted(p.recordId) + u",\n  "
               + (p.bodyIsJson ? literal(p.json, Dialect::Json, 2, 1) : QStringLiteral("{}"))
               + u",\n  " + options + u",\n);\n\nconsole.log(result);\n";
        break;
    case SdkCall::Get:
        out += u"const result = await truto.unifiedApi.get(\n  " + quoted(p.recordId) + u",\n  "
               + options + u",\n);\n\nconsole.log(result);\n";
        break;
    case SdkCall::List:
        out += u"const cursor = truto.unifiedApi.list(\n  " + options
               + u",\n);\nfor await (const record of cursor) {\n  console.log(record);\n}\n";
        break;
    case SdkCall::None:
        break;
    }
    return out;
}

QString SnippetGenerator::pythonSdk(const Prepared &p) const
{
    QString out = QStringLiteral("import asyncio\nfrom truto_python_sdk import TrutoApi\n\n");
    out += u"truto_api = TrutoApi(token=" + quoted(p.token);
    if (p.baseUrl != kDefaultBaseUrl)
        out += u", base_url=" + quoted(p.baseUrl);
    out += QLatin1String(")\n\n\nasync def main():\n");

    // This SDK puts the id into the path as is (contract §3), so it gets the encoded id.
    const QString encodedId = QString::fromLatin1(QUrl::toPercentEncoding(p.recordId));
    if (encodedId != p.recordId)
        out += u"    # The SDK does not percent-encode ids; this is " + quoted(p.recordId)
               + u" encoded.\n";
    if (!p.idempotencyKey.isEmpty() && p.sdkCall == SdkCall::Update)
        out += u"    # This SDK call cannot send the Idempotency-Key header (" + p.idempotencyKey
               + u"); use the curl or requests form to replay this exact edit.\n";

    const QString model = quoted(p.model);
    const QString resource = quoted(p.resource);
    const QString query = literal(p.query, Dialect::Python, 4, 2);
    switch (p.sdkCall) {
    case SdkCall::Update:
        out += u"    result = await truto_api.unified_api.update(\n        " + model
               + u",\n        " + resource + u",\n        " + quoted(encodedId) + u",\n        "
               + (p.bodyIsJson ? literal(p.json, Dialect::Python, 4, 2) : QStringLiteral("{}"))
               + u",\n        " + query + u",\n    )\n    print(result)\n";
        break;
    case SdkCall::Get:
        out += u"    result = await truto_api.unified_api.get(\n        " + model + u",\n        "
               + resource + u",\n        " + quoted(encodedId) + u",\n        " + query
               + u",\n    )\n    print(result)\n";
        break;
    case SdkCall::List:
        out += u"    async for record in truto_api.unified_api.list(\n        " + model
               + u",\n        " + resource + u",\n        " + query
               + u",\n    ):\n        print(record)\n";
        break;
    case SdkCall::None:
        break;
    }
    out += QLatin1String("\n\nasyncio.run(main())\n");
    return out;
}

} // namespace crmdesk
