#include "drafts/draftrecorder.h"

#include "records/recordmodel.h"

namespace crmdesk {

DraftRecorder::DraftRecorder(DraftStore *store, RecordModel *model, QObject *parent)
    : QObject(parent), m_store(store), m_model(model)
{
    m_syncTimer.setSingleShot(true);
    m_syncTimer.setInterval(kSyncIntervalMs);
    connect(&m_syncTimer, &QTimer::timeout, this, &DraftRecorder::flush);
    connect(model, &RecordModel::valueChanged, this, &DraftRecorder::record);
    connect(model, &RecordModel::modifiedChanged, this, &DraftRecorder::record);
}

DraftRecorder::~DraftRecorder()
{
    flush();
}

void DraftRecorder::setKey(const DraftKey &key, const QString &provider)
{
    m_draft.key = key;
    m_draft.provider = provider;
}

void DraftRecorder::setQuery(const QueryOptions &query)
{
    m_draft.query = query;
}

void DraftRecorder::setIdempotencyKey(const QString &key)
{
    m_draft.idempotencyKey = key;
}

void DraftRecorder::record()
{
    if (!m_draft.key.isValid())
        return;
    if (!m_model->isModified()) {
        m_syncTimer.stop();
        m_unsynced = false;
        QString error;
        report(m_store->remove(m_draft.key, &error), error);
        m_draft.createdAt = {};
        return;
    }
    m_draft.original = m_model->original();
    m_draft.edits = m_model->edits();
    write(Durability::KernelOnly);
    // Started by the first change after a sync, not restarted by the next ones: steady typing
    // still reaches the disk every kSyncIntervalMs.
    if (m_unsynced && !m_syncTimer.isActive())
        m_syncTimer.start();
}

void DraftRecorder::flush()
{
    m_syncTimer.stop();
    if (m_unsynced)
        write(Durability::Synced); // what was last written: the model may already be gone
}

void DraftRecorder::write(Durability durability)
{
    QString error;
    const bool ok = m_store->save(m_draft, &error, durability);
    if (ok)
        m_unsynced = durability != Durability::Synced;
    report(ok, error);
}

void DraftRecorder::report(bool ok, const QString &error)
{
    // Said once per new problem, not on every keystroke.
    if (!ok && error != m_lastError)
        Q_EMIT failed(tr("Could not keep the draft on disk: %1").arg(error));
    m_lastError = ok ? QString() : error;
}

} // namespace crmdesk
