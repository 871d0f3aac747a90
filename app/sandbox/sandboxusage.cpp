#include "sandbox/sandboxusage.h"

#include "sandbox/sandboxdata.h"

#include <QTextStream>

namespace crmdesk::sandbox {

QString SandboxUsage::text(const SandboxData &data, const QUrl &baseUrl, const QString &token)
{
    QString out;
    QTextStream stream(&out);
    const QString base = baseUrl.toString(QUrl::StripTrailingSlash);
    stream << "CRM Desk sandbox: an offline stand-in for https://api.truto.one\n\n";
    stream << "  Base URL  " << (base.isEmpty() ? QStringLiteral("(not listening)") : base) << '\n';
    stream << "  Token     " << token << "\n\n";
    stream << "Integrated accounts:\n";
    qsizetype width = 0;
    for (const Account &account : data.accounts.accounts())
        width = std::max(width, account.label.size());
    QString exampleAccount;
    QString exampleResource;
    for (const Account &account : data.accounts.accounts()) {
        if (account.isFaultAccount())
            continue;
        QStringList notes;
        if (account.status != QLatin1String("active"))
            notes.append(account.status);
        if (account.isSandbox)
            notes.append(QStringLiteral("read-only sandbox account: PATCH answers 405"));
        if (account.isBlocked && account.description.isEmpty())
            notes.append(QStringLiteral("blocked: answers 503"));
        if (!account.description.isEmpty())
            notes.append(account.description);
        stream << "  " << account.label.leftJustified(width) << "  " << account.id << "  "
               << data.resourcesOf(account).join(QLatin1String(","));
        if (!notes.isEmpty())
            stream << "  (" << notes.join(QLatin1String("; ")) << ')';
        stream << '\n';
        if (exampleAccount.isEmpty() && account.status == QLatin1String("active")) {
            exampleAccount = account.id;
            exampleResource = data.resourcesOf(account).value(0, QStringLiteral("contacts"));
        }
    }
    stream << "\nFault accounts (every call to them misbehaves; see also the X-Sandbox-Fault "
              "header):\n";
    for (const Account &account : data.accounts.accounts()) {
        if (account.isFaultAccount())
            stream << "  " << account.id << "  " << account.fault << "  " << account.description
                   << '\n';
    }
    stream << "\nExample:\n  curl -H \"Authorization: Bearer " << token << "\" \"" << base
           << "/unified/crm/" << exampleResource << "?integrated_account_id=" << exampleAccount
           << "\"\n";
    stream << "\nFaults on any call: -H \"X-Sandbox-Fault: latency=500, 500=2\" (latency=MS, "
              "429[=RETRY_AFTER_S], 500|502|504[=FIRST_N_ATTEMPTS], 503, 422, drop[=BYTES], "
              "large[=BYTES], hang, token=NAME)\n";
    stream.flush();
    return out;
}

} // namespace crmdesk::sandbox
