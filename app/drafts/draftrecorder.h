#pragma once

#include "drafts/draftstore.h"

#include <QObject>

namespace crmdesk {

class RecordModel;

// Keeps the draft of one record on disk while it has unsent edits: every change is written
// at once (atomically, by DraftStore), and the draft goes away when the record is no longer
// modified (sent, or every edit undone). A crash or a kill therefore loses nothing.
class DraftRecorder : public QObject
{
    Q_OBJECT
public:
    DraftRecorder(DraftStore *store, RecordModel *model, QObject *parent = nullptr);

    void setKey(const DraftKey &key, const QString &provider);
    void setQuery(const QueryOptions &query);
    void setIdempotencyKey(const QString &key);
    // Writes or removes the draft now, from the model's current state.
    void record();
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void failed(const QString &message); // the disk refused: the user must know

private:
    DraftStore *m_store;
    RecordModel *m_model;
    Draft m_draft;
    QString m_lastError;
};

} // namespace crmdesk
