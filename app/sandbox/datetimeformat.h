#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace crmdesk::sandbox {

// Date and time in the formats providers use, converted to and from the unified ISO 8601 form
// (contract §5.1: dates are ISO 8601 whatever the provider's own format).
//
//   iso           2024-01-15T10:20:30.123Z            HubSpot, Highlevel, Pipedrive leads
//   iso_seconds   2024-01-15T10:20:30Z                Capsule, Zendesk Sell, Dynamics
//   offset        2024-01-15T16:05:30+05:30           Zoho CRM, Freshsales, Teamleader
//   offset_ms     2024-01-15T02:20:30.123-08:00       Affinity
//   offset_micro  2024-01-15T10:20:30.123000+00:00    Close
//   sql           2024-01-15 10:20:30 (UTC)           Pipedrive, Insightly
//   date          2024-01-15                          close dates
//   epoch_ms      1705314030123 (a number)            HubSpot engagements
//   epoch_s       1705314030 (a number)
//
// Formats with an offset keep the offset the record already had, as a provider would.
class DateTimeFormat
{
public:
    static bool isKnown(const QString &format);
    // Any ISO 8601 form: date only, with or without seconds, fraction, Z or offset (no offset
    // means UTC); also "yyyy-MM-dd HH:mm:ss".
    static std::optional<QDateTime> parse(const QString &text);
    static std::optional<QDateTime> parseNative(const QJsonValue &value, const QString &format);
    static QString toUnified(const QDateTime &dateTime);
    static QJsonValue toNative(const QDateTime &dateTime, const QString &format,
                               const QJsonValue &existing);
};

} // namespace crmdesk::sandbox
