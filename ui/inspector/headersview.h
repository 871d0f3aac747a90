#pragma once

#include "api/apiresult.h"

#include <QTableWidget>

namespace crmdesk {

// Header names and values as they arrived. Rate-limit and retry headers (ratelimit-*,
// Retry-After; contract §6.4, §8.3) are highlighted so they are seen at a glance.
class HeadersView : public QTableWidget
{
    Q_OBJECT
public:
    explicit HeadersView(QWidget *parent = nullptr);

    void setHeaders(const HeaderList &headers);
    // Names of the highlighted rows, in order.
    QStringList highlightedHeaders() const;
    // "name: value" lines of the selected rows (Ctrl+C copies them).
    QString selectedText() const;

    static bool isRateLimitHeader(const QByteArray &name);
};

} // namespace crmdesk
