#include "schema/fieldspec.h"

#include <QJsonArray>

namespace crmdesk {

namespace {
QStringList toStringList(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        out.append(item.toString());
    return out;
}

std::optional<int> optionalInt(const QJsonObject &json, QLatin1String key)
{
    const QJsonValue value = json.value(key);
    if (value.isDouble())
        return value.toInt();
    return std::nullopt;
}
} // namespace

QStringList FieldSpec::enumFor(const QString &provider) const
{
    // Where the page lists values per provider, a provider without its own list has no
    // documented values: offering another provider's would be a guess.
    if (providerEnum.isEmpty())
        return enumValues;
    return providerEnum.value(provider);
}

FieldSpec FieldSpec::fromJson(const QJsonObject &json, const QString &parentPath)
{
    FieldSpec spec;
    spec.name = json.value(QLatin1String("name")).toString();
    spec.path = parentPath.isEmpty() ? spec.name : parentPath + u'.' + spec.name;
    spec.type = json.value(QLatin1String("type")).toString();
    spec.format = json.value(QLatin1String("format")).toString();
    spec.description = json.value(QLatin1String("description")).toString();
    spec.enumValues = toStringList(json.value(QLatin1String("enum")));
    const QJsonObject providerEnum = json.value(QLatin1String("provider_enum")).toObject();
    for (auto it = providerEnum.begin(); it != providerEnum.end(); ++it)
        spec.providerEnum.insert(it.key(), toStringList(it.value()));
    spec.references = json.value(QLatin1String("references")).toString();
    const QJsonValue example = json.value(QLatin1String("example"));
    spec.example = example.isString() ? example.toString() : QString();
    spec.note = json.value(QLatin1String("note")).toString();
    spec.apiRequired = json.value(QLatin1String("api_required")).toBool();
    spec.unnamed = json.value(QLatin1String("unnamed")).toBool();
    spec.supportedCount = optionalInt(json, QLatin1String("supported_count"));
    spec.requiredCount = optionalInt(json, QLatin1String("required_count"));
    const QJsonObject providers = json.value(QLatin1String("providers")).toObject();
    for (auto it = providers.begin(); it != providers.end(); ++it) {
        spec.providers.insert(it.key(), it.value().toString() == QLatin1String("required")
                                            ? ProviderMark::Required
                                            : ProviderMark::Supported);
    }
    spec.providersComplete = json.value(QLatin1String("providers_complete")).toBool(true);
    const QJsonArray children = json.value(QLatin1String("fields")).toArray();
    for (const QJsonValue &child : children)
        spec.children.append(fromJson(child.toObject(), spec.path));
    return spec;
}

} // namespace crmdesk
