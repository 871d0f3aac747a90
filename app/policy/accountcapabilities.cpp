#include "policy/accountcapabilities.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace crmdesk {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("crmdesk::AccountCapabilities", text);
}

void readIntegration(const QJsonObject &integration, QString &slug, QString &label)
{
    if (const QString name = integration.value(QLatin1String("name")).toString(); !name.isEmpty())
        slug = name;
    if (const QString text = integration.value(QLatin1String("label")).toString(); !text.isEmpty())
        label = text;
}
} // namespace

AccountCapabilities AccountCapabilities::fromAccount(const QJsonObject &account)
{
    AccountCapabilities out;
    out.m_id = account.value(QLatin1String("id")).toString();
    out.m_status = account.value(QLatin1String("status")).toString();
    out.m_sandbox = account.value(QLatin1String("is_sandbox")).toBool();
    out.m_blocked = account.value(QLatin1String("is_blocked")).toBool();
    readIntegration(account.value(QLatin1String("integration")).toObject(), out.m_slug, out.m_label);
    return out;
}

void AccountCapabilities::readCapabilities(const QJsonObject &capabilities)
{
    readIntegration(capabilities.value(QLatin1String("integration")).toObject(), m_slug, m_label);
    const QJsonObject account = capabilities.value(QLatin1String("account")).toObject();
    if (account.contains(QLatin1String("is_blocked")))
        m_blocked = account.value(QLatin1String("is_blocked")).toBool();
    if (const QString status = account.value(QLatin1String("status")).toString(); !status.isEmpty())
        m_status = status;
    m_updatable.clear();
    for (const QJsonValue &value : capabilities.value(QLatin1String("unified")).toArray()) {
        const QJsonObject entry = value.toObject();
        // Contract §12: the entry of the unified *CRM* model must list "update".
        const QString model = entry.value(QLatin1String("model")).toString();
        if (!model.isEmpty() && model != QLatin1String("crm"))
            continue;
        const QString resource = entry.value(QLatin1String("resource")).toString();
        if (entry.value(QLatin1String("methods")).toArray().contains(QStringLiteral("update"))
            && !m_updatable.contains(resource))
            m_updatable.append(resource);
    }
    m_capabilitiesKnown = true;
}

QString AccountCapabilities::provider() const
{
    return m_label.isEmpty() ? m_slug : m_label;
}

QString AccountCapabilities::updateRefusal(const QString &resource) const
{
    // Contract §16.2: Truto's sandbox accounts refuse writes with 405; say so before trying.
    if (m_sandbox)
        return tr("This is a read-only sandbox account: the provider refuses writes (405)");
    if (m_blocked)
        return tr("This account is blocked (503): contact Truto support");
    if (m_capabilitiesKnown && !m_updatable.contains(resource))
        return tr("%1 does not allow updating %2 for this account").arg(provider(), resource);
    return {};
}

QString AccountCapabilities::summary() const
{
    if (!isValid())
        return {};
    QStringList parts{provider(), m_status.isEmpty() ? tr("unknown status") : m_status};
    if (m_sandbox)
        parts.append(tr("read-only sandbox"));
    if (m_blocked)
        parts.append(tr("BLOCKED"));
    return parts.join(QStringLiteral(" · "));
}

} // namespace crmdesk
