#include "api/queryoptions.h"

#include <QJsonArray>
#include <QLocale>
#include <QUrl>

#include <cmath>

namespace crmdesk {

namespace {

// QUrl::toPercentEncoding leaves only A-Z a-z 0-9 - . _ ~ as they are, so brackets, space, '+',
// '&', '=', '/' and '?' are all encoded (contract §5.3 rule 2). QUrlQuery would leave '+' and
// the brackets literal, and a server then reads that '+' as a space.
QByteArray percentEncoded(const QString &text)
{
    return QUrl::toPercentEncoding(text);
}

void appendPair(QByteArray &out, const QByteArray &encodedKey, const QByteArray &encodedValue)
{
    if (!out.isEmpty())
        out += '&';
    out += encodedKey;
    out += '=';
    out += encodedValue;
}

// Text of a scalar; nothing for values that must be left out (rule 3: null and empty).
std::optional<QByteArray> scalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QByteArray("true") : QByteArray("false"); // rule 4
    case QJsonValue::Double: {
        // Integers keep every digit (a 64-bit id must not turn into 1.2e+18); other numbers use
        // the shortest form that reads back to the same double.
        const QVariant variant = value.toVariant();
        if (variant.typeId() == QMetaType::LongLong)
            return QByteArray::number(variant.toLongLong());
        const double number = value.toDouble();
        if (!std::isfinite(number))
            return std::nullopt;
        if (number == std::trunc(number) && std::abs(number) < 9007199254740992.0)
            return QByteArray::number(static_cast<qint64>(number));
        // Large and tiny numbers print as "1e+300": the '+' must go out as %2B (rule 2), or
        // the server reads "1e 300" (found by tests/fuzz/fuzz_queryencoder).
        return QByteArray::number(number, 'g', QLocale::FloatingPointShortest).replace("+", "%2B");
    }
    case QJsonValue::String: {
        const QString text = value.toString();
        if (text.isEmpty())
            return std::nullopt;
        return percentEncoded(text);
    }
    default:
        return std::nullopt;
    }
}

// Rule 1: arrays repeat key[]=v, objects nest as key[sub]=v, as deep as the value goes.
void appendValue(QByteArray &out, const QByteArray &encodedKey, const QJsonValue &value)
{
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            appendValue(out, encodedKey + "%5B%5D", item);
        return;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            appendValue(out, encodedKey + "%5B" + percentEncoded(it.key()) + "%5D", it.value());
        return;
    }
    if (const std::optional<QByteArray> text = scalarText(value))
        appendPair(out, encodedKey, *text);
}

} // namespace

QString toString(ResponseFormat format)
{
    switch (format) {
    case ResponseFormat::Unified:
        return QStringLiteral("unified");
    case ResponseFormat::Raw:
        return QStringLiteral("raw");
    case ResponseFormat::Normalized:
        return QStringLiteral("normalized");
    case ResponseFormat::Stream:
        return QStringLiteral("stream");
    }
    return {};
}

std::optional<ResponseFormat> responseFormatFromString(const QString &text)
{
    for (ResponseFormat format : {ResponseFormat::Unified, ResponseFormat::Raw,
                                  ResponseFormat::Normalized, ResponseFormat::Stream}) {
        if (text.compare(toString(format), Qt::CaseInsensitive) == 0)
            return format;
    }
    return std::nullopt;
}

void appendEncoded(QByteArray &out, const QByteArray &key, const QJsonValue &value)
{
    appendValue(out, percentEncoded(QString::fromUtf8(key)), value);
}

QByteArray QueryOptions::toEncodedQuery() const
{
    QByteArray out;
    appendEncoded(out, "integrated_account_id", integratedAccountId);
    if (responseFormat)
        appendEncoded(out, "truto_response_format", toString(*responseFormat));
    // false is the server default; sending it would only lengthen every URL.
    if (ignoreRemoteData)
        appendEncoded(out, "truto_ignore_remote_data", true);
    appendEncoded(out, "truto_exclude_fields", QJsonArray::fromStringList(excludeFields));
    appendEncoded(out, "remote_query", remoteQuery);
    for (auto it = resourceQuery.begin(); it != resourceQuery.end(); ++it)
        appendEncoded(out, it.key().toUtf8(), it.value());
    if (limit > 0)
        appendEncoded(out, "limit", limit);
    // The first page has no cursor; we leave it out rather than send next_cursor= (§5.3 rule 3).
    appendEncoded(out, "next_cursor", nextCursor);
    return out;
}

} // namespace crmdesk
