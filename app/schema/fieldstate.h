#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace crmdesk {

enum class Support { Supported, Unsupported, Unknown };

// Where a field's state came from: the documentation bundled with the app, or the live account.
enum class StateOrigin { BundledDocs, LiveAccount };

QString toString(Support support);
QString toString(StateOrigin origin);

// What one provider does with one field, and why.
struct FieldState
{
    Support support = Support::Unknown;
    bool required = false;
    QString reason;
    QStringList enumValues;     // values this provider accepts; empty = free text
    QStringList supportedBy;    // providers the documentation names as supporting the field
    StateOrigin origin = StateOrigin::BundledDocs;
    bool locked = false;        // shown but never editable (a field whose name was lost)

    bool editable() const { return !locked && support != Support::Unsupported; }
    friend bool operator==(const FieldState &, const FieldState &) = default;
};

// The state of every field of one resource for one provider, by dotted path.
// Forms read it in one place; live account metadata is merged over it.
class FieldPolicy
{
public:
    FieldPolicy() = default;
    FieldPolicy(QString resource, QString provider)
        : m_resource(std::move(resource)), m_provider(std::move(provider))
    {
    }

    const QString &resource() const { return m_resource; }
    const QString &provider() const { return m_provider; }

    void set(const QString &path, const FieldState &state);
    FieldState state(const QString &path) const;
    bool contains(const QString &path) const { return m_states.contains(path); }
    const QStringList &paths() const { return m_order; }
    QStringList requiredPaths() const;

private:
    QString m_resource;
    QString m_provider;
    QStringList m_order;
    QHash<QString, FieldState> m_states;
};

} // namespace crmdesk
