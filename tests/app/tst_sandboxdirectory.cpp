// The sandbox's read-only users and accounts (the reference pickers' data) over real loopback
// sockets: lists with paging, get by id, 405 on writes, capabilities, and the seed data's
// integrity: every owner, account, contact, opportunity and lead a seeded record refers to
// exists as a record of that account.

#include "sandboxtestclient.h"

#include "sandbox/sandboxserver.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

#include <memory>

using namespace crmdesk;

namespace {

const QByteArray kHubSpot = "ce0cfd43-d489-4408-a688-766af0bedc4f";
const QByteArray kSandboxAccount = "117081c0-b177-402c-b4bf-63e943e97eb0";
const QByteArray kNeedsReauthAccount = "0ce01552-4372-481f-81fc-c316b9b12028";

const QStringList kRecordResources = {QStringLiteral("contacts"), QStringLiteral("notes"),
                                      QStringLiteral("leads"), QStringLiteral("opportunities"),
                                      QStringLiteral("engagements")};

// Unified reference field -> the resource its ids live in.
QString resourceOfReference(const QString &field)
{
    if (field == QLatin1String("owner"))
        return QStringLiteral("users");
    if (field == QLatin1String("account"))
        return QStringLiteral("accounts");
    if (field == QLatin1String("contact"))
        return QStringLiteral("contacts");
    if (field == QLatin1String("opportunity"))
        return QStringLiteral("opportunities");
    if (field == QLatin1String("lead"))
        return QStringLiteral("leads");
    return {};
}

// The ids of a reference field, single ({id}) or list ([{id}, ...]).
QStringList referenceIds(const QJsonValue &value)
{
    QStringList ids;
    const QJsonArray items = value.isArray() ? value.toArray() : QJsonArray{value};
    for (const QJsonValue &item : items) {
        const QString id = item.toObject().value(QLatin1String("id")).toString();
        if (!id.isEmpty())
            ids.append(id);
    }
    return ids;
}

QByteArray encoded(const QString &id)
{
    return QUrl::toPercentEncoding(id);
}

} // namespace

class TestSandboxDirectory : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxTestClient> m_client;

    // Every page of a list, following next_cursor.
    QJsonArray listAll(const QByteArray &resource, const QByteArray &accountId)
    {
        QJsonArray all;
        QByteArray cursor;
        for (int guard = 0; guard < 100; ++guard) {
            const SandboxResponse response =
                m_client->get("/unified/crm/" + resource + "?integrated_account_id=" + accountId +
                              "&limit=100" +
                              (cursor.isEmpty() ? QByteArray() : "&next_cursor=" + cursor));
            if (response.status != 200) // 404: the provider has no such resource
                return {};
            for (const QJsonValue &record :
                 response.json().value(QLatin1String("result")).toArray())
                all.append(record);
            cursor = response.json().value(QLatin1String("next_cursor")).toString().toUtf8();
            if (cursor.isEmpty())
                break;
        }
        return all;
    }

    // The accounts whose calls answer normally: active, not blocked, no reserved fault.
    QList<QByteArray> servingAccounts()
    {
        QList<QByteArray> ids;
        const SandboxResponse response = m_client->get("/integrated-account?limit=1000");
        for (const QJsonValue &value : response.json().value(QLatin1String("result")).toArray()) {
            const QString id = value.toObject().value(QLatin1String("id")).toString();
            if (value.toObject().value(QLatin1String("status")).toString() !=
                    QLatin1String("active") ||
                id.startsWith(QLatin1String("fa017000-")))
                continue;
            ids.append(id.toLatin1());
        }
        return ids;
    }

    QByteArray listPath(const QByteArray &resource, const QByteArray &accountId,
                        const QByteArray &extraQuery = {}) const
    {
        return "/unified/crm/" + resource + "?integrated_account_id=" + accountId +
               (extraQuery.isEmpty() ? QByteArray() : '&' + extraQuery);
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<SandboxServer>();
        QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
        m_client = std::make_unique<SandboxTestClient>(m_server->baseUrl(), m_server->token());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void shouldListUsersAndAccountsInTheUnifiedEnvelope_data()
    {
        QTest::addColumn<QByteArray>("resource");
        QTest::newRow("users") << QByteArray("users");
        QTest::newRow("accounts") << QByteArray("accounts");
    }
    void shouldListUsersAndAccountsInTheUnifiedEnvelope()
    {
        QFETCH(QByteArray, resource);
        const SandboxResponse response = m_client->get(listPath(resource, kHubSpot));
        QCOMPARE(response.status, 200);
        const QJsonObject body = response.json();
        const QJsonArray result = body.value(QLatin1String("result")).toArray();
        QVERIFY(result.size() >= 3);
        QCOMPARE(body.value(QLatin1String("result_count")).toInt(), result.size());
        QVERIFY(body.contains(QLatin1String("next_cursor")));
        QVERIFY(body.contains(QLatin1String("prev_cursor")));
        for (const QJsonValue &value : result) {
            const QJsonObject record = value.toObject();
            QVERIFY(!record.value(QLatin1String("id")).toString().isEmpty());
            QVERIFY(!record.value(QLatin1String("name")).toString().isEmpty());
        }
    }

    void shouldServeUnifiedUserAndAccountShapes()
    {
        const QJsonObject user =
            m_client->get("/unified/crm/users/48123456?integrated_account_id=" + kHubSpot).json();
        QCOMPARE(user.value(QLatin1String("id")).toString(), QStringLiteral("48123456"));
        QCOMPARE(user.value(QLatin1String("name")).toString(),
                 user.value(QLatin1String("first_name")).toString() + u' ' +
                     user.value(QLatin1String("last_name")).toString());
        QVERIFY(user.value(QLatin1String("emails"))
                    .toArray()
                    .at(0)
                    .toObject()
                    .value(QLatin1String("email"))
                    .toString()
                    .contains(u'@'));
        QVERIFY(user.value(QLatin1String("is_active")).isBool());

        const QJsonObject account =
            m_client->get("/unified/crm/accounts/9001?integrated_account_id=" + kHubSpot).json();
        QCOMPARE(account.value(QLatin1String("name")).toString(),
                 QStringLiteral("Analytical Engines Ltd"));
        QVERIFY(account.value(QLatin1String("website")).toString().startsWith(u"https://"));
        QVERIFY(!account.value(QLatin1String("industry")).toString().isEmpty());
    }

    void shouldPageUsersWithCursors()
    {
        QStringList seen;
        QByteArray cursor;
        int pages = 0;
        do {
            const SandboxResponse response = m_client->get(listPath(
                "users", kHubSpot, "limit=2" + (cursor.isEmpty() ? QByteArray()
                                                                  : "&next_cursor=" + cursor)));
            QCOMPARE(response.status, 200);
            const QJsonArray page = response.json().value(QLatin1String("result")).toArray();
            QVERIFY(page.size() <= 2);
            QCOMPARE(response.json().value(QLatin1String("result_count")).toInt(), page.size());
            if (pages > 0)
                QVERIFY(!response.json().value(QLatin1String("prev_cursor")).toString().isEmpty());
            for (const QJsonValue &record : page)
                seen.append(record.toObject().value(QLatin1String("id")).toString());
            cursor = response.json().value(QLatin1String("next_cursor")).toString().toUtf8();
            ++pages;
        } while (!cursor.isEmpty() && pages < 20);

        const QJsonArray all = m_client->get(listPath("users", kHubSpot, "limit=100"))
                                   .json()
                                   .value(QLatin1String("result"))
                                   .toArray();
        QCOMPARE(seen.size(), all.size());
        QCOMPARE(pages, int((all.size() + 1) / 2));
        QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), seen.size());
    }

    void shouldRefuseABadLimitOnDirectoryLists()
    {
        const SandboxResponse response = m_client->get(listPath("accounts", kHubSpot, "limit=abc"));
        QCOMPARE(response.status, 400);
    }

    void shouldAnswer404ForAnUnknownUserOrAccount()
    {
        for (const QByteArray &resource : {QByteArray("users"), QByteArray("accounts")}) {
            const SandboxResponse response = m_client->get(
                "/unified/crm/" + resource + "/no-such-id?integrated_account_id=" + kHubSpot);
            QCOMPARE(response.status, 404);
            QVERIFY(response.json().value(QLatin1String("message")).toString().contains(
                QLatin1String("no-such-id")));
        }
    }

    void shouldKeepEachProvidersUsersApart()
    {
        // A HubSpot owner id is not a Pipedrive user.
        const QByteArray pipedrive = m_server->accountIdFor(QStringLiteral("pipedrive")).toLatin1();
        QCOMPARE(m_client->get("/unified/crm/users/48123456?integrated_account_id=" + pipedrive)
                     .status,
                 404);
        QCOMPARE(m_client->get("/unified/crm/users/13058?integrated_account_id=" + pipedrive)
                     .status,
                 200);
    }

    void shouldRefuseWritesToUsersAndAccountsWith405()
    {
        for (const QByteArray &resource : {QByteArray("users"), QByteArray("accounts")}) {
            const QByteArray id = resource == "users" ? "48123456" : "9001";
            const SandboxResponse response =
                m_client->patch("/unified/crm/" + resource + '/' + id +
                                    "?integrated_account_id=" + kHubSpot,
                                R"({"name":"Renamed"})");
            QCOMPARE(response.status, 405);
            QCOMPARE(response.json().value(QLatin1String("statusCode")).toInt(), 405);
            QVERIFY(response.json().value(QLatin1String("message")).toString().contains(
                QLatin1String("read-only")));
            // Nothing changed.
            const QJsonObject after = m_client->get("/unified/crm/" + resource + '/' + id +
                                                    "?integrated_account_id=" + kHubSpot)
                                          .json();
            QVERIFY(after.value(QLatin1String("name")).toString() != QLatin1String("Renamed"));
        }
    }

    void shouldListUsersAndAccountsInCapabilitiesWithListAndGetOnly()
    {
        const SandboxResponse response =
            m_client->get("/integrated-account/" + kHubSpot + "/capabilities");
        QCOMPARE(response.status, 200);
        QHash<QString, QJsonArray> methods;
        for (const QJsonValue &entry : response.json().value(QLatin1String("unified")).toArray())
            methods.insert(entry.toObject().value(QLatin1String("resource")).toString(),
                           entry.toObject().value(QLatin1String("methods")).toArray());
        const QJsonArray listAndGet{QStringLiteral("list"), QStringLiteral("get")};
        QCOMPARE(methods.value(QStringLiteral("users")), listAndGet);
        QCOMPARE(methods.value(QStringLiteral("accounts")), listAndGet);
        QVERIFY(methods.value(QStringLiteral("contacts")).contains(QStringLiteral("update")));

        // The methods filter applies to them as to the others.
        const SandboxResponse updatable = m_client->get(
            "/integrated-account/" + kHubSpot + "/capabilities?methods%5B%5D=update");
        for (const QJsonValue &entry : updatable.json().value(QLatin1String("unified")).toArray()) {
            const QJsonObject capability = entry.toObject();
            if (capability.value(QLatin1String("resource")).toString() == QLatin1String("users"))
                QVERIFY(capability.value(QLatin1String("methods")).toArray().isEmpty());
        }
    }

    void shouldServeUsersAndAccountsForEveryProvidersAccounts()
    {
        const QList<QByteArray> accounts = servingAccounts();
        QVERIFY(accounts.size() >= 13);
        for (const QByteArray &accountId : accounts) {
            for (const QByteArray &resource : {QByteArray("users"), QByteArray("accounts")}) {
                const SandboxResponse response = m_client->get(listPath(resource, accountId));
                QVERIFY2(response.status == 200, accountId.constData());
                QVERIFY2(!response.json().value(QLatin1String("result")).toArray().isEmpty(),
                         accountId.constData());
            }
            const SandboxResponse capabilities =
                m_client->get("/integrated-account/" + accountId + "/capabilities?resource=users");
            QCOMPARE(capabilities.json().value(QLatin1String("unified")).toArray().size(), 1);
        }
    }

    void shouldAnswerTheAccountErrorsOnDirectoryCalls()
    {
        // The same documented errors as the record lists (contract §7, §8.1).
        QCOMPARE(m_client->get("/unified/crm/users").status, 400);
        QCOMPARE(m_client->get(listPath("users", "00000000-0000-4000-8000-000000000000")).status,
                 404);
        const SandboxResponse reauth = m_client->get(listPath("users", kNeedsReauthAccount));
        QCOMPARE(reauth.status, 401);
        QCOMPARE(reauth.json().value(QLatin1String("truto_is_remote_error")).toBool(), true);
        // Truto's sandbox accounts read normally.
        QCOMPARE(m_client->get(listPath("accounts", kSandboxAccount)).status, 200);
        // Users have no update method to describe.
        QCOMPARE(m_client->get("/unified/crm/users/meta/update?integrated_account_id=" + kHubSpot)
                     .status,
                 404);
    }

    void shouldResolveEveryReferenceOfEverySeededRecord()
    {
        const QList<QByteArray> accounts = servingAccounts();
        QVERIFY(accounts.size() >= 13);
        QStringList unresolved;
        int checked = 0;
        for (const QByteArray &accountId : accounts) {
            QHash<QString, QSet<QString>> known; // resource -> ids listed
            for (const QString &resource :
                 kRecordResources + QStringList{QStringLiteral("users"), QStringLiteral("accounts")}) {
                for (const QJsonValue &record : listAll(resource.toLatin1(), accountId))
                    known[resource].insert(record.toObject().value(QLatin1String("id")).toString());
            }
            // A picker needs something to choose among.
            QVERIFY2(known.value(QStringLiteral("users")).size() >= 4, accountId.constData());
            QVERIFY2(known.value(QStringLiteral("accounts")).size() >= 3, accountId.constData());
            // Accounts refer to their owners too.
            for (const QString &resource : kRecordResources + QStringList{QStringLiteral("accounts")}) {
                for (const QString &recordId : std::as_const(known[resource])) {
                    // The record in unified form, as the form reads it before an edit (§15).
                    const SandboxResponse record = m_client->get(
                        "/unified/crm/" + resource.toLatin1() + '/' + encoded(recordId) +
                        "?integrated_account_id=" + accountId + "&truto_ignore_remote_data=true");
                    QCOMPARE(record.status, 200);
                    const QJsonObject unified = record.json();
                    for (auto it = unified.constBegin(); it != unified.constEnd(); ++it) {
                        const QString target = resourceOfReference(it.key());
                        if (target.isEmpty())
                            continue;
                        for (const QString &id : referenceIds(it.value())) {
                            ++checked;
                            const SandboxResponse referenced = m_client->get(
                                "/unified/crm/" + target.toLatin1() + '/' + encoded(id) +
                                "?integrated_account_id=" + accountId);
                            if (referenced.status != 200 || !known[target].contains(id))
                                unresolved.append(QStringLiteral("%1 %2 %3.%4 -> %5 %6 (%7)")
                                                      .arg(QString::fromLatin1(accountId),
                                                           resource, recordId, it.key(), target,
                                                           id)
                                                      .arg(referenced.status));
                        }
                    }
                }
            }
        }
        for (const QString &line : std::as_const(unresolved))
            qWarning("unresolved reference: %s", qPrintable(line));
        QVERIFY2(unresolved.isEmpty(),
                 qPrintable(QStringLiteral("%1 unresolved references").arg(unresolved.size())));
        QVERIFY(checked > 50);
    }
};

QTEST_GUILESS_MAIN(TestSandboxDirectory)
#include "tst_sandboxdirectory.moc"
