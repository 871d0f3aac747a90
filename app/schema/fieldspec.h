#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crmdesk {

// What the documentation says one provider does with one field.
enum class ProviderMark { Supported, Required };

// One documented parameter or body field, with its nested sub-fields.
struct FieldSpec
{
    QString name;
    QString path;      // dotted path from the section root: "addresses.city"
    QString type;      // as printed: string, number, boolean, object, object[], string[], Record<string, any>
    QString format;    // date-time, uuid or empty
    QString description;
    QStringList enumValues;
    QHash<QString, QStringList> providerEnum; // provider display name -> that provider's values
    QString references;                       // "Contacts" for a reference by id
    QString example;
    QString note;
    bool apiRequired = false;
    bool unnamed = false; // the page lost this field's name: shown, never editable
    std::optional<int> supportedCount;
    std::optional<int> requiredCount;
    QHash<QString, ProviderMark> providers;
    bool providersComplete = true;
    QList<FieldSpec> children;

    bool hasProviderData() const { return supportedCount.has_value(); }
    bool isArray() const { return type.endsWith(QLatin1String("[]")); }
    bool isObject() const { return type.startsWith(QLatin1String("object")); }
    bool isFreeForm() const { return type.startsWith(QLatin1String("Record")); }
    bool isPassThrough() const { return name == QLatin1String("remote_data"); }
    // Values valid for this provider: its own list where the page gives per-provider lists,
    // else the field's.
    QStringList enumFor(const QString &provider) const;

    static FieldSpec fromJson(const QJsonObject &json, const QString &parentPath = {});
};

} // namespace crmdesk
