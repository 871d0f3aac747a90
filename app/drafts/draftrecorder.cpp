#include "drafts/draftrecorder.h"

#include "records/recordmodel.h"

namespace crmdesk {

DraftRecorder::DraftRecorder(DraftStore *store, RecordModel *model, QObject *parent)
    : QObject(parent), m_store(store), m_model(model)
{
    connect(model, &RecordModel::valueChanged, this, &DraftRecorder::record);
    connect(model, &RecordModel::modifiedChanged, this, &DraftRecorder::record);
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
    QString error;
    bool ok = true;
    if (m_model->isModified()) {
        m_draft.original = m_model->original();
        m_draft.edits = m_model->edits();
        ok = m_store->save(m_draft, &error);
    } else {
        ok = m_store->remove(m_draft.key, &error);
        m_draft.createdAt = {};
    }
    if (!ok && error != m_lastError)
        Q_EMIT failed(tr("Could not keep the draft on disk: %1").arg(error));
    m_lastError = ok ? QString() : error;
}

} // namespace crmdesk
