#pragma once

#include "api/queryoptions.h"
#include "files/storefiles.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace crmdesk {

// Which record a draft belongs to. One draft per key: editing the same record again
// continues the same draft.
struct DraftKey
{
    QString profileId;
    QString accountId; // integrated account
    QString resource;  // "contacts"
    QString recordId;  // the provider's id, unencoded

    bool isValid() const
    {
        return !profileId.isEmpty() && !accountId.isEmpty() && !resource.isEmpty()
               && !recordId.isEmpty();
    }
    friend bool operator==(const DraftKey &, const DraftKey &) = default;
};

// An edit not yet saved at the provider (product principle 6).
struct Draft
{
    DraftKey key;
    QString provider;     // integration name at the time of the edit, e.g. "hubspot"
    QJsonObject original; // the record as loaded by GET: the base for "theirs vs mine" (§16.1)
    QJsonObject edits;    // field -> new value; an explicit null means "cleared by the user"
    QueryOptions query;   // the query the PATCH will carry (contract §4.1)
    QString idempotencyKey; // one per edit, reused by every retry (contract §9)
    QDateTime createdAt;  // UTC; set on first save
    QDateTime updatedAt;  // UTC; set on every save
};

// Unsent edits on disk, one JSON file per draft, in the app data folder (or a folder given
// by tests). Every save replaces the file atomically through QSaveFile: after a crash or a
// kill the file holds either the previous save or the new one, never half of each, and
// leftover temporary files are ignored. Files are readable by the user only: drafts hold
// CRM data.
//
// Synchronous and small (a few kB per draft). A KernelOnly save (no fsync) costs tens of
// microseconds and survives the app being killed, so the editor saves every change that way and
// syncs at most every 250 ms (DraftRecorder).
class DraftStore
{
public:
    // The folder the app uses: <AppDataLocation>/drafts.
    static QString defaultDirectory();

    explicit DraftStore(QString directory);
    const QString &directory() const { return m_directory; }

    // Writes the draft, setting createdAt (first save) and updatedAt. False, with a reason,
    // when the disk refuses; the previous save is then still intact.
    bool save(Draft &draft, QString *error = nullptr, Durability durability = Durability::Synced);
    std::optional<Draft> load(const DraftKey &key) const;
    // Every readable draft, most recently updated first. Damaged files are skipped.
    QList<Draft> list() const;
    // Moves every draft file that cannot be read aside (storefiles' setAside: renamed, never
    // deleted) and says so in words, one message per file, for the user. Run once at start.
    QStringList setAsideDamaged();
    // Forgets a draft, e.g. once its PATCH has succeeded. Removing a missing draft succeeds.
    bool remove(const DraftKey &key, QString *error = nullptr);

    // The file a key is stored in (a hash of the key, so any id is a safe file name).
    QString filePath(const DraftKey &key) const;

    static QJsonObject toJson(const Draft &draft);
    static std::optional<Draft> fromJson(const QJsonObject &json);

private:
    QString m_directory;
};

} // namespace crmdesk
