#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>

class QTextStream;
class QWidget;

namespace crmdesk {

// `crmdesk --startup-profile`: where start-up time goes, so the next regression is easy to find.
// Milestones are marked with the time since main() began; the first paint of the window is
// found by watching its paint events. With an output stream each milestone is printed as it
// happens (bench_startup times the lines as they arrive):
//   startup <ms since main> +<ms since the previous milestone> <milestone>
// and reportMemory() ends with "startup rss_kb N".
class StartupProfile : public QObject
{
    Q_OBJECT
public:
    // `sinceMain` was started at the top of main(); `out` may be null (nothing printed).
    StartupProfile(const QElapsedTimer &sinceMain, QTextStream *out, QObject *parent = nullptr);

    void mark(const QString &milestone);
    // Marks "painted" once `window` has finished its first paint, then emits painted().
    void watchFirstPaint(QWidget *window);
    void reportMemory();

    static long residentKb(); // VmRSS of this process, -1 when unknown

Q_SIGNALS:
    void painted();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    const QElapsedTimer &m_sinceMain;
    QTextStream *m_out;
    double m_previousMs = 0;
    QWidget *m_window = nullptr;
};

} // namespace crmdesk
