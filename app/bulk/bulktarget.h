#pragma once

#include "policy/accountcapabilities.h"
#include "policy/editpolicy.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace crmdesk {

class ResourceSchema;
class TrutoClient;

// What a bulk run needs to know about its account before the dry run: who the provider is and
// what the account allows (GET /integrated-account/{id} and its capabilities, contract §11,
// §12), its custom fields (§14), and from those the EditPolicy the form would build
// (EditPolicyBuilder, as RecordEditorView does), with the account's live rules (meta/update,
// §13) and typed custom field definitions, as the form has them once it has loaded.
struct BulkTarget
{
    AccountCapabilities account;
    EditPolicy policy;
    QStringList customFieldNames; // empty when the account could not list them
    QString liveNote;             // where the field rules came from, as the form says it
    QString error;                // the account could not be read: nothing else is set
};

// Fetches a BulkTarget; done runs once, from the event loop, unless context is gone.
void loadBulkTarget(TrutoClient *client, const ResourceSchema &schema, const QString &accountId,
                    const QObject *context, std::function<void(const BulkTarget &)> done);

} // namespace crmdesk
