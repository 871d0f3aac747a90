#include "inspector/timingview.h"

#include "inspect/inspectorformat.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace crmdesk {

TimingView::TimingView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_attempts(new QTableWidget(0, 4, this))
{
    setObjectName(QStringLiteral("timingView"));
    m_summary->setObjectName(QStringLiteral("timingSummaryLabel"));
    m_summary->setAccessibleName(tr("Timing"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_attempts->setObjectName(QStringLiteral("attemptsTable"));
    m_attempts->setAccessibleName(tr("Attempts"));
    m_attempts->setHorizontalHeaderLabels({tr("Attempt"), tr("Outcome"), tr("Took"), tr("Then")});
    m_attempts->horizontalHeader()->setStretchLastSection(true);
    m_attempts->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_attempts->verticalHeader()->hide();
    m_attempts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_attempts->setShowGrid(false);

    auto *title = new QLabel(tr("Attempts"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addWidget(m_summary);
    layout->addWidget(title);
    layout->addWidget(m_attempts, 1);
}

void TimingView::setResult(const ApiResult &result)
{
    const Timings &t = result.timings;
    QStringList parts;
    if (t.queuedMs > 0)
        parts << tr("Queued %1").arg(inspectorformat::duration(t.queuedMs));
    if (t.firstByteMs >= 0) {
        parts << tr("First byte %1").arg(inspectorformat::duration(t.firstByteMs));
        if (t.totalMs >= t.firstByteMs)
            parts << tr("Download %1").arg(inspectorformat::duration(t.totalMs - t.firstByteMs));
    }
    parts << tr("Total %1").arg(inspectorformat::duration(t.totalMs));
    parts << inspectorformat::plural(t.attempts, QT_TRANSLATE_NOOP("inspectorformat", "%1 attempt"),
                                     QT_TRANSLATE_NOOP("inspectorformat", "%1 attempts"));
    m_summary->setText(parts.join(QStringLiteral(" · ")));

    m_attempts->setRowCount(int(result.attemptLog.size()));
    for (int row = 0; row < result.attemptLog.size(); ++row) {
        const AttemptRecord &attempt = result.attemptLog.at(row);
        QString then;
        if (attempt.retryDelayMs >= 0)
            then = tr("retried after %1: %2")
                       .arg(inspectorformat::duration(attempt.retryDelayMs), attempt.retryReason);
        const QStringList cells{QString::number(attempt.number), attempt.outcome,
                                inspectorformat::duration(attempt.durationMs), then};
        for (int column = 0; column < cells.size(); ++column)
            m_attempts->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
}

QString TimingView::summaryText() const
{
    return m_summary->text();
}

int TimingView::attemptRows() const
{
    return m_attempts->rowCount();
}

} // namespace crmdesk
