#include <QCoreApplication>
#include <QStandardPaths>

namespace {
// Every test process keeps settings, drafts and history away from the user's own folders.
void isolateFromUserState()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("crmdesk-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("crmdesk-tests"));
}
} // namespace

Q_COREAPP_STARTUP_FUNCTION(isolateFromUserState)
