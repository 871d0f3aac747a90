#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

namespace crmdesk {

class ApiCall;
class TrutoClient;
struct ApiResult;

// One record a reference can point at, as a person picks it: by name, with the id beside it.
struct ReferenceChoice
{
    QString id;
    QString name;   // empty when the record has none: the id is all there is
    QString detail; // an e-mail address or a website, to tell two namesakes apart

    friend bool operator==(const ReferenceChoice &, const ReferenceChoice &) = default;
};

// The records that reference fields point at (owners are users; accounts, contacts, leads,
// opportunities), read once per account and resource through the unified list endpoints and
// then searched by name here. Cached per account: the first picker that needs users loads them,
// every later form of that account reuses them until clear() (a new connection).
class ReferenceDirectory : public QObject
{
    Q_OBJECT
public:
    enum class State { Unknown, Loading, Ready, Failed };

    explicit ReferenceDirectory(TrutoClient *client, QObject *parent = nullptr);

    // Starts reading the list unless it is read, being read, or failed (retry() asks again).
    void load(const QString &accountId, const QString &resource);
    void retry(const QString &accountId, const QString &resource);
    State state(const QString &accountId, const QString &resource) const;
    // Why the names could not be read, in words (for State::Failed).
    QString error(const QString &accountId, const QString &resource) const;

    // The record with this id, when the list has it.
    std::optional<ReferenceChoice> find(const QString &accountId, const QString &resource,
                                        const QString &id) const;
    // Records whose name, detail or id contains the text (case-insensitive), names first.
    QList<ReferenceChoice> search(const QString &accountId, const QString &resource,
                                  const QString &text, int max = 50) const;
    QList<ReferenceChoice> all(const QString &accountId, const QString &resource) const;

    // Forgets everything: the records belong to the connection they were read from.
    void clear();

    // How a unified record of a resource is named for a person.
    static ReferenceChoice choiceFrom(const QString &resource, const QJsonObject &record);

    // Lists are read whole up to this many records (contract §6.3 pages of 100).
    static constexpr int kMaxRecords = 2000;

Q_SIGNALS:
    // The list finished reading (ready or failed).
    void changed(const QString &accountId, const QString &resource);

private:
    struct Entry
    {
        State state = State::Unknown;
        QList<ReferenceChoice> choices;
        QHash<QString, int> byId;
        QString error;
        QString lastCursor;
        QPointer<ApiCall> call;
    };
    static QString key(const QString &accountId, const QString &resource);
    void requestPage(const QString &accountId, const QString &resource, const QString &cursor);
    void onPage(const QString &accountId, const QString &resource, const ApiResult &result);

    QPointer<TrutoClient> m_client;
    QHash<QString, Entry> m_entries;
    quint64 m_generation = 0; // answers to calls made before clear() are dropped
};

} // namespace crmdesk
