#include "sandbox/bodyinflater.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace crmdesk::sandbox {

namespace {

constexpr QByteArrayView kFiller = "The quick brown fox jumps over the lazy dog. ";
constexpr QByteArrayView kPlaceholder = "__sandbox_copy_id__";

QByteArray filler(qint64 bytes)
{
    QByteArray out;
    out.reserve(bytes);
    while (out.size() + kFiller.size() <= bytes)
        out += kFiller;
    out += QByteArray(bytes - out.size(), '.');
    return out;
}

QByteArray padded(const QByteArray &json, qint64 targetBytes)
{
    QByteArray trimmed = json.trimmed();
    if (!trimmed.endsWith('}'))
        return json;
    trimmed.chop(1);
    const bool empty = trimmed.trimmed() == "{";
    const QByteArray head = trimmed + (empty ? "" : ",") + "\"sandbox_padding\":\"";
    const qint64 needed = std::max<qint64>(0, targetBytes - head.size() - 2);
    return head + filler(needed) + "\"}";
}

} // namespace

QByteArray BodyInflater::inflateJson(const QByteArray &json, qint64 targetBytes)
{
    if (json.size() >= targetBytes)
        return json;
    const QJsonDocument document = QJsonDocument::fromJson(json);
    const QJsonObject root = document.object();
    const QJsonArray records = root.value(QLatin1String("result")).toArray();
    if (records.isEmpty() || !records.first().isObject())
        return padded(json, targetBytes);

    QJsonObject templateRecord = records.first().toObject();
    const QString originalId = templateRecord.value(QLatin1String("id")).toString();
    if (templateRecord.contains(QLatin1String("id")))
        templateRecord.insert(QStringLiteral("id"), QString::fromLatin1(kPlaceholder));
    const QByteArray templateBytes = QJsonDocument(templateRecord).toJson(QJsonDocument::Compact);
    const qsizetype cut = templateBytes.indexOf(kPlaceholder);

    QByteArray out = "{\"next_cursor\":null,\"prev_cursor\":null,\"result\":[";
    out.reserve(targetBytes + templateBytes.size() + 64);
    for (qsizetype i = 0; i < records.size(); ++i) {
        if (i > 0)
            out += ',';
        out += QJsonDocument(records.at(i).toObject()).toJson(QJsonDocument::Compact);
    }
    qsizetype count = records.size();
    for (qint64 copy = 1; out.size() < targetBytes; ++copy, ++count) {
        out += ',';
        if (cut < 0) {
            out += templateBytes;
            continue;
        }
        out += templateBytes.left(cut);
        out += originalId.toUtf8() + "-copy-" + QByteArray::number(copy);
        out += templateBytes.mid(cut + kPlaceholder.size());
    }
    out += "],\"result_count\":" + QByteArray::number(count) + '}';
    return out;
}

QByteArray BodyInflater::inflateNdjson(const QByteArray &ndjson, qint64 targetBytes)
{
    const QByteArray trimmed = ndjson.trimmed();
    if (trimmed.isEmpty() || ndjson.size() >= targetBytes)
        return ndjson;
    const QByteArray last = trimmed.mid(trimmed.lastIndexOf('\n') + 1) + '\n';
    QByteArray out = trimmed + '\n';
    out.reserve(targetBytes + last.size());
    while (out.size() < targetBytes)
        out += last;
    return out;
}

} // namespace crmdesk::sandbox
