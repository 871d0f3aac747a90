#pragma once

#include "inspect/backgroundtask.h"
#include "inspect/jsonindex.h"

#include <QByteArray>
#include <QObject>

#include <atomic>
#include <memory>

namespace crmdesk {

enum class BodyKind { Empty, Json, Text, Binary };

// A response body and what it is: JSON (with its index, or why it is not valid), text or
// binary. The kind comes from Content-Type, never from the format that was asked for
// (contract §6.1); bodies without a usable Content-Type are sniffed.
struct BodyDocument
{
    QByteArray bytes;
    QByteArray contentType;
    QByteArray charset;
    BodyKind kind = BodyKind::Empty;
    bool declaredJson = false;             // Content-Type says JSON
    std::shared_ptr<const JsonIndex> index; // set for Json, valid or not
    bool validUtf8 = true;

    bool isValidJson() const { return kind == BodyKind::Json && index && index->isValid(); }

    // The whole classification and indexing; call it off the UI thread for large bodies.
    static BodyDocument analyse(const QByteArray &bytes, const QByteArray &contentType,
                                const std::atomic_bool *cancel = nullptr);
};

// Runs BodyDocument::analyse on the thread pool (a small body inline) and hands the result
// back by a queued signal. A new load cancels the previous one, whose result is then never
// delivered.
class BodyLoader : public QObject
{
    Q_OBJECT
public:
    // Bodies up to this size are analysed on the calling thread: at about 1 GB/s that takes
    // a millisecond or two, less than waking a pool thread and handing the result back.
    static constexpr qsizetype kInlineBytes = 2 * 1024 * 1024;

    explicit BodyLoader(QObject *parent = nullptr);
    ~BodyLoader() override;

    void load(const QByteArray &bytes, const QByteArray &contentType);
    void cancel();
    bool isBusy() const { return m_cancel != nullptr; }

Q_SIGNALS:
    void loaded(std::shared_ptr<const BodyDocument> document);

private:
    CancelFlag m_cancel;
};

} // namespace crmdesk
