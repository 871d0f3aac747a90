#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace crmdesk {

// What one integrated account is and what it lets us do, parsed once from its entry in
// GET /integrated-account (contract §11) and, when it has arrived, from
// GET /integrated-account/{id}/capabilities?type=unified (contract §12). Every account rule
// of the app is decided here: widgets only show the answers.
class AccountCapabilities
{
public:
    AccountCapabilities() = default;
    // An account object: {id, status, is_sandbox, integration: {name, label}}.
    static AccountCapabilities fromAccount(const QJsonObject &account);

    // Adds the capabilities answer. Its integration and account blocks win over the list
    // entry's, because they are never cached (contract §12, "Caching").
    void readCapabilities(const QJsonObject &capabilities);

    bool isValid() const { return !m_id.isEmpty(); }
    const QString &id() const { return m_id; }
    // The provider's display name ("HubSpot"): the integration label, else its slug.
    QString provider() const;
    const QString &integrationSlug() const { return m_slug; } // "hubspot"
    const QString &status() const { return m_status; }        // "active", "needs_reauth", ...
    bool isSandbox() const { return m_sandbox; }
    bool isBlocked() const { return m_blocked; }
    bool capabilitiesKnown() const { return m_capabilitiesKnown; }
    // Resources whose unified CRM entry lists "update", in the answer's order.
    const QStringList &updatableResources() const { return m_updatable; }

    // Until the capabilities have arrived only the account's own flags can refuse.
    bool canUpdate(const QString &resource) const { return updateRefusal(resource).isEmpty(); }
    // Why a write of `resource` would be refused, in words, or empty when it is allowed.
    QString updateRefusal(const QString &resource) const;
    // "HubSpot · active · read-only sandbox · BLOCKED", for the account badge.
    QString summary() const;

private:
    QString m_id;
    QString m_slug;
    QString m_label;
    QString m_status;
    bool m_sandbox = false;
    bool m_blocked = false;
    bool m_capabilitiesKnown = false;
    QStringList m_updatable;
};

} // namespace crmdesk
