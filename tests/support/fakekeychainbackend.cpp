#include "fakekeychainbackend.h"

#include <QMetaObject>

namespace crmdesk::test {

void FakeKeychainBackend::run(Operation operation, const QString &service, const QString &key,
                              const QString &text, QObject *receiver, Callback done)
{
    ++m_state->calls;
    const QString entry = service + u'/' + key;
    Reply reply;
    if (m_state->failWith != QKeychain::NoError) {
        reply.error = m_state->failWith;
        reply.errorString = m_state->failMessage;
    } else {
        switch (operation) {
        case Operation::Read:
            if (m_state->entries.contains(entry))
                reply.text = m_state->entries.value(entry);
            else
                reply.error = QKeychain::EntryNotFound;
            break;
        case Operation::Write:
            m_state->entries.insert(entry, text);
            break;
        case Operation::Delete:
            if (m_state->entries.remove(entry) == 0)
                reply.error = QKeychain::EntryNotFound;
            break;
        }
    }
    // Like a QKeychain job: the answer comes later, from the event loop.
    QMetaObject::invokeMethod(
        receiver, [done = std::move(done), reply] { done(reply); }, Qt::QueuedConnection);
}

} // namespace crmdesk::test
