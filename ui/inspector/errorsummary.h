#pragma once

#include "api/apiresult.h"

#include <QWidget>

class QLabel;
class QHBoxLayout;

namespace crmdesk {

// A failed call in sentences a person understands: what failed with which status, what Truto
// said, what the provider said (raw_response, contract §7), what to do next (§8.1), and each
// missing required body field as a link that takes the user to that field (principle 8).
class ErrorSummary : public QWidget
{
    Q_OBJECT
public:
    explicit ErrorSummary(QWidget *parent = nullptr);

    // Shows the summary for a failed result; hides itself for a successful one.
    void setResult(const ApiResult &result);
    QString text() const;

    // The sentences for result, without the field links; empty when it succeeded.
    static QStringList sentences(const ApiResult &result);

Q_SIGNALS:
    void missingFieldActivated(const QString &bodyFieldPath);

private:
    QLabel *m_headline;
    QLabel *m_details;
    QWidget *m_fields;
    QHBoxLayout *m_fieldsLayout;
};

} // namespace crmdesk
