#pragma once

#include "sandbox/recordstore.h"
#include "sandbox/sandboxhttp.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace crmdesk::sandbox {

struct Account;
struct SandboxData;

// The Truto query options that shape a response (contract §4.1, §4.2, §6.1).
struct ResponseOptions
{
    enum class Format { Unified, Raw, Normalized, Stream };

    Format format = Format::Unified;
    bool ignoreRemoteData = false;
    QStringList excludeFields; // dotted paths
    QString keyBy;             // lists only: truto_key_by

    // Reads truto_response_format, truto_ignore_remote_data, truto_exclude_fields (array, one
    // value or comma list) and truto_key_by; an unknown format sets error.
    static std::optional<ResponseOptions> fromQuery(const QJsonObject &query, QString *error);
};

// Turns native records into the response body for one account and resource.
//
//  unified    the unified record itself (§6.3), with remote_data = the native record (§6.2).
//  raw        the provider's own body: the native record (inside the provider's envelope where it
//             has one, e.g. Zendesk Sell's {"data": ...}). Lists keep Truto's list envelope around
//             native records.
//  normalized Truto describes it in one sentence (§6.1, §19). The sandbox's choice: the unified
//             record with every response field of the schema present (null where the provider
//             has no value), no remote_data, so that every provider gives the same shape.
//  stream     newline-delimited JSON (application/x-ndjson), one unified record per line, sent
//             with Transfer-Encoding: chunked in several chunks with short pauses, so a client
//             sees bytes arrive progressively.
class ResponseFormatter
{
public:
    ResponseFormatter(const SandboxData &data, const Account &account, const QString &resource,
                      ResponseOptions options);

    QJsonObject unifiedRecord(const QJsonObject &native) const;
    SandboxReply recordReply(const QJsonObject &native) const;
    SandboxReply listReply(const QList<StoredRecord> &page, const QString &nextCursor,
                           const QString &prevCursor) const;

    // Splits newline-delimited JSON into chunks for a streamed reply (at most ~64 chunks plus
    // one per line, so that tens of megabytes still stream in a few hundred milliseconds).
    static QList<QByteArray> streamChunks(const QByteArray &ndjson);
    static constexpr int kStreamChunkIntervalMs = 5;

private:
    QJsonObject shaped(const QJsonObject &native) const;
    SandboxReply streamReply(const QList<QJsonObject> &records) const;

    const SandboxData &m_data;
    const Account &m_account;
    QString m_resource;
    ResponseOptions m_options;
};

} // namespace crmdesk::sandbox
