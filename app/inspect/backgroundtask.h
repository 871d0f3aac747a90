#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <memory>

namespace crmdesk {

// A cancellation flag shared between the UI and one background task.
using CancelFlag = std::shared_ptr<std::atomic_bool>;

inline void cancelTask(CancelFlag &flag)
{
    if (flag)
        flag->store(true);
    flag.reset();
}

// Runs work(const std::atomic_bool *cancel) on the thread pool and calls done(result) on
// context's thread, by a queued signal, unless the returned flag was set first. If context
// goes away, the task still finishes on its own copies of the data and nothing is called.
template <typename Work, typename Done>
CancelFlag runInBackground(QObject *context, Work work, Done done)
{
    auto cancel = std::make_shared<std::atomic_bool>(false);
    using Result = decltype(work(cancel.get()));
    auto *watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, cancel, done] {
        watcher->deleteLater();
        if (!cancel->load())
            done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([work, cancel] { return work(cancel.get()); }));
    return cancel;
}

} // namespace crmdesk
