#pragma once

#include "sandbox/sandboxhttp.h"

#include <QString>

namespace crmdesk::sandbox {

struct Account;
struct SandboxData;

// GET /integrated-account (contract §11), /integrated-account/{id} and
// /integrated-account/{id}/capabilities (contract §12).
class AccountEndpoints
{
public:
    explicit AccountEndpoints(const SandboxData &data);

    // Filters: tenant_id, is_sandbox, status, integration.name (also integration[name] or
    // integration_name); paging with limit and next_cursor; envelope {result, next_cursor, limit}.
    SandboxReply list(const SandboxRequest &request) const;
    SandboxReply get(const Account &account) const;
    // type = unified | proxy | all, resource, methods (comma list).
    SandboxReply capabilities(const Account &account, const SandboxRequest &request) const;

    static constexpr qsizetype kDefaultPageSize = 100;

private:
    const SandboxData &m_data;
};

} // namespace crmdesk::sandbox
