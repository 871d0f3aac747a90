// The dry run knows what the form knows once it has loaded: the account's live rules
// (meta/update) and its typed custom fields, read from the sandbox over real sockets.
#include "api/trutoclient.h"
#include "bulk/bulkplan.h"
#include "bulk/bulktarget.h"
#include "bulk/columnmatch.h"
#include "bulk/csvreader.h"
#include "sandbox/sandboxserver.h"
#include "schema/schema.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

class TestBulkTarget : public QObject
{
    Q_OBJECT

    SandboxServer m_server;
    QNetworkAccessManager m_network;
    TrutoClient m_client{&m_network};

    BulkTarget load(const QString &provider, const QString &resource)
    {
        std::optional<BulkTarget> loaded;
        loadBulkTarget(&m_client, *Schema::bundled().resource(resource), m_server.accountIdFor(provider), this,
                       [&loaded](const BulkTarget &target) { loaded = target; });
        if (!QTest::qWaitFor([&] { return loaded.has_value(); }, 10000))
            qFatal("the bulk target did not load");
        return *loaded;
    }

    // Each problem as "column header: message".
    static QStringList problems(const BulkRow &row, const CsvTable &table)
    {
        QStringList out;
        for (const BulkProblem &problem : row.problems)
            out.append(table.header.value(problem.column) + u": "_s + problem.message);
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.listen());
        ConnectionConfig config;
        config.baseUrl = m_server.baseUrl();
        config.token = m_server.token();
        m_client.setConfig(config);
    }

    void shouldJudgeRowsByTheAccountsLiveRules()
    {
        const BulkTarget target = load(u"HubSpot"_s, u"contacts"_s);
        QVERIFY2(target.error.isEmpty(), qPrintable(target.error));
        QCOMPARE(target.liveNote, u"Field rules from the live account"_s);
        // The documentation says HubSpot maps a contact's name; this account's meta/update does not.
        const FieldState name = target.policy.fields.state(u"name"_s);
        QVERIFY(!name.editable());
        QVERIFY(name.reason.contains(u"live metadata"_s));

        const ResourceSchema &schema = *Schema::bundled().resource(u"contacts"_s);
        const auto table = readCsv("id,name,title\n151,Ada L,Countess\n");
        QVERIFY(table);
        const BulkPlan plan = BulkPlan::build(*table, matchColumns(table->header, schema), schema, target.policy,
                                              target.customFieldNames);
        const QStringList found = problems(plan.rows.at(0), *table);
        QCOMPARE(found.size(), 1);
        QVERIFY2(found.first().startsWith(u"name: "_s), qPrintable(found.join(u'|')));
    }

    void shouldTypeAndCheckCustomFieldsAsTheFormDoes()
    {
        const BulkTarget target = load(u"HubSpot"_s, u"contacts"_s);
        QVERIFY(!target.policy.customFields.isEmpty());
        const ResourceSchema &schema = *Schema::bundled().resource(u"contacts"_s);
        const auto table = readCsv("id,custom_fields.engagement_score,custom_fields.newsletter_opt_in,"
                                   "custom_fields.interests,custom_fields.customer_tier\n"
                                   "151,5,maybe,Analytics;Training,platinum\n"
                                   "152,,yes,Security,gold\n");
        QVERIFY(table);
        const BulkPlan plan = BulkPlan::build(*table, matchColumns(table->header, schema), schema, target.policy,
                                              target.customFieldNames);
        const QStringList first = problems(plan.rows.at(0), *table);
        QCOMPARE(first.size(), 3);
        QVERIFY2(first.at(0).startsWith(u"custom_fields.engagement_score: "_s) && first.at(0).contains(u"read-only"_s),
                 qPrintable(first.join(u'|')));
        QVERIFY(first.at(1).startsWith(u"custom_fields.newsletter_opt_in: "_s));
        QVERIFY(first.at(2).startsWith(u"custom_fields.customer_tier: "_s));
        // Typed as the form sends them: a checklist is an array, yes/no a boolean.
        const BulkRow &second = plan.rows.at(1);
        QVERIFY2(second.problems.isEmpty(), qPrintable(problems(second, *table).join(u'|')));
        const QJsonObject custom = second.body.value(u"custom_fields"_s).toObject();
        QCOMPARE(custom.value(u"newsletter_opt_in"_s), QJsonValue(true));
        QCOMPARE(custom.value(u"interests"_s).toArray(), (QJsonArray{u"Security"_s}));
        const QJsonObject firstCustom = plan.rows.at(0).body.value(u"custom_fields"_s).toObject();
        QCOMPARE(firstCustom.value(u"interests"_s).toArray(), (QJsonArray{u"Analytics"_s, u"Training"_s}));
    }
};

QTEST_GUILESS_MAIN(TestBulkTarget)
#include "tst_bulktarget.moc"
