#include "sandbox/querydecoder.h"

#include "sandbox/requestlimits.h"

#include <QJsonArray>
#include <QJsonValue>

#include <algorithm>

namespace crmdesk::sandbox {

namespace {

QString decodeComponent(QByteArray raw)
{
    raw.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(raw));
}

// "a[b][]" -> {"a", "b", ""}; a key with unbalanced brackets stays one plain key.
QStringList keySegments(const QString &key)
{
    const qsizetype open = key.indexOf(u'[');
    if (open <= 0)
        return {key};
    QStringList segments{key.left(open)};
    qsizetype pos = open;
    while (pos < key.size()) {
        if (key.at(pos) != u'[')
            return {key};
        const qsizetype close = key.indexOf(u']', pos);
        if (close < 0)
            return {key};
        segments.append(key.mid(pos + 1, close - pos - 1));
        pos = close + 1;
    }
    return segments;
}

bool isIndex(const QString &segment)
{
    if (segment.isEmpty() || segment.size() > 4)
        return false;
    for (const QChar c : segment) {
        if (!c.isDigit())
            return false;
    }
    return true;
}

QJsonObject arrayAsObject(const QJsonArray &array)
{
    QJsonObject object;
    for (qsizetype i = 0; i < array.size(); ++i)
        object.insert(QString::number(i), array.at(i));
    return object;
}

// Inserts value under the remaining segments of a key into container and returns the result.
QJsonValue insertInto(const QJsonValue &container, const QStringList &segments, qsizetype at,
                      const QString &value)
{
    if (at == segments.size()) {
        // A leaf. Repeating a plain key collects its values, as qs does.
        if (container.isUndefined())
            return value;
        if (container.isArray()) {
            QJsonArray array = container.toArray();
            array.append(value);
            return array;
        }
        if (container.isString())
            return QJsonArray{container, value};
        return value;
    }

    const QString &segment = segments.at(at);
    if (segment.isEmpty() || isIndex(segment)) {
        if (container.isObject()) {
            // Mixed forms ("a[x]=1&a[]=2"): keep the object and append under the next number.
            QJsonObject object = container.toObject();
            const QString key = segment.isEmpty() ? QString::number(object.size()) : segment;
            object.insert(key, insertInto(object.value(key), segments, at + 1, value));
            return object;
        }
        QJsonArray array = container.isArray() ? container.toArray() : QJsonArray();
        if (!container.isArray() && !container.isUndefined())
            array.append(container);
        const qsizetype index = segment.isEmpty() ? array.size() : segment.toLongLong();
        if (index < array.size() && at + 1 < segments.size()) {
            // "a[0][x]=1&a[0][y]=2" builds one element.
            array.replace(index, insertInto(array.at(index), segments, at + 1, value));
        } else {
            // Sparse indices are compacted, as qs does.
            array.append(insertInto(QJsonValue(QJsonValue::Undefined), segments, at + 1, value));
        }
        return array;
    }

    QJsonObject object = container.isObject()  ? container.toObject()
                         : container.isArray() ? arrayAsObject(container.toArray())
                                               : QJsonObject();
    object.insert(segment, insertInto(object.value(segment), segments, at + 1, value));
    return object;
}

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

// Every byte is unreserved or part of a %XX escape (contract §5.3 rule 2).
bool isStrictlyEncoded(const QByteArray &part)
{
    for (qsizetype i = 0; i < part.size(); ++i) {
        const char c = part.at(i);
        if (c == '%') {
            if (i + 2 >= part.size() || !isHex(part.at(i + 1)) || !isHex(part.at(i + 2)))
                return false;
            i += 2;
            continue;
        }
        if (!isUnreserved(c))
            return false;
    }
    return true;
}

} // namespace

QJsonObject QueryDecoder::decode(const QByteArray &encodedQuery)
{
    QJsonObject result;
    const QList<QByteArray> pairs = encodedQuery.split('&');
    // A request with more parameters is refused anyway (limitViolation); stopping here keeps a
    // flood of repeated keys, each of which copies the array it grows, from costing n².
    const qsizetype decoded = std::min<qsizetype>(pairs.size(), RequestLimits::kMaxQueryParameters);
    for (qsizetype i = 0; i < decoded; ++i) {
        const QByteArray &pair = pairs.at(i);
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const QString key = decodeComponent(equals < 0 ? pair : pair.left(equals));
        const QString value = equals < 0 ? QString() : decodeComponent(pair.mid(equals + 1));
        if (key.isEmpty())
            continue;
        const QStringList segments = keySegments(key);
        const QString &root = segments.first();
        result.insert(root, insertInto(result.value(root), segments, 1, value));
    }
    return result;
}

QString QueryDecoder::strictViolation(const QByteArray &encodedQuery)
{
    const QList<QByteArray> pairs = encodedQuery.split('&');
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const QByteArray key = equals < 0 ? pair : pair.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        const QString shown = QString::fromLatin1(pair);
        if (!isStrictlyEncoded(key) || !isStrictlyEncoded(value))
            return QStringLiteral("'%1' is not fully percent-encoded (contract §5.3 rule 2: "
                                  "only A-Z a-z 0-9 - . _ ~ may appear literally)")
                .arg(shown);
        if (value.isEmpty())
            return QStringLiteral("'%1' has an empty value (contract §5.3 rule 3: leave out null "
                                  "or empty values)")
                .arg(shown);
        if (QByteArray::fromPercentEncoding(value) == "None")
            return QStringLiteral("'%1' sends the string None (contract §5.3 rule 3)").arg(shown);
        const QStringList segments = keySegments(decodeComponent(key));
        for (qsizetype i = 1; i < segments.size(); ++i) {
            if (isIndex(segments.at(i)))
                return QStringLiteral("'%1' uses an indexed array key (contract §5.3 rule 1: "
                                      "arrays use key[]=v)")
                    .arg(shown);
        }
    }
    return {};
}

QStringList QueryDecoder::stringList(const QJsonValue &value)
{
    QStringList out;
    const auto addText = [&out](const QString &text) {
        const QStringList parts = text.split(u',', Qt::SkipEmptyParts);
        for (const QString &part : parts) {
            const QString trimmed = part.trimmed();
            if (!trimmed.isEmpty())
                out.append(trimmed);
        }
    };
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            addText(item.toString());
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            addText(it.value().toString());
    } else {
        addText(value.toString());
    }
    return out;
}

bool QueryDecoder::isTrue(const QJsonValue &value)
{
    const QString text = value.toString().trimmed();
    return text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 ||
           text == QLatin1String("1");
}

} // namespace crmdesk::sandbox
