// The one policy builder: bundled documentation, live meta/update, lost field names and the
// account, folded into what the form may edit and why it cannot send.
#include "api/queryoptions.h"
#include "policy/editpolicy.h"
#include "records/recordmodel.h"
#include "schema/schema.h"

#include <QJsonObject>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

namespace {

const QString kAccount = u"62f44730-dd91-461e-bd6a-aedd9e0ad79d"_s;

const ResourceSchema &schemaOf(const QString &resource)
{
    return *Schema::bundled().resource(resource);
}

AccountCapabilities accountOf(const QString &provider, bool sandbox = false)
{
    return AccountCapabilities::fromAccount({{u"id"_s, kAccount},
                                             {u"is_sandbox"_s, sandbox},
                                             {u"integration"_s, QJsonObject{{u"label"_s, provider}}}});
}

QueryOptions optionsFor(const QString &account)
{
    QueryOptions options;
    options.integratedAccountId = account;
    return options;
}

} // namespace

class TestEditPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldUseTheDocumentedRulesOfTheProviderPicked()
    {
        EditPolicyBuilder builder(schemaOf(u"notes"_s));
        builder.setProvider(u"hubspot"_s); // matched case-insensitively
        const EditPolicy policy = builder.build();
        QCOMPARE(policy.fields.provider(), u"HubSpot"_s);
        QVERIFY(!policy.fields.state(u"title"_s).editable()); // HubSpot maps no note title
        QVERIFY(policy.fields.state(u"content"_s).editable());
        QVERIFY(policy.sendRefusal.isEmpty());
    }

    void shouldApplyLiveRulesOnlyForTheAccountsOwnProvider()
    {
        const ResourceSchema &contacts = schemaOf(u"contacts"_s);
        FieldPolicy live = contacts.policyFor(u"HubSpot"_s);
        FieldState title = live.state(u"title"_s);
        title.required = true;
        title.origin = StateOrigin::LiveAccount;
        live.set(u"title"_s, title);

        EditPolicyBuilder builder(contacts);
        builder.setAccount(accountOf(u"HubSpot"_s));
        builder.setProvider(u"HubSpot"_s);
        builder.setLiveRules(live, u"Field rules from the live account"_s);
        QVERIFY(builder.build().fields.state(u"title"_s).required);
        QCOMPARE(builder.build().note, u"Field rules from the live account"_s);

        // A provider picked by hand for a demo, or "any provider", keeps the documented rules.
        builder.setProvider(u"Pipedrive"_s);
        QVERIFY(!builder.build().fields.state(u"title"_s).required);
        builder.setProvider({});
        QVERIFY(builder.build().fields.state(u"title"_s).origin == StateOrigin::BundledDocs);
        builder.setProvider(u"HubSpot"_s);
        QVERIFY(builder.build().fields.state(u"title"_s).required);

        // Live rules belong to the account they were read for.
        AccountCapabilities other = AccountCapabilities::fromAccount(
            {{u"id"_s, u"00000000-0000-4000-8000-000000000001"_s},
             {u"integration"_s, QJsonObject{{u"label"_s, u"HubSpot"_s}}}});
        builder.setAccount(other);
        QVERIFY(!builder.build().fields.state(u"title"_s).required);
    }

    void shouldNeverLetAFieldWhoseNameWasLostBeEdited()
    {
        EditPolicyBuilder builder(schemaOf(u"contacts"_s));
        builder.setProvider(u"HubSpot"_s);
        const FieldState lost = builder.build().fields.state(u"unnamed_between_first_name_and_last_name"_s);
        QVERIFY(lost.locked);
        QVERIFY(!lost.editable());
        QVERIFY(lost.reason.contains(u"lost this field's name"_s));
    }

    void shouldRefuseToSendForAReadOnlyAccountWithTheReason()
    {
        EditPolicyBuilder builder(schemaOf(u"contacts"_s));
        builder.setAccount(accountOf(u"HubSpot"_s, true));
        const EditPolicy policy = builder.build();
        QVERIFY(policy.sendRefusal.contains(u"read-only sandbox"_s));
        RecordModel model(schemaOf(u"contacts"_s));
        model.load({{u"id"_s, u"1"_s}, {u"first_name"_s, u"Ada"_s}});
        model.setValue(u"first_name"_s, u"Augusta"_s);
        QCOMPARE(policy.sendProblems(model, optionsFor(kAccount)).first(), policy.sendRefusal);
    }

    void shouldListEverySendProblemInOrder()
    {
        EditPolicyBuilder builder(schemaOf(u"contacts"_s));
        const EditPolicy policy = builder.build();
        RecordModel model(schemaOf(u"contacts"_s));
        QCOMPARE(policy.sendProblems(model, optionsFor(kAccount)), QStringList{u"Load a record first"_s});
        model.load({{u"id"_s, u"1"_s}, {u"first_name"_s, u"Ada"_s}});
        QCOMPARE(policy.sendProblems(model, optionsFor(kAccount)),
                 QStringList{u"Nothing to send: no supported field has changed"_s});
        model.setValue(u"first_name"_s, u"Augusta"_s);
        QVERIFY(policy.sendProblems(model, optionsFor(kAccount)).isEmpty());
        QCOMPARE(policy.sendProblems(model, optionsFor(u"not-a-uuid"_s)),
                 QStringList{u"integrated_account_id must be a UUID, like 62f44730-dd91-461e-bd6a-aedd9e0ad79d"_s});
    }

    void shouldRequireTheQueryParametersTheProviderRequires()
    {
        EditPolicyBuilder builder(schemaOf(u"engagements"_s));
        builder.setProvider(u"OnePageCRM"_s);
        const FieldPolicy fields = builder.build().fields;
        QueryOptions options = optionsFor(kAccount);
        QCOMPARE(queryProblems(options, fields),
                 QStringList{u"The engagement_type query parameter is required by OnePageCRM"_s});
        options.resourceQuery.insert(u"engagement_type"_s, u"call"_s);
        QVERIFY(queryProblems(options, fields).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEditPolicy)
#include "tst_editpolicy.moc"
