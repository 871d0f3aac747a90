#pragma once

#include "api/apiresult.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace crmdesk {

// Where the time went: queued behind the throttle, first byte, total, and every attempt with
// its outcome and the wait before the next one (contract §8.2, last rule).
class TimingView : public QWidget
{
    Q_OBJECT
public:
    explicit TimingView(QWidget *parent = nullptr);

    void setResult(const ApiResult &result);
    QString summaryText() const;
    int attemptRows() const;

private:
    QLabel *m_summary;
    QTableWidget *m_attempts;
};

} // namespace crmdesk
