#pragma once

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace crmdesk {

enum class ResponseFormat { Unified, Raw, Normalized, Stream };

QString toString(ResponseFormat format);
std::optional<ResponseFormat> responseFormatFromString(const QString &text);

// The Truto query options of a call (contract §4), as a value.
struct QueryOptions
{
    QString integratedAccountId;
    std::optional<ResponseFormat> responseFormat; // absent: server default (unified)
    bool ignoreRemoteData = false;
    QStringList excludeFields;
    QJsonObject remoteQuery;    // nested, encoded as remote_query[a][b]=v
    QJsonObject resourceQuery;  // the resource's own parameters, e.g. engagement_type, contact[]
    // List calls only.
    int limit = 0;
    QString nextCursor;

    // Encodes as contract §5.3: arrays key[]=v, objects key[sub]=v, every key and value
    // percent-encoded (space %20, plus %2B), nulls and empty values left out.
    QByteArray toEncodedQuery() const;
};

// Encodes one JSON value under a key (not yet encoded) with the rules of
// QueryOptions::toEncodedQuery(), appending "&key=value" pairs to out.
void appendEncoded(QByteArray &out, const QByteArray &key, const QJsonValue &value);

} // namespace crmdesk
