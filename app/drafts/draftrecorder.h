#pragma once

#include "drafts/draftstore.h"

#include <QObject>
#include <QTimer>

namespace crmdesk {

class RecordModel;

// Keeps the draft of one record on disk while it has unsent edits, and removes it when the
// record is no longer modified (sent, or every edit undone).
//
// Every change is written at once, but only to the kernel (no fsync: tens of microseconds), so a
// crash or a kill of the app loses nothing and typing never waits for the disk. The draft is
// synced to the disk itself at most every kSyncIntervalMs while edits go on, on flush() (the
// editor calls it when focus moves) and when the recorder goes away.
class DraftRecorder : public QObject
{
    Q_OBJECT
public:
    static constexpr int kSyncIntervalMs = 250;

    DraftRecorder(DraftStore *store, RecordModel *model, QObject *parent = nullptr);
    ~DraftRecorder() override;

    void setKey(const DraftKey &key, const QString &provider);
    void setQuery(const QueryOptions &query);
    void setIdempotencyKey(const QString &key);
    // Writes or removes the draft now, from the model's current state.
    void record();
    // Syncs a draft written since the last sync; nothing when there is none.
    void flush();
    bool hasUnsyncedChanges() const { return m_unsynced; }
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void failed(const QString &message); // the disk refused: the user must know

private:
    void write(Durability durability);
    void report(bool ok, const QString &error);

    DraftStore *m_store;
    RecordModel *m_model;
    Draft m_draft;
    QTimer m_syncTimer;
    bool m_unsynced = false;
    QString m_lastError;
};

} // namespace crmdesk
