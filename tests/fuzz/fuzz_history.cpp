// The request history reader (app/history) over corrupted database files: HistoryStore opening
// and migrating a file with arbitrary bytes, then listing, searching, fetching and appending,
// as the history panel does at start-up. A damaged file must give an error, never a crash.
//
// Input: the bytes of a history.sqlite file (seeds: files HistoryStore wrote).

#include "fuzzsupport.h"

#include "history/historystore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace crmdesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crmdesk::fuzz::application();
    static const QTemporaryDir folder; // one private folder per fuzzing process
    const QString path = folder.filePath(QStringLiteral("history.sqlite"));
    // A write-ahead log left by the previous run would be replayed into this one's file.
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        file.write(reinterpret_cast<const char *>(data), qint64(size));
    }

    HistoryStore store(path);
    QString error;
    const bool opened = store.open(&error);
    // An unreadable file is moved aside (never deleted) for a new one; the fuzzer's own copies
    // go, or millions of them would pile up in the folder.
    for (const QString &name : QDir(folder.path()).entryList({QStringLiteral("history.sqlite.damaged-*")}, QDir::Files))
        QFile::remove(folder.filePath(name));
    if (!opened)
        return 0;
    (void)store.count();
    const QList<HistorySummary> rows = store.browse(0, 20);
    for (const HistorySummary &row : rows)
        (void)store.fetch(row.id);
    (void)store.search(QStringLiteral("contacts"), 0, 20);
    (void)store.search(QStringLiteral("42"), 0, 20); // short texts scan the table
    bool capped = false;
    (void)store.countMatching(QStringLiteral("unified"), &capped);

    HistoryEntry entry;
    entry.method = "PATCH";
    entry.url = "https://api.truto.one/unified/crm/contacts/42?integrated_account_id=a";
    entry.status = 200;
    entry.responseBody = "{\"id\":\"42\"}";
    if (const std::optional<qint64> id = store.append(entry))
        (void)store.fetch(*id);
    return 0;
}
