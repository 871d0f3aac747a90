#include "sandbox/responseformatter.h"

#include "sandbox/jsonpath.h"
#include "sandbox/querydecoder.h"
#include "sandbox/sandboxdata.h"
#include "schema/schema.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace crmdesk::sandbox {

std::optional<ResponseOptions> ResponseOptions::fromQuery(const QJsonObject &query, QString *error)
{
    ResponseOptions options;
    const QString format = query.value(QLatin1String("truto_response_format")).toString();
    if (format.isEmpty() || format == QLatin1String("unified")) {
        options.format = Format::Unified;
    } else if (format == QLatin1String("raw")) {
        options.format = Format::Raw;
    } else if (format == QLatin1String("normalized")) {
        options.format = Format::Normalized;
    } else if (format == QLatin1String("stream")) {
        options.format = Format::Stream;
    } else {
        if (error)
            *error = QStringLiteral("truto_response_format must be one of unified, raw, "
                                    "normalized, stream; got '%1'")
                         .arg(format);
        return std::nullopt;
    }
    options.ignoreRemoteData =
        QueryDecoder::isTrue(query.value(QLatin1String("truto_ignore_remote_data")));
    options.excludeFields =
        QueryDecoder::stringList(query.value(QLatin1String("truto_exclude_fields")));
    options.keyBy = query.value(QLatin1String("truto_key_by")).toString();
    return options;
}

ResponseFormatter::ResponseFormatter(const SandboxData &data, const Account &account,
                                     const QString &resource, ResponseOptions options)
    : m_data(data), m_account(account), m_resource(resource), m_options(std::move(options))
{
}

QJsonObject ResponseFormatter::unifiedRecord(const QJsonObject &native) const
{
    QJsonObject record = m_data.unified(m_account, m_resource, native);
    if (!m_options.ignoreRemoteData)
        record.insert(QStringLiteral("remote_data"), native);
    return record;
}

QJsonObject ResponseFormatter::shaped(const QJsonObject &native) const
{
    QJsonObject record;
    switch (m_options.format) {
    case ResponseOptions::Format::Raw:
        return native;
    case ResponseOptions::Format::Normalized: {
        const QJsonObject unified = m_data.unified(m_account, m_resource, native);
        if (const ResourceSchema *schema = m_data.schema->resource(m_resource)) {
            for (const FieldSpec &field : schema->response) {
                if (!field.isPassThrough())
                    record.insert(field.name, unified.value(field.name).isUndefined()
                                                  ? QJsonValue()
                                                  : unified.value(field.name));
            }
        }
        break;
    }
    case ResponseOptions::Format::Unified:
    case ResponseOptions::Format::Stream:
        record = unifiedRecord(native);
        break;
    }
    for (const QString &path : m_options.excludeFields)
        removeValueAt(record, path.split(u'.'));
    return record;
}

SandboxReply ResponseFormatter::recordReply(const QJsonObject &native) const
{
    if (m_options.format == ResponseOptions::Format::Stream)
        return streamReply({shaped(native)});
    if (m_options.format == ResponseOptions::Format::Raw)
        return SandboxReply::json(200, m_data.mapping(m_account, m_resource)->rawBody(native));
    return SandboxReply::json(200, shaped(native));
}

SandboxReply ResponseFormatter::listReply(const QList<StoredRecord> &page,
                                          const QString &nextCursor,
                                          const QString &prevCursor) const
{
    QList<QJsonObject> records;
    for (const StoredRecord &record : page)
        records.append(shaped(record.native));
    if (m_options.format == ResponseOptions::Format::Stream)
        return streamReply(records);

    QJsonValue result;
    if (!m_options.keyBy.isEmpty()) {
        // truto_key_by (contract §4.2): the result array re-keyed by a field.
        QJsonObject keyed;
        for (const QJsonObject &record : std::as_const(records)) {
            const QJsonValue key =
                valueAt(record, m_options.keyBy.split(u'.')).value_or(QJsonValue());
            keyed.insert(key.isDouble() ? QString::number(key.toDouble()) : key.toString(), record);
        }
        result = keyed;
    } else {
        QJsonArray array;
        for (const QJsonObject &record : std::as_const(records))
            array.append(record);
        result = array;
    }
    return SandboxReply::json(
        200, QJsonObject{{QStringLiteral("result"), result},
                         {QStringLiteral("next_cursor"),
                          nextCursor.isEmpty() ? QJsonValue() : QJsonValue(nextCursor)},
                         {QStringLiteral("prev_cursor"),
                          prevCursor.isEmpty() ? QJsonValue() : QJsonValue(prevCursor)},
                         {QStringLiteral("result_count"), int(records.size())}});
}

SandboxReply ResponseFormatter::streamReply(const QList<QJsonObject> &records) const
{
    QByteArray ndjson;
    for (const QJsonObject &record : records)
        ndjson += QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n';
    SandboxReply reply;
    reply.status = 200;
    reply.setHeader("content-type", "application/x-ndjson; charset=utf-8");
    reply.delivery.chunked = true;
    reply.delivery.chunks = streamChunks(ndjson);
    reply.delivery.chunkIntervalMs = kStreamChunkIntervalMs;
    return reply;
}

QList<QByteArray> ResponseFormatter::streamChunks(const QByteArray &ndjson)
{
    constexpr qsizetype kMinChunk = 128;
    const qsizetype chunkSize = std::max<qsizetype>(kMinChunk, ndjson.size() / 64);
    QList<QByteArray> chunks;
    QByteArray pending;
    const QList<QByteArray> lines = ndjson.split('\n');
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        const QByteArray withEnd = line + '\n';
        qsizetype offset = 0;
        // A line longer than a chunk is cut; short lines share a chunk up to its size.
        while (withEnd.size() - offset > chunkSize) {
            if (!pending.isEmpty()) {
                chunks.append(pending);
                pending.clear();
            }
            chunks.append(withEnd.mid(offset, chunkSize));
            offset += chunkSize;
        }
        const QByteArray rest = withEnd.mid(offset);
        if (pending.size() + rest.size() > chunkSize && !pending.isEmpty()) {
            chunks.append(pending);
            pending.clear();
        }
        pending += rest;
    }
    if (!pending.isEmpty())
        chunks.append(pending);
    return chunks;
}

} // namespace crmdesk::sandbox
