#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace crmdesk::sandbox {

// One line of a provider's mapping table: a unified field and where the provider keeps it.
// The format of mappings.json is described in app/sandbox/README.md ("Mapping tables").
struct FieldMapping
{
    enum class Transform {
        Copy,            // the value as is
        String,          // ids: numbers become strings
        Number,          // numbers kept as text by the provider ("1500"); optional scale (cents)
        DateTime,        // format: see DateTimeFormat
        Enum,            // values: unified -> native
        NamePart,        // part of a full name: part = first | last
        Ref,             // native id         <-> {id}
        Refs,            // native [id, ...]  <-> [{id}, ...]
        RefList,         // native id         <-> [{id}]
        FirstRef,        // native [id, ...]  <-> {id} (the first)
        Objects,         // native [{...}]    <-> [{...}] through items
        FirstObject,     // native [{...}]    <-> {...} (the first) through items
        FlatObject,      // native object     <-> [{...}] (one element) through items
        FirstValue,      // native "x"        <-> [{key: "x", type}]
        Values,          // native ["x", "y"] or "x;y" <-> [{key: "x"}, {key: "y"}]
        CustomFields,    // native object holding custom fields by name <-> {name: value}
        CustomFieldList, // native [{name_key: n, value_key: v}] <-> {n: v}
    };

    struct Item
    {
        QString unifiedKey;
        QStringList nativePath; // relative to the item
    };

    QString unified; // dotted unified path: "owner.id"
    QStringList unifiedPath;
    QStringList nativePath; // empty: the record itself (flat_object, custom_fields)
    Transform transform = Transform::Copy;
    QString format;                               // DateTime
    QList<QPair<QString, QJsonValue>> enumValues; // Enum: unified -> native
    double scale = 1;                             // Number
    QString part;                                 // NamePart
    QString nativeType;                           // ids: "number" | "string" | "" (as found)
    QList<Item> items;                            // Objects, FirstObject, FlatObject
    QJsonObject defaults;                         // new native items start from these
    QString key;                                  // FirstValue, Values
    QString typeConstant;                         // FirstValue
    QString separator;                            // Values kept as one delimited string
    QStringList nameKey;                          // CustomFieldList
    QStringList valueKey;                         // CustomFieldList
    QStringList idKey;                            // CustomFieldList: where the definition id goes
    QList<QPair<QStringList, QJsonValue>> when;   // only when the native record matches
};

// How one provider stores one resource, and the conversion between its native records and
// unified records in both directions. Reading gives what a unified GET returns; writing is what a
// PATCH does to the provider's record, so both use the same table.
class ProviderMapping
{
public:
    static std::optional<ProviderMapping> fromJson(const QString &provider, const QString &resource,
                                                   const QJsonObject &json, QString *error);

    const QString &provider() const { return m_provider; }
    const QString &resource() const { return m_resource; }
    const QList<FieldMapping> &fields() const { return m_fields; }
    // The table exactly as written in mappings.json (meta/update's response_mapping).
    const QJsonObject &toJson() const { return m_source; }

    QString idOf(const QJsonObject &native) const;
    // customFields: the provider's definitions for this resource (CustomFieldCatalog).
    QJsonObject toUnified(const QJsonObject &native, const QJsonArray &customFields) const;

    struct WriteResult
    {
        QStringList
            ignored;       // unified fields (or custom_fields.<name>) the provider has no place for
        QString rejection; // why the provider refuses a value (a 422), empty when accepted
    };
    // Writes every unified field present in changes into native.
    WriteResult write(QJsonObject &native, const QJsonObject &changes,
                      const QJsonArray &customFields) const;
    // Sets the record's "last modified" fields to now and increments its version tag.
    void touch(QJsonObject &native, const QDateTime &now) const;

    // Whether a top-level unified field has a place in the native record.
    bool maps(const QString &field) const;
    QStringList mappedFields() const;
    // The provider's response body for one record: the record, or the record inside the
    // provider's envelope (Zendesk Sell's {"data": ..., "meta": ...}).
    QJsonObject rawBody(const QJsonObject &native) const;

private:
    struct Touch
    {
        QStringList nativePath;
        QString format;
    };

    QString m_provider;
    QString m_resource;
    QStringList m_idPath;
    QList<FieldMapping> m_fields;
    QList<Touch> m_touch;
    QStringList m_versionPath; // a version tag (W/"123") that every write increments
    QJsonObject m_rawEnvelope;
    QJsonObject m_source;
};

// Every provider's mapping tables, read from mappings.json.
class MappingTable
{
public:
    static std::optional<MappingTable> fromJson(const QJsonObject &json, QString *error);

    // provider matched case-insensitively; nullptr when the provider has no table for resource.
    const ProviderMapping *find(const QString &provider, const QString &resource) const;
    QStringList providers() const;
    QJsonObject toJson() const { return m_source; }

private:
    QHash<QString, ProviderMapping> m_mappings; // "hubspot/contacts"
    QStringList m_providers;
    QJsonObject m_source;
};

} // namespace crmdesk::sandbox
