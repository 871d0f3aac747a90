#pragma once

#include "sandbox/sandboxhttp.h"

#include <QString>

namespace crmdesk::sandbox {

struct Account;
struct SandboxData;

// GET /unified/crm/{resource}/meta/update (contract §13), its per-integration variant, and
// GET /unified/crm/fields (contract §14).
class MetadataEndpoints
{
public:
    explicit MetadataEndpoints(const SandboxData &data);

    SandboxReply updateMeta(const Account &account, const QString &resource) const;
    SandboxReply updateMetaForIntegration(const QString &integration,
                                          const QString &resource) const;
    // Filter with entity_type (or entity) = contact | opportunity | lead | note ...
    SandboxReply fields(const Account &account, const SandboxRequest &request) const;

private:
    const SandboxData &m_data;
};

} // namespace crmdesk::sandbox
