#include "schema/schema.h"
#include "schema/livemetamerger.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

namespace {

FieldState documented(Support support, bool required = false)
{
    FieldState state;
    state.support = support;
    state.required = required;
    state.reason = support == Support::Supported ? u"Supported by HubSpot"_s : u"Not mapped"_s;
    state.supportedBy = {u"HubSpot"_s};
    return state;
}

// What the bundled documentation says about a few contact fields for HubSpot.
FieldPolicy bundledPolicy()
{
    FieldPolicy policy(u"contacts"_s, u"HubSpot"_s);
    policy.set(u"first_name"_s, documented(Support::Supported));
    policy.set(u"last_name"_s, documented(Support::Supported));
    policy.set(u"title"_s, documented(Support::Supported));
    FieldState type = documented(Support::Supported);
    type.enumValues = {u"work"_s, u"home"_s};
    policy.set(u"email_addresses"_s, documented(Support::Supported));
    policy.set(u"email_addresses.email"_s, documented(Support::Supported));
    policy.set(u"email_addresses.type"_s, type);
    policy.set(u"remote_data"_s, documented(Support::Supported));
    policy.set(u"query.contact"_s, documented(Support::Supported));
    return policy;
}

QJsonObject schemaProperty(const QString &type, bool required = false)
{
    QJsonObject object{{u"type"_s, type}};
    if (required)
        object.insert(u"required"_s, true);
    return object;
}

LiveMeta parsed(const QJsonObject &response)
{
    QString error;
    const std::optional<LiveMeta> meta = LiveMetaMerger::parse(response, &error);
    if (!meta)
        qWarning("%s", qPrintable(error));
    return meta.value_or(LiveMeta{});
}

// The unified-model guide's layout: a map of properties with per-property "required": true.
QJsonObject guideStyleResponse()
{
    return QJsonObject{
        {u"method"_s, u"update"_s},
        {u"request_body_schema"_s,
         QJsonObject{{u"first_name"_s, schemaProperty(u"string"_s, true)},
                     {u"last_name"_s, schemaProperty(u"string"_s)},
                     {u"email_addresses"_s, schemaProperty(u"array"_s)}}},
    };
}

} // namespace

class TestLiveMetaMerger : public QObject
{
    Q_OBJECT

private slots:
    void shouldMarkFieldsRequiredByPerPropertyBooleans()
    {
        const FieldPolicy merged = LiveMetaMerger::merge(bundledPolicy(), parsed(guideStyleResponse()));
        QCOMPARE(merged.state(u"first_name"_s).required, true);
        QCOMPARE(toString(merged.state(u"first_name"_s).origin), toString(StateOrigin::LiveAccount));
        QVERIFY(merged.state(u"first_name"_s).reason.contains(u"HubSpot"_s));
        QCOMPARE(merged.state(u"last_name"_s).required, false);
        QCOMPARE(toString(merged.state(u"last_name"_s).support), toString(Support::Supported));
        QCOMPARE(merged.requiredPaths(), QStringList{u"first_name"_s});
    }

    void shouldMarkFieldsRequiredByAJsonSchemaRequiredList()
    {
        const QJsonObject response{
            {u"request_body_schema"_s,
             QJsonObject{{u"type"_s, u"object"_s},
                         {u"properties"_s, QJsonObject{{u"first_name"_s, schemaProperty(u"string"_s)},
                                                       {u"last_name"_s, schemaProperty(u"string"_s)}}},
                         {u"required"_s, QJsonArray{u"last_name"_s}}}},
        };
        const FieldPolicy merged = LiveMetaMerger::merge(bundledPolicy(), parsed(response));
        QCOMPARE(merged.requiredPaths(), QStringList{u"last_name"_s});
    }

    void shouldHonourBothRequiredFormsInOneSchema()
    {
        const QJsonObject response{
            {u"request_body_schema"_s,
             QJsonObject{{u"properties"_s, QJsonObject{{u"first_name"_s, schemaProperty(u"string"_s, true)},
                                                       {u"last_name"_s, schemaProperty(u"string"_s)}}},
                         {u"required"_s, QJsonArray{u"last_name"_s}}}},
        };
        const FieldPolicy merged = LiveMetaMerger::merge(bundledPolicy(), parsed(response));
        QCOMPARE(merged.requiredPaths(), (QStringList{u"first_name"_s, u"last_name"_s}));
    }

    void shouldDisableDocumentedFieldsTheAccountDoesNotAccept()
    {
        const FieldPolicy merged = LiveMetaMerger::merge(bundledPolicy(), parsed(guideStyleResponse()));
        const FieldState title = merged.state(u"title"_s);
        QCOMPARE(toString(title.support), toString(Support::Unsupported));
        QCOMPARE(title.reason, u"Not accepted by this account (live metadata)"_s);
        QCOMPARE(toString(title.origin), toString(StateOrigin::LiveAccount));
        QVERIFY(!title.editable());
    }

    void shouldKeepRemoteDataEditableWhateverTheSchemaSays()
    {
        const FieldPolicy merged = LiveMetaMerger::merge(bundledPolicy(), parsed(guideStyleResponse()));
        QCOMPARE(merged.state(u"remote_data"_s), bundledPolicy().state(u"remote_data"_s));
    }

    void shouldAddFieldsTheAccountAcceptsButTheDocsDoNotName()
    {
        QJsonObject response = guideStyleResponse();
        QJsonObject schema = response.value(u"request_body_schema"_s).toObject();
        schema.insert(u"hs_lead_status"_s,
                      QJsonObject{{u"type"_s, u"string"_s},
                                  {u"enum"_s, QJsonArray{u"NEW"_s, u"OPEN"_s}}});
        response.insert(u"request_body_schema"_s, schema);

        const FieldPolicy merged = LiveMetaMerger::merge(bundledPolicy(), parsed(response));
        QVERIFY(merged.contains(u"hs_lead_status"_s));
        const FieldState added = merged.state(u"hs_lead_status"_s);
        QCOMPARE(toString(added.support), toString(Support::Supported));
        QCOMPARE(added.enumValues, (QStringList{u"NEW"_s, u"OPEN"_s}));
        QCOMPARE(toString(added.origin), toString(StateOrigin::LiveAccount));
        QVERIFY(added.reason.contains(u"not in the bundled documentation"_s));
    }

    void shouldLetSubFieldsFollowAParentTheSchemaDoesNotDescribe()
    {
        const FieldPolicy merged = LiveMetaMerger::merge(bundledPolicy(), parsed(guideStyleResponse()));
        QCOMPARE(toString(merged.state(u"email_addresses.email"_s).support), toString(Support::Supported));
        QCOMPARE(toString(merged.state(u"email_addresses.email"_s).origin), toString(StateOrigin::LiveAccount));
        QCOMPARE(merged.state(u"email_addresses.type"_s).enumValues, (QStringList{u"work"_s, u"home"_s}));
    }

    void shouldJudgeSubFieldsTheSchemaDescribes()
    {
        const QJsonObject emails{
            {u"type"_s, u"array"_s},
            {u"items"_s,
             QJsonObject{{u"type"_s, u"object"_s},
                         {u"properties"_s,
                          QJsonObject{{u"email"_s, schemaProperty(u"string"_s)}}},
                         {u"required"_s, QJsonArray{u"email"_s}}}},
        };
        const QJsonObject response{
            {u"request_body_schema"_s,
             QJsonObject{{u"properties"_s, QJsonObject{{u"first_name"_s, schemaProperty(u"string"_s)},
                                                       {u"email_addresses"_s, emails}}}}},
        };
        const FieldPolicy merged = LiveMetaMerger::merge(bundledPolicy(), parsed(response));
        QCOMPARE(merged.state(u"email_addresses.email"_s).required, true);
        QCOMPARE(toString(merged.state(u"email_addresses.type"_s).support), toString(Support::Unsupported));
    }

    void shouldTakeEnumValuesFromTheLiveSchema()
    {
        const QJsonObject response{
            {u"request_body_schema"_s,
             QJsonObject{{u"email_addresses"_s,
                          QJsonObject{{u"type"_s, u"array"_s},
                                      {u"items"_s,
                                       QJsonObject{{u"properties"_s,
                                                    QJsonObject{{u"type"_s,
                                                                 QJsonObject{{u"type"_s, u"string"_s},
                                                                             {u"enum"_s, QJsonArray{u"work"_s, u"personal"_s, u"other"_s}}}}}}}}}}}},
        };
        const FieldPolicy merged = LiveMetaMerger::merge(bundledPolicy(), parsed(response));
        QCOMPARE(merged.state(u"email_addresses.type"_s).enumValues,
                 (QStringList{u"work"_s, u"personal"_s, u"other"_s}));
    }

    void shouldJudgeQueryParametersOnlyWhenTheResponseHasAQuerySchema()
    {
        FieldPolicy merged = LiveMetaMerger::merge(bundledPolicy(), parsed(guideStyleResponse()));
        QCOMPARE(merged.state(u"query.contact"_s), bundledPolicy().state(u"query.contact"_s));
        QCOMPARE(toString(merged.state(u"query.contact"_s).origin), toString(StateOrigin::BundledDocs));

        QJsonObject response = guideStyleResponse();
        response.insert(u"query_schema"_s,
                        QJsonObject{{u"integrated_account_id"_s, schemaProperty(u"string"_s, true)},
                                    {u"truto_response_format"_s, schemaProperty(u"string"_s)}});
        merged = LiveMetaMerger::merge(bundledPolicy(), parsed(response));
        QCOMPARE(toString(merged.state(u"query.contact"_s).support), toString(Support::Unsupported));
        // Truto's own parameters have their own controls, not form fields.
        QVERIFY(!merged.contains(u"query.integrated_account_id"_s));
        QVERIFY(!merged.contains(u"query.truto_response_format"_s));
    }

    void shouldReadASchemaSentAsJsonText()
    {
        const QJsonObject schema = guideStyleResponse().value(u"request_body_schema"_s).toObject();
        const QJsonObject response{
            {u"request_body_schema"_s,
             QString::fromUtf8(QJsonDocument(schema).toJson(QJsonDocument::Compact))}};
        const FieldPolicy merged = LiveMetaMerger::merge(bundledPolicy(), parsed(response));
        QCOMPARE(merged.requiredPaths(), QStringList{u"first_name"_s});
    }

    void shouldRefuseAResponseWithoutBodyFields_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::newRow("no schema") << QByteArray(R"({"method":"update","schema":{}})");
        QTest::newRow("empty properties")
            << QByteArray(R"({"request_body_schema":{"type":"object","properties":{}}})");
        QTest::newRow("not json") << QByteArray("<html>502 Bad Gateway</html>");
    }

    void shouldRefuseAResponseWithoutBodyFields()
    {
        QFETCH(QByteArray, response);
        QString error;
        QVERIFY(!LiveMetaMerger::parse(response, &error).has_value());
        QVERIFY(!error.isEmpty());
    }

    void shouldSayWhereEveryStateOfARealPolicyCameFrom()
    {
        const ResourceSchema *contacts = Schema::bundled().resource(u"contacts"_s);
        QVERIFY(contacts);
        const FieldPolicy bundled = contacts->policyFor(u"HubSpot"_s);
        QVERIFY(bundled.contains(u"first_name"_s));
        QVERIFY(bundled.contains(u"email_addresses"_s));

        const FieldPolicy merged = LiveMetaMerger::merge(bundled, parsed(guideStyleResponse()));

        QCOMPARE(merged.state(u"first_name"_s).required, true);
        QCOMPARE(toString(merged.state(u"phone_numbers"_s).support), toString(Support::Unsupported));
        QCOMPARE(toString(merged.state(u"remote_data"_s).support), toString(Support::Supported));
        for (const QString &path : bundled.paths()) {
            const StateOrigin origin = merged.state(path).origin;
            const bool live = origin == StateOrigin::LiveAccount;
            const bool untouched = merged.state(path) == bundled.state(path);
            QVERIFY2(live || untouched, qPrintable(path));
        }
    }
};

QTEST_GUILESS_MAIN(TestLiveMetaMerger)
#include "tst_livemetamerger.moc"
