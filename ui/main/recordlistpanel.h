#pragma once

#include "api/apicall.h"
#include "api/apiresult.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace crmdesk {

class TrutoClient;

// The records of one resource for one account, page by page (limit + next_cursor), with a
// filter over what has been loaded. Activating a row asks to open it; the editor loads it by id.
class RecordListPanel : public QWidget
{
    Q_OBJECT
public:
    RecordListPanel(TrutoClient *client, QWidget *parent = nullptr);

    void show(const QString &resource, const QString &accountId);
    void loadMore();
    int count() const;
    QListWidget *list() const { return m_list; }

Q_SIGNALS:
    void openRequested(const QString &resource, const QString &id);
    void responseReceived(const crmdesk::ApiResult &result);

private:
    void onPage(const ApiResult &result);
    void applyFilter();

    TrutoClient *m_client;
    QString m_resource;
    QString m_accountId;
    QString m_nextCursor;
    QLineEdit *m_search;
    QListWidget *m_list;
    QPushButton *m_more;
    QLabel *m_status;
    QPointer<ApiCall> m_call;
};

} // namespace crmdesk
