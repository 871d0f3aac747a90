#pragma once

#include "api/apiresult.h"

#include <QWidget>

class QLabel;

namespace crmdesk {

// The line above every response: status, response format, request, timing, size and, when
// the provider sent it, how much of the rate limit is left (contract §8.3).
class ResponseSummary : public QWidget
{
    Q_OBJECT
public:
    explicit ResponseSummary(QWidget *parent = nullptr);

    void setResult(const ApiResult &result);
    void setStreaming(const SentRequest &request, qint64 bytes, double bytesPerSecond);
    void clear();

    QString statusText() const;
    QString timingText() const;
    QString rateLimitText() const;

    // "unified" when the request asked for nothing else (the server default, contract §6.1).
    static QString responseFormat(const SentRequest &request);

private:
    void setChip(QLabel *chip, const QString &text, const QColor &background);

    QLabel *m_status;
    QLabel *m_format;
    QLabel *m_request;
    QLabel *m_timing;
    QLabel *m_rateLimit;
};

} // namespace crmdesk
