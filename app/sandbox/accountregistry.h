#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace crmdesk::sandbox {

// One integrated account the sandbox serves (contract §11), as read from accounts.json.
struct Account
{
    QString id;
    QString integration; // slug: "hubspot"
    QString integrationId;
    QString provider; // the schema's display name: "HubSpot"
    QString label;    // "HubSpot"
    QString category; // "crm"
    QString tenantId;
    QString status; // active | connecting | post_install_error | validation_error | needs_reauth
    QString region;
    QString authenticationMethod;
    QString createdAt;
    QString updatedAt;
    QString records;        // which records-<name>.json seeds it
    QString fault;          // a reserved account's fault (README "Faults"); empty for others
    QString description;    // what the account is for, printed by the usage text
    bool isSandbox = false; // Truto's read-only sandbox accounts answer 405 to writes (§16.2)
    bool isBlocked = false; // blocked accounts answer 503 (§8.1)
    QJsonObject context;
    QJsonObject schemaOverrides; // resource -> field -> "required" | "supported" | "unsupported"

    bool isFaultAccount() const { return !fault.isEmpty(); }
    // The account object as GET /integrated-account/{id} returns it.
    QJsonObject toJson(const QString &environmentId) const;
};

// The integrated accounts, in the order of accounts.json.
class AccountRegistry
{
public:
    static std::optional<AccountRegistry> fromJson(const QJsonObject &json, QString *error);

    const QList<Account> &accounts() const { return m_accounts; }
    const Account *find(const QString &id) const;
    QString environmentId() const { return m_environmentId; }
    QJsonArray toJson() const;
    // The first active, non-sandbox, fault-free account whose provider, slug or label matches
    // (case-insensitive); empty when there is none.
    QString firstActiveAccountFor(const QString &provider) const;

private:
    QString m_environmentId;
    QList<Account> m_accounts;
};

} // namespace crmdesk::sandbox
