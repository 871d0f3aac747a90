#pragma once

#include "api/apiresult.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace crmdesk {

class HeadersView;

// The request that produced a response, as it went on the wire: method and encoded URL,
// the query decoded for reading, headers (the token already redacted by the client) and body.
class RequestView : public QWidget
{
    Q_OBJECT
public:
    explicit RequestView(QWidget *parent = nullptr);

    void setRequest(const SentRequest &request);
    QString requestLine() const;
    QString bodyText() const;
    HeadersView *headersView() const { return m_headers; }

private:
    QLabel *m_requestLine;
    QTableWidget *m_query;
    HeadersView *m_headers;
    QPlainTextEdit *m_body;
};

} // namespace crmdesk
