#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QString>

#include <memory>

namespace crmdesk {

// Cuts a byte stream into lines (NDJSON, text) whatever the chunk boundaries. A line longer
// than MaxLine is handed out in pieces so that a stream without newlines cannot grow memory.
class LineSplitter
{
public:
    static constexpr qsizetype MaxLine = 1024 * 1024;

    QList<QByteArray> feed(const QByteArray &chunk);
    QByteArray flush(); // what is left after the last newline, at the end of the stream
    void reset() { m_pending.clear(); }

private:
    QByteArray m_pending;
};

// Counts a streamed body as it arrives, keeps the first retainLimit bytes in memory, and, once
// the user chooses Save, writes through to a file: the kept bytes first, then every chunk as
// it comes, so a 1 GB stream never has to fit in memory (product §7). The file is opened only
// when asked; what it holds is reported honestly when bytes were not kept.
class StreamRecorder
{
public:
    static constexpr qint64 DefaultRetainLimit = 32 * 1024 * 1024;

    void begin();
    void append(const QByteArray &chunk);
    void finish();

    void setRetainLimit(qint64 bytes) { m_retainLimit = bytes; }
    qint64 retainLimit() const { return m_retainLimit; }
    bool isRunning() const { return m_running; }
    qint64 bytesReceived() const { return m_received; }
    double bytesPerSecond() const;
    qint64 elapsedMs() const;
    // The kept bytes are the stream's first keptBytes().size() bytes.
    const QByteArray &keptBytes() const { return m_kept; }
    bool keptEverything() const { return m_kept.size() == m_received; }

    // Opens path and writes what is kept (when it is the complete start of the stream) and
    // every later chunk. Returns false with error set when the file cannot be written.
    bool startSaving(const QString &path, QString *error);
    bool isSaving() const { return m_file != nullptr; }
    QString savePath() const { return m_savePath; }
    qint64 savedFrom() const { return m_savedFrom; } // stream offset of the file's first byte
    qint64 savedBytes() const { return m_saved; }
    QString saveError() const { return m_saveError; }
    // "Saved all 12.3 MB to …" or what is missing and why.
    QString saveSummary() const;

private:
    bool write(const QByteArray &bytes);
    void closeFile();

    qint64 m_retainLimit = DefaultRetainLimit;
    QByteArray m_kept;
    qint64 m_received = 0;
    bool m_running = false;
    bool m_keeping = true;
    QElapsedTimer m_clock;
    qint64 m_finishedMs = -1;
    std::unique_ptr<QFile> m_file;
    QString m_savePath;
    qint64 m_savedFrom = 0;
    qint64 m_saved = 0;
    bool m_savingComplete = false;
    QString m_saveError;
};

} // namespace crmdesk
