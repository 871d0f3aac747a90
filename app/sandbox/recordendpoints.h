#pragma once

#include "sandbox/sandboxhttp.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <optional>

namespace crmdesk::sandbox {

struct Account;
struct SandboxData;

// GET list, GET one and PATCH on /unified/crm/{resource}[/{id}] for one account whose status
// and provider support were already checked by the API.
class RecordEndpoints
{
public:
    using ChangedHandler =
        std::function<void(const Account &, const QString &resource, const QString &id)>;
    using Clock = std::function<QDateTime()>;

    RecordEndpoints(SandboxData &data, ChangedHandler changed, Clock clock);

    SandboxReply list(const Account &account, const QString &resource,
                      const SandboxRequest &request) const;
    SandboxReply get(const Account &account, const QString &resource, const QString &id,
                     const SandboxRequest &request) const;
    // The update as contract §2 and §13 describe it: unsupported fields are dropped,
    // remote_data goes to the provider as is, provider-required fields left empty give 400
    // with truto_error_insight.missing_required_body_fields (§7), values the provider refuses
    // give a 422 remote error.
    SandboxReply patch(const Account &account, const QString &resource, const QString &id,
                       const SandboxRequest &request);

    static constexpr qsizetype kDefaultPageSize = 25;
    static constexpr qsizetype kMaxPageSize = 100;

private:
    static QString writeKey(const Account &account, const QString &resource, const QString &id);
    void addWritesHeader(SandboxReply &reply, const Account &account, const QString &resource,
                         const QString &id) const;
    // Typed and read-only custom fields of a PATCH body; what may be written goes to kept.
    std::optional<SandboxReply> checkCustomFields(const Account &account, const QString &resource,
                                                  const QJsonObject &stored,
                                                  const QJsonObject &sent,
                                                  QJsonObject *kept) const;

    SandboxData &m_data;
    // PATCHes applied per record since the server started (idempotent replays are not
    // applied): every record answer says it in x-sandbox-writes, so a test can prove that a
    // resumed bulk run changed each record exactly once.
    QHash<QString, int> m_writes;
    ChangedHandler m_changed;
    Clock m_clock;
};

} // namespace crmdesk::sandbox
