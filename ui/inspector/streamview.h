#pragma once

#include "api/apiresult.h"
#include "inspector/savepathchooser.h"
#include "inspect/streamrecorder.h"

#include <QStringList>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace crmdesk {

class HexView;

// A `stream` response as it arrives (contract §6.1): NDJSON and text line by line, binary as
// its size and a hex view; bytes received and rate; Save writes through to a file; Cancel
// asks the owner to stop the call. Only the last MaxShownLines lines are on screen, and each
// screen update adds at most MaxLinesPerUpdate: a fast stream delivers more lines than anyone
// can read, and turning all of them into text blocks is what would freeze the window.
class StreamView : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Unknown, Lines, Text, Binary };
    static constexpr int MaxShownLines = 1000;
    static constexpr int MaxLinesPerUpdate = 50;
    static constexpr int MaxShownLineChars = 1000; // the rest is in the saved file

    explicit StreamView(QWidget *parent = nullptr);

    void begin(const SentRequest &request);
    // Optional: lets Content-Type decide the mode instead of sniffing the first bytes.
    void setContentType(const QByteArray &contentType);
    void append(const QByteArray &chunk);
    void finish(const ApiResult &result);
    void setRetainLimit(qint64 bytes) { m_recorder.setRetainLimit(bytes); }
    void setSavePathChooser(SavePathChooser chooser) { m_chooser = std::move(chooser); }
    void saveTo(const QString &path);

    bool isRunning() const { return m_recorder.isRunning(); }
    Mode mode() const { return m_mode; }
    qint64 lineCount() const { return m_lineCount; }
    QString shownText() const;
    QString statusText() const;
    QString saveStatusText() const;
    const StreamRecorder &recorder() const { return m_recorder; }
    HexView *hexView() const { return m_hex; }

Q_SIGNALS:
    void cancelRequested();
    void progress(qint64 bytes, double bytesPerSecond);

private:
    void decideMode(const QByteArray &firstBytes);
    void flush();
    void updateStatus();
    void chooseSaveTarget();

    QLabel *m_status;
    QPushButton *m_save;
    QPushButton *m_cancel;
    QLabel *m_saveStatus;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_lines;
    QWidget *m_binaryPage;
    QLabel *m_binaryLabel;
    HexView *m_hex;

    SavePathChooser m_chooser;
    StreamRecorder m_recorder;
    LineSplitter m_splitter;
    QStringList m_pending;
    QTimer m_flushTimer;
    QByteArray m_contentType;
    QByteArray m_head; // first bytes, until the mode is known
    Mode m_mode = Mode::Unknown;
    qint64 m_lineCount = 0;
    QString m_finalStatus;
};

} // namespace crmdesk
