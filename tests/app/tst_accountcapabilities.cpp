// The account rules: what an integrated account lets a person write, and why not (contract
// §11, §12, §16.2), decided once in the core from the account and its capabilities.
#include "policy/accountcapabilities.h"

#include <QJsonArray>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

namespace {

QJsonObject account(bool sandbox = false, const QString &status = u"active"_s)
{
    return {{u"id"_s, u"62f44730-dd91-461e-bd6a-aedd9e0ad79d"_s},
            {u"status"_s, status},
            {u"is_sandbox"_s, sandbox},
            {u"integration"_s, QJsonObject{{u"name"_s, u"hubspot"_s}, {u"label"_s, u"HubSpot"_s}}}};
}

QJsonObject unifiedEntry(const QString &model, const QString &resource, const QStringList &methods)
{
    return {{u"model"_s, model}, {u"resource"_s, resource},
            {u"methods"_s, QJsonArray::fromStringList(methods)}};
}

QJsonObject capabilities(bool blocked, const QJsonArray &unified)
{
    return {{u"integration"_s, QJsonObject{{u"name"_s, u"hubspot"_s}, {u"label"_s, u"HubSpot"_s}}},
            {u"unified"_s, unified},
            {u"account"_s, QJsonObject{{u"id"_s, u"62f44730"_s}, {u"status"_s, u"active"_s}, {u"is_blocked"_s, blocked}}}};
}

} // namespace

class TestAccountCapabilities : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldNameTheProviderByItsLabelThenItsSlug()
    {
        QCOMPARE(AccountCapabilities::fromAccount(account()).provider(), u"HubSpot"_s);
        QJsonObject slugOnly = account();
        slugOnly.insert(u"integration"_s, QJsonObject{{u"name"_s, u"zohocrm"_s}});
        const AccountCapabilities zoho = AccountCapabilities::fromAccount(slugOnly);
        QCOMPARE(zoho.provider(), u"zohocrm"_s);
        QCOMPARE(zoho.integrationSlug(), u"zohocrm"_s);
    }

    void shouldAllowWritesUntilSomethingSaysOtherwise()
    {
        const AccountCapabilities plain = AccountCapabilities::fromAccount(account());
        QVERIFY(!plain.capabilitiesKnown());
        QVERIFY(plain.canUpdate(u"contacts"_s));
        QVERIFY(plain.updateRefusal(u"contacts"_s).isEmpty());
    }

    void shouldRefuseWritesToASandboxAccountBeforeTrying()
    {
        const AccountCapabilities sandbox = AccountCapabilities::fromAccount(account(true));
        QVERIFY(!sandbox.canUpdate(u"notes"_s));
        QVERIFY(sandbox.updateRefusal(u"notes"_s).contains(u"read-only sandbox"_s));
        QVERIFY(sandbox.updateRefusal(u"notes"_s).contains(u"405"_s));
        QVERIFY(sandbox.summary().contains(u"read-only sandbox"_s));
    }

    void shouldRefuseABlockedAccountAndSayWhatToDo()
    {
        AccountCapabilities blocked = AccountCapabilities::fromAccount(account());
        blocked.readCapabilities(capabilities(true, {unifiedEntry(u"crm"_s, u"contacts"_s, {u"update"_s})}));
        QVERIFY(blocked.isBlocked());
        QVERIFY(!blocked.canUpdate(u"contacts"_s));
        QCOMPARE(blocked.updateRefusal(u"contacts"_s), u"This account is blocked (503): contact Truto support"_s);
        QVERIFY(blocked.summary().endsWith(u"BLOCKED"_s));
    }

    void shouldAllowUpdateOnlyWhereTheCrmModelListsIt()
    {
        AccountCapabilities account = AccountCapabilities::fromAccount(::account());
        account.readCapabilities(capabilities(
            false, {unifiedEntry(u"crm"_s, u"contacts"_s, {u"list"_s, u"get"_s, u"update"_s}),
                    unifiedEntry(u"crm"_s, u"notes"_s, {u"list"_s, u"get"_s}),
                    // Another unified model's "update" says nothing about CRM notes.
                    unifiedEntry(u"ticketing"_s, u"notes"_s, {u"update"_s})}));
        QVERIFY(account.capabilitiesKnown());
        QCOMPARE(account.updatableResources(), QStringList{u"contacts"_s});
        QVERIFY(account.canUpdate(u"contacts"_s));
        QCOMPARE(account.updateRefusal(u"notes"_s), u"HubSpot does not allow updating notes for this account"_s);
    }

    void shouldTakeTheLiveAccountStateOverTheListedOne()
    {
        AccountCapabilities account = AccountCapabilities::fromAccount(::account(false, u"needs_reauth"_s));
        QCOMPARE(account.status(), u"needs_reauth"_s);
        account.readCapabilities(capabilities(false, {}));
        QCOMPARE(account.status(), u"active"_s); // never cached: the capabilities answer wins
    }
};

QTEST_GUILESS_MAIN(TestAccountCapabilities)
#include "tst_accountcapabilities.moc"
