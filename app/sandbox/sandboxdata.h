#pragma once

#include "sandbox/accountregistry.h"
#include "sandbox/customfieldcatalog.h"
#include "sandbox/directorycatalog.h"
#include "sandbox/fieldrules.h"
#include "sandbox/providermapping.h"
#include "sandbox/recordstore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace crmdesk {
class Schema;
}

namespace crmdesk::sandbox {

// Everything the sandbox serves: the schema it is driven by, the accounts, each provider's
// mapping tables and custom fields, and the records. Loaded from the seed files compiled in
// under ":/sandbox" (resources/sandbox/*.json, described in app/sandbox/README.md).
struct SandboxData
{
    const Schema *schema = nullptr;
    AccountRegistry accounts;
    MappingTable mappings;
    CustomFieldCatalog customFields;
    DirectoryCatalog directory; // read-only users and accounts, unified
    RecordStore records;

    static std::optional<SandboxData> load(const Schema &schema, const QString &directory,
                                           QString *error);

    const ProviderMapping *mapping(const Account &account, const QString &resource) const;
    FieldRules rules(const Account &account, const QString &resource) const;
    QJsonArray customFieldsFor(const Account &account, const QString &resource) const;
    QJsonObject unified(const Account &account, const QString &resource,
                        const QJsonObject &native) const;
    // Every resource the account's provider has records and a mapping for, in schema order.
    QStringList resourcesOf(const Account &account) const;
    // {resource: [native, ...]} of one account, as RecordPersistence saves it.
    QJsonObject recordsOf(const Account &account) const;
    // Replaces the account's records with saved ones; false (with error) when they do not fit.
    bool restoreRecords(const Account &account, const QJsonObject &saved, QString *error);
};

} // namespace crmdesk::sandbox
