#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace crmdesk {

class ResourceSchema;

// What one CSV column is: the record id, a unified body field (a dotted path for a nested one:
// "addresses.city", "email_addresses.0.email"), a custom field ("custom_fields.NAME"), or
// nothing (ignored, with the reason).
struct ColumnMatch
{
    enum class Kind { Ignored, RecordId, Field, CustomField };
    QString header;
    Kind kind = Kind::Ignored;
    QString path; // the field's dotted path; the custom field's name for CustomField
    QString note; // why a column is ignored

    // "id", "first_name", "custom_fields.tier" or "" (ignored): what the preview's combo shows.
    QString target() const;
    friend bool operator==(const ColumnMatch &, const ColumnMatch &) = default;
};

// Matches a column to a target: "id", a body field's dotted path, "custom_fields.NAME", or
// ignored. Header names are matched case-insensitively, with spaces and dashes read as
// underscores ("First Name" is first_name); an object[] sub-field may carry an item index
// ("phone_numbers.1.number"), without one it is the first item.
// Item indexes go up to kMaxItemIndex; a column naming a later item is ignored, with a note.
constexpr int kMaxItemIndex = 99;
ColumnMatch matchColumn(const QString &header, const ResourceSchema &schema);
QList<ColumnMatch> matchColumns(const QStringList &header, const ResourceSchema &schema);
// A correction from the preview: the column becomes `target` (as target() spells it; empty
// to ignore it).
ColumnMatch matchTarget(const QString &header, const QString &target, const ResourceSchema &schema);

// Every target a column can be given, for the preview's combo: "id", each editable body field
// and its sub-fields as dotted paths (response-only "id" and pass-through remote_data left out).
QStringList columnTargets(const ResourceSchema &schema);

} // namespace crmdesk
