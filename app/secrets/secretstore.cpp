#include "secrets/secretstore.h"

#include <QMetaObject>

namespace crmdesk {

void SecretStore::deliver(const QObject *context, SecretCallback done, SecretResult result)
{
    if (!context || !done)
        return;
    // A queued call on the context: Qt drops it if the context is destroyed first, so a
    // callback never runs against a closed dialog.
    QMetaObject::invokeMethod(
        const_cast<QObject *>(context),
        [done = std::move(done), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}

} // namespace crmdesk
