// The draft reader (app/drafts) over damaged files: DraftStore::list() and load() reading a
// draft file whose bytes are arbitrary (a crash, a full disk, a hand edit), and
// DraftStore::fromJson over any JSON object; a draft that reads back must survive a save and
// a second read.
//
// Input: the bytes of one draft file (seeds: drafts as DraftStore writes them).

#include "fuzzsupport.h"

#include "drafts/draftstore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <cstdlib>

using namespace crmdesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crmdesk::fuzz::application();
    static const QTemporaryDir folder; // one private folder per fuzzing process
    const QByteArray bytes = crmdesk::fuzz::inputBytes(data, size);

    // Straight from JSON, as load() does once the file is read.
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (document.isObject()) {
        if (const std::optional<Draft> draft = DraftStore::fromJson(document.object())) {
            // What was read must write and read back as a draft again.
            if (!DraftStore::fromJson(DraftStore::toJson(*draft)))
                std::abort();
        }
    }

    // Through the store's file reading. The folder holds this one file only.
    DraftStore store(folder.path());
    const QString path = folder.filePath(QStringLiteral("damaged.json"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        file.write(bytes);
    }
    const QList<Draft> drafts = store.list();
    for (const Draft &draft : drafts) {
        (void)store.load(draft.key);
        (void)store.filePath(draft.key);
    }
    return 0;
}
