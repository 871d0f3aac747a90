#include "main/startupprofile.h"

#include <QEvent>
#include <QFile>
#include <QTextStream>
#include <QTimer>
#include <QWidget>

namespace crmdesk {

StartupProfile::StartupProfile(const QElapsedTimer &sinceMain, QTextStream *out, QObject *parent)
    : QObject(parent), m_sinceMain(sinceMain), m_out(out)
{
}

void StartupProfile::mark(const QString &milestone)
{
    if (!m_out)
        return;
    const double ms = double(m_sinceMain.nsecsElapsed()) / 1e6;
    *m_out << QStringLiteral("startup %1 +%2 %3\n")
                  .arg(ms, 7, 'f', 1)
                  .arg(ms - m_previousMs, 6, 'f', 1)
                  .arg(milestone);
    m_out->flush();
    m_previousMs = ms;
}

void StartupProfile::watchFirstPaint(QWidget *window)
{
    m_window = window;
    window->installEventFilter(this);
}

bool StartupProfile::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Paint) {
        m_window->removeEventFilter(this);
        // The window paints itself before its children: the frame is complete once the event
        // loop comes back.
        QTimer::singleShot(0, this, [this] {
            mark(QStringLiteral("painted"));
            Q_EMIT painted();
        });
    }
    return QObject::eventFilter(watched, event);
}

void StartupProfile::reportMemory()
{
    if (!m_out)
        return;
    *m_out << "startup rss_kb " << residentKb() << '\n';
    m_out->flush();
}

long StartupProfile::residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return -1;
}

} // namespace crmdesk
