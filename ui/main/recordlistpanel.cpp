#include "main/recordlistpanel.h"

#include "api/apicall.h"
#include "api/trutoclient.h"
#include "records/recordmodel.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace crmdesk {

RecordListPanel::RecordListPanel(TrutoClient *client, QWidget *parent)
    : QWidget(parent), m_client(client), m_search(new QLineEdit(this)), m_list(new QListWidget(this)),
      m_more(new QPushButton(tr("Load more"), this)), m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("recordListPanel"));
    m_search->setObjectName(QStringLiteral("recordSearch"));
    m_search->setAccessibleName(tr("Filter records"));
    m_search->setPlaceholderText(tr("Filter records…"));
    m_search->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("recordList"));
    m_list->setAccessibleName(tr("Records"));
    m_more->setObjectName(QStringLiteral("loadMoreButton"));
    m_status->setObjectName(QStringLiteral("recordListStatus"));
    m_status->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_more);
    layout->addWidget(m_status);
    m_more->setEnabled(false);
    connect(m_search, &QLineEdit::textChanged, this, &RecordListPanel::applyFilter);
    connect(m_more, &QPushButton::clicked, this, &RecordListPanel::loadMore);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT openRequested(m_resource, item->data(Qt::UserRole).toString());
    });
}

void RecordListPanel::show(const QString &resource, const QString &accountId)
{
    if (m_call) {
        // The old page must not land in the new list.
        disconnect(m_call, nullptr, this, nullptr);
        m_call->cancel();
        m_call = nullptr;
    }
    m_resource = resource;
    m_accountId = accountId;
    m_nextCursor.clear();
    m_list->clear();
    loadMore();
}

void RecordListPanel::loadMore()
{
    if (m_accountId.isEmpty() || m_resource.isEmpty() || m_call)
        return;
    QueryOptions options;
    options.integratedAccountId = m_accountId;
    options.limit = 25;
    options.nextCursor = m_nextCursor;
    options.ignoreRemoteData = true; // rows only need names; records open by id (contract §15)
    m_call = m_client->listRecords(m_resource, options);
    m_more->setEnabled(false);
    m_status->setText(tr("Loading %1…").arg(m_resource));
    connect(m_call, &ApiCall::finished, this, &RecordListPanel::onPage);
}

int RecordListPanel::count() const
{
    return m_list->count();
}

void RecordListPanel::onPage(const ApiResult &result)
{
    m_call = nullptr;
    Q_EMIT responseReceived(result);
    if (!result.ok()) {
        m_status->setText(result.errorString);
        m_more->setEnabled(true);
        return;
    }
    const QJsonObject page = result.json.object();
    const QJsonArray rows = page.value(QLatin1String("result")).toArray();
    for (const QJsonValue &row : rows) {
        const QJsonObject record = row.toObject();
        const QString id = record.value(QLatin1String("id")).toVariant().toString();
        auto *item = new QListWidgetItem(recordDisplayName(record));
        item->setData(Qt::UserRole, id);
        item->setToolTip(tr("id %1").arg(id));
        m_list->addItem(item); // complete before anyone hears of it
    }
    m_nextCursor = page.value(QLatin1String("next_cursor")).toString();
    m_more->setEnabled(!m_nextCursor.isEmpty());
    m_status->setText(tr("%n record(s)", nullptr, m_list->count())
                      + (m_nextCursor.isEmpty() ? QString() : tr(", more available")));
    applyFilter();
}

void RecordListPanel::applyFilter()
{
    const QString text = m_search->text().trimmed();
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        item->setHidden(!text.isEmpty() && !item->text().contains(text, Qt::CaseInsensitive)
                        && !item->data(Qt::UserRole).toString().contains(text, Qt::CaseInsensitive));
    }
}

} // namespace crmdesk
