// The dry run judges every row with the form's own policy: a value for a field the provider does
// not support, a wrong type or a bad enum value is found in the file before anything is sent,
// tied to its row and column; an empty cell changes nothing and NULL clears.
#include "bulk/bulkplan.h"
#include "bulk/columnmatch.h"
#include "bulk/csvreader.h"
#include "policy/editpolicy.h"
#include "schema/schema.h"

#include <QJsonArray>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

class TestBulkPlan : public QObject
{
    Q_OBJECT

    static EditPolicy policyFor(const ResourceSchema &schema, const QString &provider)
    {
        EditPolicyBuilder builder(schema);
        builder.setProvider(provider);
        return builder.build();
    }

    static BulkPlan plan(const QString &resource, const QString &provider, const QByteArray &csv,
                         const QStringList &customFields = {})
    {
        const ResourceSchema &schema = *Schema::bundled().resource(resource);
        const auto table = readCsv(csv);
        if (!table)
            return {};
        return BulkPlan::build(*table, matchColumns(table->header, schema), schema,
                               policyFor(schema, provider), customFields);
    }

    static QStringList messagesAt(const BulkRow &row, int column)
    {
        QStringList out;
        for (const BulkProblem &problem : row.problems) {
            if (problem.column == column)
                out.append(problem.message);
        }
        return out;
    }

private Q_SLOTS:
    void shouldBuildTheBodyTheFormWouldSend()
    {
        const BulkPlan p = plan(u"opportunities"_s, u"Pipedrive"_s,
                                "id,name,amount,status,stage.name,close_date\n"
                                "6001,Big deal,1500.5,won,,\n"
                                "6002,,,NULL,Negotiation,\n");
        QCOMPARE(p.problemCount(), 0);
        QCOMPARE(p.rows.size(), 2);
        QCOMPARE(p.rows.at(0).recordId, u"6001"_s);
        QCOMPARE(p.rows.at(0).body, (QJsonObject{{u"name"_s, u"Big deal"_s}, {u"amount"_s, 1500.5}, {u"status"_s, u"won"_s}}));
        // Empty cells leave fields alone; NULL clears; a dotted column builds its object.
        QCOMPARE(p.rows.at(1).body, (QJsonObject{{u"status"_s, QJsonValue::Null},
                                                 {u"stage"_s, QJsonObject{{u"name"_s, u"Negotiation"_s}}}}));
        QCOMPARE(p.sendableCount(), 2);
    }

    void shouldFindWhatTheFormWouldRefuse()
    {
        // HubSpot does not map an opportunity's status (the form disables it); Pipedrive does,
        // with its own values; amount is a number.
        const BulkPlan hubspot = plan(u"opportunities"_s, u"HubSpot"_s, "id,name,status\n6001,Deal,won\n");
        QCOMPARE(hubspot.rows.at(0).problems.size(), 1);
        QCOMPARE(hubspot.rows.at(0).problems.at(0).column, 2);
        QVERIFY2(hubspot.rows.at(0).problems.at(0).message.contains(u"HubSpot"_s),
                 qPrintable(hubspot.rows.at(0).problems.at(0).message));
        QVERIFY(!hubspot.rows.at(0).isSendable());

        const BulkPlan pipedrive = plan(u"opportunities"_s, u"Pipedrive"_s,
                                        "id,amount,status,close_date\n"
                                        "6001,lots,won,2026-01-01T10:00:00Z\n"
                                        "6002,10,sideways,yesterday\n");
        const BulkRow &first = pipedrive.rows.at(0);
        QCOMPARE(first.problems.size(), 1);
        QCOMPARE(first.problems.at(0).column, 1);
        QVERIFY2(first.problems.at(0).message.contains(u"must be a number"_s), qPrintable(first.problems.at(0).message));
        const BulkRow &second = pipedrive.rows.at(1);
        QCOMPARE(messagesAt(second, 2).size(), 1);
        QVERIFY2(messagesAt(second, 2).first().contains(u"must be one of"_s), qPrintable(messagesAt(second, 2).first()));
        QCOMPARE(messagesAt(second, 3).size(), 1);
        QVERIFY(messagesAt(second, 3).first().contains(u"ISO 8601"_s));
        QCOMPARE(pipedrive.sendableCount(), 0);
        QCOMPARE(pipedrive.problemLines().size(), 3);
        QVERIFY2(pipedrive.problemLines().at(1).startsWith(u"row 2 (line 3), column status: "_s),
                 qPrintable(pipedrive.problemLines().at(1)));
    }

    void shouldTieANestedValueToItsColumn()
    {
        const BulkPlan p = plan(u"contacts"_s, u"HubSpot"_s,
                                "id,first_name,email_addresses.email,email_addresses.type\n"
                                "101,Ada,not-an-email,work\n");
        const BulkRow &row = p.rows.at(0);
        QCOMPARE(row.body.value(u"email_addresses"_s).toArray(),
                 (QJsonArray{QJsonObject{{u"email"_s, u"not-an-email"_s}, {u"type"_s, u"work"_s}}}));
        QCOMPARE(messagesAt(row, 2).size(), 1);
        QVERIFY(messagesAt(row, 2).first().contains(u"e-mail"_s));
    }

    void shouldRefuseClearingAFieldTheProviderRequires()
    {
        // Capsule requires a contact's first name (sandbox README, "Notable records").
        const ResourceSchema &contacts = *Schema::bundled().resource(u"contacts"_s);
        const EditPolicy policy = policyFor(contacts, u"Capsule"_s);
        // The premise is bundled data: should it change, this test must be changed with it.
        QVERIFY2(policy.fields.state(u"first_name"_s).required, "the bundled schema no longer marks Capsule's first_name required");
        const BulkPlan p = plan(u"contacts"_s, u"Capsule"_s, "id,first_name\n1,NULL\n");
        QCOMPARE(p.rows.at(0).problems.size(), 1);
        QVERIFY(p.rows.at(0).problems.at(0).message.contains(u"required"_s));
    }

    void shouldFlagRowsWithoutIdOrTwiceTheSameRecord()
    {
        const BulkPlan p = plan(u"opportunities"_s, u"Pipedrive"_s,
                                "id,name\n6001,A\n,B\n6001,C\n6002,\n");
        QCOMPARE(messagesAt(p.rows.at(1), 0), QStringList{u"The record id is empty"_s});
        QVERIFY(messagesAt(p.rows.at(2), 0).first().contains(u"row 1"_s));
        // A row without any change is not a problem, just nothing to send.
        QVERIFY(p.rows.at(3).problems.isEmpty());
        QVERIFY(!p.rows.at(3).isSendable());
        QCOMPARE(p.sendableCount(), 1);
    }

    void shouldRefuseTheWholeFileWithoutAnIdColumn()
    {
        const BulkPlan p = plan(u"opportunities"_s, u"Pipedrive"_s, "name\nA\n");
        QCOMPARE(p.fileProblems.size(), 1);
        QCOMPARE(p.sendableCount(), 0);
    }

    void shouldCheckCustomFieldNamesWhenTheAccountListsThem()
    {
        const QByteArray csv = "id,custom_fields.tier,custom_fields.typo\n6001,gold,x\n";
        const BulkPlan known = plan(u"opportunities"_s, u"Pipedrive"_s, csv, {u"tier"_s});
        QCOMPARE(known.rows.at(0).problems.size(), 1);
        QCOMPARE(known.rows.at(0).problems.at(0).column, 2);
        QCOMPARE(known.rows.at(0).body.value(u"custom_fields"_s).toObject(),
                 (QJsonObject{{u"tier"_s, u"gold"_s}, {u"typo"_s, u"x"_s}}));
        const BulkPlan unknown = plan(u"opportunities"_s, u"Pipedrive"_s, csv);
        QCOMPARE(unknown.problemCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestBulkPlan)
#include "tst_bulkplan.moc"
