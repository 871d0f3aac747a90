#include "inspector/streamview.h"

#include "inspector/hexview.h"
#include "inspect/inspectorformat.h"
#include "inspector/jsonhighlighter.h"
#include "inspector/lazyhighlighting.h"
#include "inspect/textsniff.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace crmdesk {

namespace {
// Screen updates are batched: a fast stream repaints twenty times a second, not per chunk.
constexpr int FlushIntervalMs = 50;
constexpr qsizetype SniffBytes = 512;

QString shownLine(const QByteArray &line)
{
    const QString text = QString::fromUtf8(line.left(StreamView::MaxShownLineChars * 4));
    return text.size() > StreamView::MaxShownLineChars
               ? text.left(StreamView::MaxShownLineChars) + QChar(0x2026)
               : text;
}
} // namespace

StreamView::StreamView(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_save(new QPushButton(tr("Save…"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_saveStatus(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_lines(new QPlainTextEdit(this))
    , m_binaryPage(new QWidget(this))
    , m_binaryLabel(new QLabel(m_binaryPage))
    , m_hex(new HexView(m_binaryPage))
    , m_chooser(defaultSavePathChooser())
{
    setObjectName(QStringLiteral("streamView"));
    m_status->setObjectName(QStringLiteral("streamStatusLabel"));
    m_status->setAccessibleName(tr("Stream progress"));
    m_save->setObjectName(QStringLiteral("streamSaveButton"));
    m_save->setAccessibleName(tr("Save the stream to a file"));
    m_cancel->setObjectName(QStringLiteral("streamCancelButton"));
    m_cancel->setAccessibleName(tr("Cancel the stream"));
    m_saveStatus->setObjectName(QStringLiteral("streamSaveStatusLabel"));
    m_saveStatus->setWordWrap(true);
    m_saveStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_lines->setObjectName(QStringLiteral("streamLinesText"));
    m_lines->setAccessibleName(tr("Stream lines"));
    m_lines->setReadOnly(true);
    m_lines->setUndoRedoEnabled(false);
    m_lines->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_lines->setMaximumBlockCount(MaxShownLines);
    m_lines->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new LazyHighlighting(m_lines, new JsonHighlighter(m_lines->document()), {}, 250);
    m_binaryLabel->setObjectName(QStringLiteral("streamBinaryLabel"));
    m_hex->setObjectName(QStringLiteral("streamHexView"));
    auto *binaryLayout = new QVBoxLayout(m_binaryPage);
    binaryLayout->setContentsMargins(0, 0, 0, 0);
    binaryLayout->addWidget(m_binaryLabel);
    binaryLayout->addWidget(m_hex, 1);
    m_stack->addWidget(m_lines);
    m_stack->addWidget(m_binaryPage);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(m_save);
    bar->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addLayout(bar);
    layout->addWidget(m_saveStatus);
    layout->addWidget(m_stack, 1);

    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(FlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &StreamView::flush);
    connect(m_cancel, &QPushButton::clicked, this, &StreamView::cancelRequested);
    connect(m_save, &QPushButton::clicked, this, &StreamView::chooseSaveTarget);

    m_save->setEnabled(false);
    m_cancel->setEnabled(false);
    m_saveStatus->hide();
    m_status->setText(tr("No stream yet."));
}

void StreamView::begin(const SentRequest &request)
{
    m_flushTimer.stop();
    m_recorder.begin();
    m_splitter.reset();
    m_pending.clear();
    m_head.clear();
    m_contentType.clear();
    m_mode = Mode::Unknown;
    m_lineCount = 0;
    m_finalStatus.clear();
    m_lines->clear();
    m_hex->setBytes({});
    m_stack->setCurrentWidget(m_lines);
    m_saveStatus->hide();
    m_save->setEnabled(true);
    m_cancel->setEnabled(true);
    setAccessibleDescription(request.summary());
    updateStatus();
}

void StreamView::setContentType(const QByteArray &contentType)
{
    m_contentType = contentType;
    if (m_mode == Mode::Unknown && !contentType.isEmpty()) {
        const QByteArray type = contentType.toLower();
        if (type.contains("ndjson") || type.contains("jsonl") || type.contains("json-seq"))
            m_mode = Mode::Lines;
        else if (type.startsWith("text/") || type.contains("json") || type.contains("xml"))
            m_mode = Mode::Text;
        else
            m_mode = Mode::Binary;
        m_stack->setCurrentWidget(m_mode == Mode::Binary ? m_binaryPage : static_cast<QWidget *>(m_lines));
    }
}

void StreamView::decideMode(const QByteArray &firstBytes)
{
    if (textsniff::looksBinary(firstBytes)) {
        m_mode = Mode::Binary;
    } else {
        const QByteArray trimmed = firstBytes.trimmed();
        m_mode = trimmed.startsWith('{') || trimmed.startsWith('[') ? Mode::Lines : Mode::Text;
    }
    m_stack->setCurrentWidget(m_mode == Mode::Binary ? m_binaryPage : static_cast<QWidget *>(m_lines));
}

void StreamView::append(const QByteArray &chunk)
{
    if (!m_recorder.isRunning() || chunk.isEmpty())
        return;
    m_recorder.append(chunk);
    QByteArray input = chunk;
    if (m_mode == Mode::Unknown) {
        // Sniff only once enough has arrived (or a line is complete).
        m_head += chunk;
        if (m_head.size() < SniffBytes && !m_head.contains('\n'))
            return;
        decideMode(m_head);
        input = m_head;
        m_head.clear();
    }
    if (m_mode != Mode::Binary) {
        const QList<QByteArray> lines = m_splitter.feed(input);
        m_lineCount += lines.size();
        // Only the lines the next update shows are worth decoding.
        const qsizetype first = std::max<qsizetype>(0, lines.size() - MaxLinesPerUpdate);
        for (qsizetype i = first; i < lines.size(); ++i)
            m_pending << shownLine(lines.at(i));
        if (m_pending.size() > MaxLinesPerUpdate)
            m_pending.erase(m_pending.begin(), m_pending.end() - MaxLinesPerUpdate);
    }
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void StreamView::flush()
{
    if (!m_pending.isEmpty()) {
        m_lines->appendPlainText(m_pending.join(u'\n'));
        m_pending.clear();
    }
    if (m_mode == Mode::Binary) {
        m_hex->setBytes(m_recorder.keptBytes(), true);
        m_binaryLabel->setText(tr("Binary stream: %1 received").arg(inspectorformat::bytes(m_recorder.bytesReceived())));
    }
    updateStatus();
    Q_EMIT progress(m_recorder.bytesReceived(), m_recorder.bytesPerSecond());
}

void StreamView::finish(const ApiResult &result)
{
    if (!result.headers.isEmpty())
        setContentType(result.header("content-type"));
    if (m_mode == Mode::Unknown && !m_head.isEmpty()) {
        decideMode(m_head);
        if (m_mode != Mode::Binary) {
            const QList<QByteArray> lines = m_splitter.feed(m_head);
            m_lineCount += lines.size();
            for (const QByteArray &line : lines)
                m_pending << shownLine(line);
        }
        m_head.clear();
    }
    if (m_mode != Mode::Binary) {
        const QByteArray rest = m_splitter.flush();
        if (!rest.isEmpty()) {
            ++m_lineCount;
            m_pending << shownLine(rest);
        }
    }
    m_recorder.finish();
    m_flushTimer.stop();

    const QString received = inspectorformat::bytes(m_recorder.bytesReceived());
    if (result.errorKind == ErrorKind::Cancelled)
        m_finalStatus = tr("Cancelled after %1").arg(received);
    else if (!result.ok())
        m_finalStatus = tr("Stopped after %1: %2").arg(received, result.errorString);
    else
        m_finalStatus = tr("Finished: %1 in %2 (%3)")
                            .arg(received, inspectorformat::duration(m_recorder.elapsedMs()),
                                 inspectorformat::rate(m_recorder.bytesPerSecond()));
    if (!m_recorder.keptEverything())
        m_finalStatus += QStringLiteral(" · ")
                         + tr("only the first %1 were kept in memory; Save while streaming keeps everything")
                                    .arg(inspectorformat::bytes(m_recorder.keptBytes().size()));
    m_cancel->setEnabled(false);
    m_save->setEnabled(m_recorder.bytesReceived() > 0);
    flush();
}

void StreamView::updateStatus()
{
    QStringList parts;
    if (!m_finalStatus.isEmpty()) {
        parts << m_finalStatus;
    } else {
        parts << tr("Streaming: %1 received").arg(inspectorformat::bytes(m_recorder.bytesReceived()));
        parts << inspectorformat::rate(m_recorder.bytesPerSecond());
        if (m_recorder.isSaving())
            parts << tr("%1 saved").arg(inspectorformat::bytes(m_recorder.savedBytes()));
    }
    if (m_mode == Mode::Lines || m_mode == Mode::Text)
        parts << inspectorformat::plural(m_lineCount, QT_TRANSLATE_NOOP("inspectorformat", "%1 line"),
                                         QT_TRANSLATE_NOOP("inspectorformat", "%1 lines"));
    m_status->setText(parts.join(QStringLiteral(" · ")));
    const QString save = m_recorder.saveSummary();
    if (m_saveStatus->text() != save) { // see StreamRecorder::saveSummary()
        m_saveStatus->setText(save);
        m_saveStatus->setVisible(!save.isEmpty());
    }
}

void StreamView::chooseSaveTarget()
{
    if (!m_chooser)
        return;
    QPointer<StreamView> self(this);
    m_chooser(this, QStringLiteral("stream.bin"), [self](const QString &path) {
        if (self && !path.isEmpty())
            self->saveTo(path);
    });
}

void StreamView::saveTo(const QString &path)
{
    QString error;
    m_recorder.startSaving(path, &error);
    updateStatus();
}

QString StreamView::shownText() const
{
    return m_lines->toPlainText();
}

QString StreamView::statusText() const
{
    return m_status->text();
}

QString StreamView::saveStatusText() const
{
    return m_saveStatus->text();
}

} // namespace crmdesk
