#pragma once

#include <QString>
#include <QUrl>

namespace crmdesk::sandbox {

struct SandboxData;

// The text `crmdesk --sandbox` prints: where the server listens, the token, the accounts per
// provider, the reserved fault accounts and an example call.
class SandboxUsage
{
public:
    static QString text(const SandboxData &data, const QUrl &baseUrl, const QString &token);
};

} // namespace crmdesk::sandbox
