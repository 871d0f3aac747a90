#include "inspect/streamrecorder.h"

#include "inspect/inspectorformat.h"

#include <QCoreApplication>

namespace crmdesk {

QList<QByteArray> LineSplitter::feed(const QByteArray &chunk)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    for (;;) {
        const qsizetype newline = chunk.indexOf('\n', start);
        if (newline < 0)
            break;
        QByteArray line = m_pending.isEmpty() ? chunk.mid(start, newline - start)
                                              : m_pending + chunk.mid(start, newline - start);
        m_pending.clear();
        if (line.endsWith('\r'))
            line.chop(1);
        lines.append(line);
        start = newline + 1;
    }
    m_pending += chunk.mid(start);
    while (m_pending.size() > MaxLine) {
        lines.append(m_pending.left(MaxLine));
        m_pending.remove(0, MaxLine);
    }
    return lines;
}

QByteArray LineSplitter::flush()
{
    QByteArray rest = m_pending;
    m_pending.clear();
    return rest;
}

void StreamRecorder::begin()
{
    closeFile();
    m_kept.clear();
    m_received = 0;
    m_running = true;
    m_keeping = true;
    m_finishedMs = -1;
    m_savePath.clear();
    m_savedFrom = 0;
    m_saved = 0;
    m_savingComplete = false;
    m_saveError.clear();
    // Reserved, not touched: pages arrive as bytes do, and the buffer never moves (moving
    // 16 MB into fresh memory mid-stream was a visible stall).
    m_kept.reserve(m_retainLimit);
    m_clock.start();
}

void StreamRecorder::append(const QByteArray &chunk)
{
    if (!m_running || chunk.isEmpty())
        return;
    m_received += chunk.size();
    if (m_keeping) {
        if (m_kept.size() + chunk.size() <= m_retainLimit)
            m_kept += chunk;
        else
            m_keeping = false; // from here on only a file can hold the stream
    }
    if (m_file)
        write(chunk);
}

void StreamRecorder::finish()
{
    if (!m_running)
        return;
    m_running = false;
    m_finishedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    closeFile();
}

qint64 StreamRecorder::elapsedMs() const
{
    if (m_finishedMs >= 0)
        return m_finishedMs;
    return m_clock.isValid() ? m_clock.elapsed() : 0;
}

double StreamRecorder::bytesPerSecond() const
{
    const qint64 ms = elapsedMs();
    return ms > 0 ? double(m_received) * 1000.0 / double(ms) : 0.0;
}

bool StreamRecorder::startSaving(const QString &path, QString *error)
{
    closeFile();
    m_saveError.clear();
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_saveError = file->errorString();
        if (error)
            *error = m_saveError;
        return false;
    }
    m_file = std::move(file);
    m_savePath = path;
    m_saved = 0;
    // The kept bytes are the stream's start; a file that starts with them is complete. When
    // they are not all there, the file can only hold what is still to come, or, once the
    // stream is over, the kept start.
    const bool haveStart = keptEverything();
    if (haveStart || !m_running) {
        m_savedFrom = 0;
        m_savingComplete = haveStart;
        if (!write(m_kept)) {
            if (error)
                *error = m_saveError;
            return false;
        }
    } else {
        m_savedFrom = m_received;
        m_savingComplete = false;
    }
    if (!m_running)
        closeFile();
    return true;
}

bool StreamRecorder::write(const QByteArray &bytes)
{
    if (!m_file)
        return false;
    if (m_file->write(bytes) != bytes.size()) {
        m_saveError = m_file->errorString();
        m_file.reset(); // stop: a file with a hole in it is worse than a short one
        return false;
    }
    m_saved += bytes.size();
    return true;
}

void StreamRecorder::closeFile()
{
    if (m_file) {
        m_file->flush();
        m_file->close();
        m_file.reset();
    }
}

QString StreamRecorder::saveSummary() const
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("StreamRecorder", text); };
    if (m_savePath.isEmpty())
        return {};
    if (!m_saveError.isEmpty())
        return tr("Saving to %1 failed after %2: %3")
            .arg(m_savePath, inspectorformat::bytes(m_saved), m_saveError);
    // While the stream runs the text stays the same (the status line counts the bytes): a
    // label that changes size on every update makes the whole view lay out again.
    if (m_savingComplete)
        return m_running ? tr("Saving to %1, from the first byte on.").arg(m_savePath)
                         : tr("Saved all %2 to %1.").arg(m_savePath, inspectorformat::bytes(m_saved));
    if (m_savedFrom > 0)
        return tr("Saving to %1 started after %2 had arrived; only the first %3 were kept, so the "
                  "file holds the stream from byte %4 on%5.")
            .arg(m_savePath, inspectorformat::bytes(m_savedFrom),
                 inspectorformat::bytes(m_kept.size()), QString::number(m_savedFrom),
                 m_running ? QString() : tr(" (%1)").arg(inspectorformat::bytes(m_saved)));
    return tr("Saved the first %2 of %3 to %1: only that much was kept in memory. Choose Save "
              "while the stream runs, before %2 arrive, to keep all of it.")
        .arg(m_savePath, inspectorformat::bytes(m_kept.size()), inspectorformat::bytes(m_received));
}

} // namespace crmdesk
