#pragma once

#include "api/queryoptions.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace crmdesk {

// What a request is about: a unified CRM resource, one record of it, and the integrated account.
// It travels with the request into the result and the history, so that nothing has to recover
// it from a URL (an id such as "a/b c" is one encoded path segment, contract §3).
struct RecordTarget
{
    QString resource;  // "contacts"; empty for platform calls (accounts, capabilities)
    QString recordId;  // empty for lists and meta calls
    QString accountId; // the integrated account; empty when the call has none

    bool isEmpty() const { return resource.isEmpty() && recordId.isEmpty() && accountId.isEmpty(); }
    // "/unified/crm/contacts" or "/unified/crm/contacts/<percent-encoded id>".
    QByteArray encodedPath() const;
    friend bool operator==(const RecordTarget &, const RecordTarget &) = default;
};

// One PATCH /unified/crm/{resource}/{id} as a value: what the form would send, or sends.
struct PatchRequest
{
    RecordTarget target;
    QJsonObject body;       // only the changed fields
    QueryOptions options;   // options.integratedAccountId is target.accountId on the wire
    QString idempotencyKey; // reused by retries (contract §9)
};

} // namespace crmdesk
