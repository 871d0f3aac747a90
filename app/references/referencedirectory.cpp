#include "references/referencedirectory.h"

#include "api/apicall.h"
#include "api/listpage.h"
#include "api/trutoclient.h"

#include <QJsonArray>
#include <QJsonObject>

namespace crmdesk {

namespace {
QString joined(const QString &first, const QString &last)
{
    return QString(first + u' ' + last).trimmed();
}

QString firstEmail(const QJsonObject &record)
{
    for (const char *key : {"emails", "email_addresses"}) {
        const QJsonArray list = record.value(QLatin1String(key)).toArray();
        for (const QJsonValue &item : list) {
            const QString email = item.isObject() ? item.toObject().value(QLatin1String("email")).toString()
                                                  : item.toString();
            if (!email.isEmpty())
                return email;
        }
    }
    return record.value(QLatin1String("email")).toString();
}

QString idText(const QJsonValue &id)
{
    return id.isDouble() ? QString::number(qint64(id.toDouble())) : id.toString();
}
} // namespace

ReferenceDirectory::ReferenceDirectory(TrutoClient *client, QObject *parent)
    : QObject(parent), m_client(client)
{
}

QString ReferenceDirectory::key(const QString &accountId, const QString &resource)
{
    return accountId + u'\n' + resource;
}

ReferenceChoice ReferenceDirectory::choiceFrom(const QString &resource, const QJsonObject &record)
{
    ReferenceChoice choice;
    choice.id = idText(record.value(QLatin1String("id")));
    choice.name = record.value(QLatin1String("name")).toString().trimmed();
    if (choice.name.isEmpty())
        choice.name = joined(record.value(QLatin1String("first_name")).toString(),
                             record.value(QLatin1String("last_name")).toString());
    if (choice.name.isEmpty())
        choice.name = record.value(QLatin1String("title")).toString().trimmed();
    choice.detail = resource == QLatin1String("accounts") ? record.value(QLatin1String("website")).toString()
                                                          : firstEmail(record);
    if (choice.name.isEmpty())
        std::swap(choice.name, choice.detail); // an e-mail names a person better than nothing
    return choice;
}

void ReferenceDirectory::load(const QString &accountId, const QString &resource)
{
    if (accountId.isEmpty() || resource.isEmpty() || !m_client)
        return;
    Entry &entry = m_entries[key(accountId, resource)];
    if (entry.state != State::Unknown)
        return;
    entry.state = State::Loading;
    requestPage(accountId, resource, {});
}

void ReferenceDirectory::retry(const QString &accountId, const QString &resource)
{
    auto it = m_entries.find(key(accountId, resource));
    if (it != m_entries.end() && it->state == State::Failed)
        m_entries.erase(it);
    load(accountId, resource);
}

void ReferenceDirectory::requestPage(const QString &accountId, const QString &resource, const QString &cursor)
{
    QueryOptions options;
    options.integratedAccountId = accountId;
    options.limit = 100;
    options.nextCursor = cursor;
    ApiCall *call = m_client->listRecords(resource, options);
    m_entries[key(accountId, resource)].call = call;
    const quint64 generation = m_generation;
    connect(call, &ApiCall::finished, this, [this, accountId, resource, generation](const ApiResult &result) {
        if (generation == m_generation)
            onPage(accountId, resource, result);
    });
}

void ReferenceDirectory::onPage(const QString &accountId, const QString &resource, const ApiResult &result)
{
    Entry &entry = m_entries[key(accountId, resource)];
    const std::optional<ListPage> page = result.ok() ? ListPage::fromJson(result.json) : std::nullopt;
    if (!page) {
        entry.state = State::Failed;
        entry.error = !result.ok() ? result.errorString
                                   : tr("the %1 list is not in the expected shape (no result array)").arg(resource);
        Q_EMIT changed(accountId, resource);
        return;
    }
    const qsizetype before = entry.choices.size();
    for (const QJsonValue &value : page->records) {
        ReferenceChoice choice = choiceFrom(resource, value.toObject());
        if (choice.id.isEmpty() || entry.byId.contains(choice.id))
            continue;
        entry.byId.insert(choice.id, int(entry.choices.size()));
        entry.choices.append(std::move(choice));
    }
    // A server that hands out the same cursor, or pages with nothing new, would keep this
    // reading forever: what has arrived is the list.
    const bool progressed = entry.choices.size() > before && page->nextCursor != entry.lastCursor;
    entry.lastCursor = page->nextCursor;
    if (page->hasMore() && progressed && entry.choices.size() < kMaxRecords) {
        requestPage(accountId, resource, page->nextCursor);
        return;
    }
    entry.state = State::Ready;
    Q_EMIT changed(accountId, resource);
}

ReferenceDirectory::State ReferenceDirectory::state(const QString &accountId, const QString &resource) const
{
    return m_entries.value(key(accountId, resource)).state;
}

QString ReferenceDirectory::error(const QString &accountId, const QString &resource) const
{
    return m_entries.value(key(accountId, resource)).error;
}

std::optional<ReferenceChoice> ReferenceDirectory::find(const QString &accountId, const QString &resource,
                                                        const QString &id) const
{
    const auto it = m_entries.constFind(key(accountId, resource));
    if (it == m_entries.cend())
        return std::nullopt;
    const int index = it->byId.value(id, -1);
    if (index < 0)
        return std::nullopt;
    return it->choices.at(index);
}

QList<ReferenceChoice> ReferenceDirectory::all(const QString &accountId, const QString &resource) const
{
    return m_entries.value(key(accountId, resource)).choices;
}

QList<ReferenceChoice> ReferenceDirectory::search(const QString &accountId, const QString &resource,
                                                  const QString &text, int max) const
{
    const QString needle = text.trimmed();
    QList<ReferenceChoice> byName;
    QList<ReferenceChoice> byOther;
    for (const ReferenceChoice &choice : m_entries.value(key(accountId, resource)).choices) {
        if (byName.size() >= max)
            break;
        if (needle.isEmpty() || choice.name.contains(needle, Qt::CaseInsensitive))
            byName.append(choice);
        else if (choice.detail.contains(needle, Qt::CaseInsensitive) || choice.id.contains(needle, Qt::CaseInsensitive))
            byOther.append(choice);
    }
    byName += byOther;
    return byName.mid(0, max);
}

void ReferenceDirectory::clear()
{
    ++m_generation;
    for (Entry &entry : m_entries) {
        if (entry.call)
            entry.call->cancel();
    }
    m_entries.clear();
}

} // namespace crmdesk
