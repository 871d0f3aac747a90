#include "schema/schema.h"

#include "schema/jsonvalues.h"

#include <QDir>

#include <algorithm>

namespace crmdesk {

std::optional<Schema> Schema::loadFrom(const QString &directory, QString *error)
{
    Schema schema;
    const QDir dir(directory);
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &fileName : files) {
        const std::optional<QJsonObject> json = readJsonObjectFile(dir.filePath(fileName), error);
        if (!json)
            return std::nullopt;
        ResourceSchema resource = ResourceSchema::fromJson(*json);
        if (resource.name.isEmpty()) {
            if (error)
                *error = QStringLiteral("%1 names no resource").arg(dir.filePath(fileName));
            return std::nullopt;
        }
        const QString name = resource.name;
        schema.m_resources.insert(name, std::move(resource));
    }
    if (schema.m_resources.isEmpty()) {
        if (error)
            *error = QStringLiteral("No schema files in %1").arg(directory);
        return std::nullopt;
    }
    return schema;
}

const Schema &Schema::bundled()
{
    // Immutable data compiled into the binary, parsed once on first use.
    static const Schema schema = [] {
        QString error;
        std::optional<Schema> loaded = loadFrom(QStringLiteral(":/schema"), &error);
        Q_ASSERT_X(loaded.has_value(), "Schema::bundled", qPrintable(error));
        return loaded.value_or(Schema());
    }();
    return schema;
}

const ResourceSchema *Schema::resource(const QString &name) const
{
    const auto it = m_resources.constFind(name.toLower());
    return it != m_resources.cend() ? &it.value() : nullptr;
}

QStringList Schema::providers() const
{
    QStringList all;
    for (const ResourceSchema &resource : m_resources) {
        for (const QString &provider : resource.allProviders()) {
            if (!all.contains(provider))
                all.append(provider);
        }
    }
    std::sort(all.begin(), all.end(), [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    return all;
}

} // namespace crmdesk
