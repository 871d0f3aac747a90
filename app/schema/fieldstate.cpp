#include "schema/fieldstate.h"

namespace crmdesk {

QString toString(Support support)
{
    switch (support) {
    case Support::Supported:
        return QStringLiteral("supported");
    case Support::Unsupported:
        return QStringLiteral("unsupported");
    case Support::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString toString(StateOrigin origin)
{
    return origin == StateOrigin::LiveAccount ? QStringLiteral("live account")
                                              : QStringLiteral("bundled documentation");
}

void FieldPolicy::set(const QString &path, const FieldState &state)
{
    if (!m_states.contains(path))
        m_order.append(path);
    m_states.insert(path, state);
}

FieldState FieldPolicy::state(const QString &path) const
{
    const auto it = m_states.constFind(path);
    if (it != m_states.cend())
        return it.value();
    FieldState unknown;
    unknown.reason = QStringLiteral("Not in the schema for %1").arg(m_resource);
    return unknown;
}

QStringList FieldPolicy::requiredPaths() const
{
    QStringList out;
    for (const QString &path : m_order) {
        if (m_states.value(path).required)
            out.append(path);
    }
    return out;
}

} // namespace crmdesk
