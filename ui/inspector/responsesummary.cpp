#include "inspector/responsesummary.h"

#include "api/errortext.h"
#include "inspect/inspectorformat.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QUrlQuery>

namespace crmdesk {

namespace {

QColor statusColor(int status, bool ok)
{
    if (status >= 200 && status < 300 && ok)
        return QColor(0x1a, 0x7f, 0x37);
    if (status >= 300 && status < 400)
        return QColor(0x05, 0x50, 0xae);
    if (status >= 400 && status < 500)
        return QColor(0xbc, 0x4c, 0x00);
    if (status >= 500)
        return QColor(0xcf, 0x22, 0x2e);
    return QColor(0x6e, 0x77, 0x81);
}

} // namespace

ResponseSummary::ResponseSummary(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_format(new QLabel(this))
    , m_request(new QLabel(this))
    , m_timing(new QLabel(this))
    , m_rateLimit(new QLabel(this))
{
    setObjectName(QStringLiteral("responseSummary"));
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setAccessibleName(tr("Status"));
    m_format->setObjectName(QStringLiteral("formatLabel"));
    m_format->setAccessibleName(tr("Response format"));
    m_request->setObjectName(QStringLiteral("requestSummaryLabel"));
    m_request->setAccessibleName(tr("Request"));
    m_request->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_timing->setObjectName(QStringLiteral("timingLabel"));
    m_timing->setAccessibleName(tr("Timing and size"));
    m_rateLimit->setObjectName(QStringLiteral("rateLimitLabel"));
    m_rateLimit->setAccessibleName(tr("Rate limit"));
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    m_request->setFont(bold);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_status);
    layout->addWidget(m_format);
    layout->addWidget(m_request, 1);
    layout->addWidget(m_timing);
    layout->addWidget(m_rateLimit);
    clear();
}

void ResponseSummary::setChip(QLabel *chip, const QString &text, const QColor &background)
{
    chip->setText(text);
    chip->setVisible(!text.isEmpty());
    // Re-polishing a style sheet costs far more than the text: only when the colour changes.
    if (chip->property("chipColor").value<QColor>() == background)
        return;
    chip->setProperty("chipColor", background);
    chip->setStyleSheet(QStringLiteral("QLabel { color: white; background: %1; border-radius: 4px; padding: 2px 8px; }")
                            .arg(background.name()));
}

QString ResponseSummary::responseFormat(const SentRequest &request)
{
    const QString format = QUrlQuery(request.url).queryItemValue(QStringLiteral("truto_response_format"));
    return format.isEmpty() ? QStringLiteral("unified") : format;
}

void ResponseSummary::clear()
{
    setChip(m_status, tr("No response"), QColor(0x6e, 0x77, 0x81));
    setChip(m_format, {}, {});
    m_request->clear();
    m_timing->clear();
    m_rateLimit->hide();
}

void ResponseSummary::setResult(const ApiResult &result)
{
    QString status;
    if (result.httpStatus > 0)
        status = errortext::statusLine(result.httpStatus, result.reasonPhrase, result.trutoError);
    if (!result.ok() && result.errorKind != ErrorKind::Http)
        status = status.isEmpty() ? toString(result.errorKind)
                                  : status + QStringLiteral(" · ") + toString(result.errorKind);
    setChip(m_status, status, statusColor(result.httpStatus, result.ok()));
    setChip(m_format, responseFormat(result.request), QColor(0x57, 0x60, 0x6a));
    m_request->setText(result.request.summary());

    QStringList timing;
    if (result.timings.firstByteMs >= 0)
        timing << tr("first byte %1").arg(inspectorformat::duration(result.timings.firstByteMs));
    timing << tr("total %1").arg(inspectorformat::duration(result.timings.totalMs));
    timing << inspectorformat::bytes(result.bodySize > 0 ? result.bodySize : result.body.size());
    if (result.timings.attempts > 1)
        timing << inspectorformat::plural(result.timings.attempts,
                                          QT_TRANSLATE_NOOP("inspectorformat", "%1 attempt"),
                                          QT_TRANSLATE_NOOP("inspectorformat", "%1 attempts"));
    m_timing->setText(timing.join(QStringLiteral(" · ")));

    const QByteArray remaining = result.header("ratelimit-remaining");
    if (remaining.isEmpty()) {
        m_rateLimit->hide();
    } else {
        // ratelimit-limit may carry the window: "110;w=10" (contract §6.4).
        const QByteArray limit = result.header("ratelimit-limit").split(';').first().trimmed();
        const QByteArray reset = result.header("ratelimit-reset");
        QString text = limit.isEmpty()
                           ? tr("Rate limit: %1 left").arg(QString::fromLatin1(remaining))
                           : tr("Rate limit: %1 of %2 left")
                                 .arg(QString::fromLatin1(remaining), QString::fromLatin1(limit));
        if (!reset.isEmpty())
            text += tr(", resets in %1 s").arg(QString::fromLatin1(reset));
        const bool low = remaining.toLongLong() * 10 <= limit.toLongLong();
        setChip(m_rateLimit, text, low ? QColor(0xbc, 0x4c, 0x00) : QColor(0x05, 0x50, 0xae));
    }
}

void ResponseSummary::setStreaming(const SentRequest &request, qint64 bytes, double bytesPerSecond)
{
    setChip(m_status, tr("Streaming…"), QColor(0x05, 0x50, 0xae));
    setChip(m_format, responseFormat(request), QColor(0x57, 0x60, 0x6a));
    m_request->setText(request.summary());
    m_timing->setText(tr("%1 received · %2")
                          .arg(inspectorformat::bytes(bytes), inspectorformat::rate(bytesPerSecond)));
    m_rateLimit->hide();
}

QString ResponseSummary::statusText() const
{
    return m_status->text();
}

QString ResponseSummary::timingText() const
{
    return m_timing->text();
}

QString ResponseSummary::rateLimitText() const
{
    return m_rateLimit->isHidden() ? QString() : m_rateLimit->text();
}

} // namespace crmdesk
