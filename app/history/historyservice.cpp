#include "history/historyservice.h"

#include <QThread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace crmdesk {

namespace {

void yieldToTheUiThread()
{
#ifdef Q_OS_LINUX
    // QThread::setPriority() cannot lower a SCHED_OTHER thread on Linux; its nice value can.
    setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), 5);
#else
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}

} // namespace

HistoryService::HistoryService(QString databasePath, QObject *parent)
    : QObject(parent), m_path(std::move(databasePath)), m_thread(new QThread(this)),
      m_store(new HistoryStore(m_path))
{
    m_thread->setObjectName(QStringLiteral("crmdesk-history"));
    m_store->moveToThread(m_thread);
    // Emitted on the worker, delivered here (queued): the store's own notifications.
    connect(m_store, &HistoryStore::entryAdded, this, &HistoryService::entryAdded);
    connect(m_store, &HistoryStore::entriesRemoved, this, &HistoryService::entriesRemoved);
    m_thread->start();
    // The UI thread comes first: a search that shares a core with it must not make it wait.
    post([](HistoryStore &) { yieldToTheUiThread(); });
}

HistoryService::~HistoryService()
{
    // Queued after everything asked so far: the worker drains its queue, closes the database in
    // its own thread and stops. Waiting here happens once, at shutdown.
    HistoryStore *store = m_store;
    QMetaObject::invokeMethod(store, [store] {
        delete store;
        QThread::currentThread()->quit();
    });
    m_thread->wait();
}

void HistoryService::post(std::function<void(HistoryStore &)> work)
{
    HistoryStore *store = m_store;
    QMetaObject::invokeMethod(store, [store, work = std::move(work)] { work(*store); });
}

template<typename Result>
void HistoryService::ask(const QObject *context, std::function<Result(HistoryStore &)> work,
                         std::function<void(const Result &)> done)
{
    QPointer<const QObject> receiver(context);
    HistoryStore *store = m_store;
    QMetaObject::invokeMethod(store, [this, store, receiver, work = std::move(work), done = std::move(done)] {
        Result result = work(*store);
        // Back through the service, which outlives the worker; the receiver is checked on its
        // own thread, where it can be deleted.
        QMetaObject::invokeMethod(this, [receiver, done, result = std::move(result)] {
            if (receiver)
                done(result);
        });
    });
}

void HistoryService::open(const QObject *context, std::function<void(bool, const QString &)> done)
{
    struct Outcome
    {
        bool ok = false;
        QString error;
        QString recoveryNote;
    };
    ask<Outcome>(
        this,
        [](HistoryStore &store) {
            Outcome outcome;
            outcome.ok = store.open(&outcome.error);
            outcome.recoveryNote = store.recoveryNote();
            return outcome;
        },
        [this, receiver = QPointer<const QObject>(context), done = std::move(done)](const Outcome &outcome) {
            m_open = outcome.ok;
            if (receiver && done)
                done(outcome.ok, outcome.error);
            Q_EMIT opened(outcome.ok, outcome.error);
            if (!outcome.recoveryNote.isEmpty())
                Q_EMIT recovered(outcome.recoveryNote);
        });
}

void HistoryService::addSecret(const QString &secret)
{
    post([secret](HistoryStore &store) {
        Redactor redactor = store.redactor();
        redactor.addSecret(secret);
        store.setRedactor(redactor);
    });
}

void HistoryService::setBodyCap(qint64 bytes)
{
    post([bytes](HistoryStore &store) { store.setBodyCap(bytes); });
}

void HistoryService::append(const HistoryEntry &entry)
{
    post([this, entry](HistoryStore &store) {
        QString error;
        // A history that could not be opened has said so once; the app works without it.
        if (store.isOpen() && !store.append(entry, &error))
            QMetaObject::invokeMethod(this, [this, error] { Q_EMIT appendFailed(error); });
    });
}

void HistoryService::append(const HistoryEntry &entry, const QObject *context,
                            std::function<void(qint64)> done)
{
    ask<qint64>(
        context,
        [this, entry](HistoryStore &store) -> qint64 {
            if (!store.isOpen())
                return 0;
            QString error;
            const std::optional<qint64> id = store.append(entry, &error);
            if (!id)
                QMetaObject::invokeMethod(this, [this, error] { Q_EMIT appendFailed(error); });
            return id.value_or(0);
        },
        std::move(done));
}

void HistoryService::search(const QString &text, int offset, int limit, const QObject *context,
                            std::function<void(const HistoryPage &)> done)
{
    ask<HistoryPage>(
        context,
        [text, offset, limit](HistoryStore &store) {
            HistoryPage page;
            int from = offset;
            for (int left = limit; left > 0;) {
                const int chunk = qMin(left, HistoryStore::kMaxPageSize);
                const QList<HistorySummary> part = store.search(text, from, chunk);
                page.rows.append(part);
                if (part.size() < chunk)
                    break;
                from += chunk;
                left -= chunk;
            }
            page.total = store.countMatching(text, &page.totalIsCapped);
            return page;
        },
        std::move(done));
}

void HistoryService::fetch(const QList<qint64> &ids, const QObject *context,
                           std::function<void(const QList<HistoryEntry> &)> done)
{
    ask<QList<HistoryEntry>>(
        context,
        [ids](HistoryStore &store) {
            QList<HistoryEntry> entries;
            for (qint64 id : ids) {
                if (std::optional<HistoryEntry> entry = store.fetch(id))
                    entries.append(*entry);
            }
            return entries;
        },
        std::move(done));
}

void HistoryService::remove(const QList<qint64> &ids, const QObject *context, std::function<void(int)> done)
{
    ask<int>(
        context,
        [ids](HistoryStore &store) {
            int removed = 0;
            for (qint64 id : ids)
                removed += store.remove(id) ? 1 : 0;
            return removed;
        },
        std::move(done));
}

void HistoryService::clear(const QObject *context, std::function<void(bool)> done)
{
    ask<bool>(context, [](HistoryStore &store) { return store.clear(); }, std::move(done));
}

void HistoryService::count(const QObject *context, std::function<void(int)> done)
{
    ask<int>(context, [](HistoryStore &store) { return store.count(); }, std::move(done));
}

} // namespace crmdesk
