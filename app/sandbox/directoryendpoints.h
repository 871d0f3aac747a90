#pragma once

#include "sandbox/sandboxhttp.h"

#include <QString>

namespace crmdesk::sandbox {

struct Account;
struct SandboxData;

// GET list and GET one on the read-only /unified/crm/users and /unified/crm/accounts, for an
// account whose status was already checked by the API. Writes are refused with 405.
class DirectoryEndpoints
{
public:
    explicit DirectoryEndpoints(const SandboxData &data);

    // The same envelope and paging as the record lists (contract §6.3): limit (default 25,
    // max 100), next_cursor, truto_ignore_limit, truto_key_by, truto_exclude_fields.
    SandboxReply list(const Account &account, const QString &resource,
                      const SandboxRequest &request) const;
    SandboxReply get(const Account &account, const QString &resource, const QString &id,
                     const SandboxRequest &request) const;
    static SandboxReply refuseWrite(const QString &resource);

private:
    const SandboxData &m_data;
};

} // namespace crmdesk::sandbox
