#pragma once

#include "schema/resourceschema.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace crmdesk {

// The provider schema of every resource, loaded from the bundled JSON files.
class Schema
{
public:
    // The schema compiled into the app (":/schema/<resource>.json").
    static const Schema &bundled();
    // Loads every <resource>.json of a folder; on failure returns nothing and sets error.
    static std::optional<Schema> loadFrom(const QString &directory, QString *error = nullptr);

    QStringList resources() const { return m_resources.keys(); }
    const ResourceSchema *resource(const QString &name) const;
    // Every provider of every resource, sorted case-insensitively.
    QStringList providers() const;

private:
    QMap<QString, ResourceSchema> m_resources;
};

} // namespace crmdesk
