#include "secrets/keychainbackend.h"

namespace crmdesk {

void QtKeychainBackend::run(Operation operation, const QString &service, const QString &key,
                            const QString &text, QObject *receiver, Callback done)
{
    QKeychain::Job *job = nullptr;
    switch (operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(service);
        break;
    case Operation::Write: {
        auto *write = new QKeychain::WritePasswordJob(service);
        write->setTextData(text);
        job = write;
        break;
    }
    case Operation::Delete:
        job = new QKeychain::DeletePasswordJob(service);
        break;
    }
    // Never the insecure fallback: it would write the token into a plain settings file.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, receiver,
                     [done = std::move(done), operation](QKeychain::Job *finished) {
                         Reply reply;
                         reply.error = finished->error();
                         reply.errorString = finished->errorString();
                         if (operation == Operation::Read && reply.error == QKeychain::NoError)
                             reply.text = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
                         done(reply);
                     });
    job->start();
}

} // namespace crmdesk
