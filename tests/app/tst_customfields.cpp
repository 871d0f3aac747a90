// Typed custom field definitions (contract §14) and the checks the form runs on custom_fields
// before sending: each kind's value type, options, required and read-only fields.

#include "policy/customfielddefinitions.h"
#include "policy/customfieldvalidation.h"
#include "policy/editpolicy.h"
#include "api/queryoptions.h"
#include "records/recordmodel.h"
#include "schema/schema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace crmdesk;

namespace {

QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

CustomField field(const char *json)
{
    return CustomField::fromJson(parse(json));
}

QJsonValue value(const char *json)
{
    // Any JSON value, through an array so scalars parse too.
    return QJsonDocument::fromJson("[" + QByteArray(json) + "]").array().at(0);
}

const char *kTier = R"({"name":"tier","label":"Customer tier","type":"enum","entity_type":"contact",
    "options":[{"label":"Gold","value":"gold"},{"label":"Silver","value":"silver"},
               {"label":"Old","value":"old","is_hidden":true}]})";
const char *kTopics = R"({"name":"topics","label":"Topics","type":"array",
    "options":[{"label":"Billing","value":"billing"},{"label":"Security","value":"security"}]})";

} // namespace

class TestCustomFields : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldMapTrutoTypesToEditorKinds_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<CustomField::Kind>("kind");
        using Kind = CustomField::Kind;
        QTest::newRow("string") << QByteArray(R"({"name":"a","type":"string"})") << Kind::Text;
        QTest::newRow("text") << QByteArray(R"({"name":"a","type":"text"})") << Kind::LongText;
        QTest::newRow("rich_text") << QByteArray(R"({"name":"a","type":"rich_text"})") << Kind::LongText;
        QTest::newRow("number") << QByteArray(R"({"name":"a","type":"number"})") << Kind::Number;
        QTest::newRow("currency format")
            << QByteArray(R"({"name":"a","type":"number","format":"currency"})") << Kind::Currency;
        QTest::newRow("pipedrive monetary")
            << QByteArray(R"({"name":"a","type":"number","remote_data":{"field_type":"monetary"}})")
            << Kind::Currency;
        QTest::newRow("zoho currency")
            << QByteArray(R"({"name":"a","type":"number","remote_data":{"data_type":"currency"}})")
            << Kind::Currency;
        QTest::newRow("hubspot currency symbol")
            << QByteArray(R"({"name":"a","type":"number","remote_data":{"showCurrencySymbol":true}})")
            << Kind::Currency;
        QTest::newRow("boolean") << QByteArray(R"({"name":"a","type":"boolean"})") << Kind::Boolean;
        QTest::newRow("date") << QByteArray(R"({"name":"a","type":"date"})") << Kind::Date;
        QTest::newRow("datetime") << QByteArray(R"({"name":"a","type":"datetime"})") << Kind::DateTime;
        QTest::newRow("enum") << QByteArray(kTier) << Kind::SingleSelect;
        QTest::newRow("enum multiple")
            << QByteArray(R"({"name":"a","type":"enum","multiple":true,"options":[{"value":"x"}]})")
            << Kind::MultiSelect;
        QTest::newRow("hubspot checkbox")
            << QByteArray(R"({"name":"a","type":"enum","remote_data":{"fieldType":"checkbox"}})")
            << Kind::MultiSelect;
        QTest::newRow("pipedrive set")
            << QByteArray(R"({"name":"a","type":"enum","remote_data":{"field_type":"set"}})")
            << Kind::MultiSelect;
        QTest::newRow("array with options") << QByteArray(kTopics) << Kind::MultiSelect;
        QTest::newRow("array without options")
            << QByteArray(R"({"name":"a","type":"array"})") << Kind::Unknown;
        QTest::newRow("reference user")
            << QByteArray(R"({"name":"a","type":"string","reference_entity":"user"})") << Kind::User;
        QTest::newRow("reference owner")
            << QByteArray(R"({"name":"a","type":"string","reference_entity":"owner"})") << Kind::User;
        QTest::newRow("pipedrive user")
            << QByteArray(R"({"name":"a","type":"number","remote_data":{"field_type":"user"}})")
            << Kind::User;
        QTest::newRow("zoho ownerlookup")
            << QByteArray(R"({"name":"a","type":"string","remote_data":{"data_type":"ownerlookup"}})")
            << Kind::User;
        QTest::newRow("reference account")
            << QByteArray(R"({"name":"a","type":"string","reference_entity":"account"})")
            << Kind::Reference;
        QTest::newRow("time") << QByteArray(R"({"name":"a","type":"time"})") << Kind::Unknown;
        QTest::newRow("file") << QByteArray(R"({"name":"a","type":"file"})") << Kind::Unknown;
        QTest::newRow("address") << QByteArray(R"({"name":"a","type":"address"})") << Kind::Unknown;
        QTest::newRow("no type") << QByteArray(R"({"name":"a"})") << Kind::Unknown;
    }
    void shouldMapTrutoTypesToEditorKinds()
    {
        QFETCH(QByteArray, json);
        QFETCH(CustomField::Kind, kind);
        const CustomField parsed = CustomField::fromJson(QJsonDocument::fromJson(json).object());
        QCOMPARE(customFieldKindName(parsed.kind), customFieldKindName(kind));
    }

    void shouldReadLabelsOptionsFlagsAndReferences()
    {
        const CustomField tier = field(kTier);
        QCOMPARE(tier.name, QStringLiteral("tier"));
        QCOMPARE(tier.label, QStringLiteral("Customer tier"));
        QCOMPARE(tier.entityType, QStringLiteral("contact"));
        // Hidden options are not offered.
        QCOMPARE(tier.options, (QList<CustomFieldOption>{{QStringLiteral("Gold"), QStringLiteral("gold")},
                                                         {QStringLiteral("Silver"), QStringLiteral("silver")}}));
        QVERIFY(!tier.required);
        QVERIFY(!tier.readOnly);
        QVERIFY(tier.readOnlyReason.isEmpty());

        const CustomField owner =
            field(R"({"name":"am","label":"Account manager","type":"string","reference_entity":"owner","is_required":true})");
        QCOMPARE(owner.referenceEntity, QStringLiteral("owner"));
        QVERIFY(owner.required);
        const CustomField pipedriveUser =
            field(R"({"name":"u","type":"number","remote_data":{"field_type":"user"}})");
        QCOMPARE(pipedriveUser.referenceEntity, QStringLiteral("user"));

        // Numeric option values (Pipedrive option ids) are compared as text.
        const CustomField numeric =
            field(R"({"name":"n","type":"enum","options":[{"label":"Gold","value":12}]})");
        QVERIFY(numeric.hasOption(QStringLiteral("12")));
    }

    void shouldExplainWhyAFieldIsReadOnly()
    {
        const CustomField calculated =
            field(R"({"name":"score","label":"Score","type":"number","is_editable":false,"remote_data":{"calculated":true}})");
        QVERIFY(calculated.readOnly);
        QVERIFY(calculated.readOnlyReason.contains(QLatin1String("Calculated")));
        const CustomField system =
            field(R"({"name":"src","type":"string","is_editable":false,"is_user_defined":false})");
        QVERIFY(system.readOnlyReason.contains(QLatin1String("system field")));
        const CustomField given = field(
            R"({"name":"x","type":"string","is_editable":false,"read_only_reason":"Set by the billing sync"})");
        QCOMPARE(given.readOnlyReason, QStringLiteral("Set by the billing sync"));
        QVERIFY(!field(R"({"name":"x","type":"string","is_editable":false})").readOnlyReason.isEmpty());
    }

    void shouldGiveEachResourceItsEntitysDefinitions()
    {
        const CustomFieldDefinitions definitions = CustomFieldDefinitions::fromListResponse(parse(R"({"result":[
            {"name":"tier","type":"enum","entity_type":"contact","options":[{"value":"gold"}]},
            {"name":"score","type":"number","entity_type":"lead","is_editable":false},
            {"name":"budget","type":"number","entity_type":"opportunity"},
            {"name":"everywhere","type":"string"},
            {"label":"no name","type":"string"}]})"));
        QCOMPARE(definitions.all().size(), 4);
        const Schema &schema = Schema::bundled();
        const auto names = [](const QList<CustomField> &fields) {
            QStringList out;
            for (const CustomField &f : fields)
                out.append(f.name);
            return out;
        };
        QCOMPARE(names(definitions.definitionsFor(*schema.resource(QStringLiteral("contacts")))),
                 (QStringList{QStringLiteral("tier"), QStringLiteral("everywhere")}));
        QCOMPARE(names(definitions.definitionsFor(*schema.resource(QStringLiteral("leads")))),
                 (QStringList{QStringLiteral("score"), QStringLiteral("everywhere")}));
        // editableNamesFor keeps its meaning: read-only ones left out.
        QCOMPARE(definitions.editableNamesFor(*schema.resource(QStringLiteral("leads"))),
                 QStringList{QStringLiteral("everywhere")});
        QVERIFY(definitions.find(QStringLiteral("budget")).has_value());
        QVERIFY(definitions.find(QStringLiteral("budget"), QStringLiteral("opportunity")).has_value());
        QVERIFY(!definitions.find(QStringLiteral("budget"), QStringLiteral("contact")).has_value());
        QVERIFY(!definitions.find(QStringLiteral("nothing")).has_value());
    }

    void shouldAcceptAndRefuseValuesByKind_data()
    {
        QTest::addColumn<QByteArray>("definition");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("problem"); // empty: accepted; else a part of the message
        const QByteArray text = R"({"name":"f","label":"Nickname","type":"string"})";
        const QByteArray number = R"({"name":"f","label":"Seats","type":"number"})";
        const QByteArray currency = R"({"name":"f","label":"Budget","type":"number","format":"currency"})";
        const QByteArray date = R"({"name":"f","label":"Renewal date","type":"date"})";
        const QByteArray dateTime = R"({"name":"f","label":"Last audit","type":"datetime"})";
        const QByteArray boolean = R"({"name":"f","label":"Opted in","type":"boolean"})";
        const QByteArray user = R"({"name":"f","label":"Account manager","type":"string","reference_entity":"user"})";
        const QByteArray reference = R"({"name":"f","label":"Partner","type":"string","reference_entity":"account"})";
        QTest::newRow("text ok") << text << QByteArray(R"("Ada")") << QString();
        QTest::newRow("text number") << text << QByteArray("5") << QStringLiteral("Nickname must be text");
        QTest::newRow("number ok") << number << QByteArray("12") << QString();
        QTest::newRow("number as text ok") << number << QByteArray(R"("12.5")") << QString();
        QTest::newRow("number text") << number << QByteArray(R"("twelve")")
                                     << QStringLiteral("Seats must be a number, not \"twelve\"");
        QTest::newRow("number bool") << number << QByteArray("true") << QStringLiteral("Seats must be a number");
        QTest::newRow("currency ok") << currency << QByteArray("2500.75") << QString();
        QTest::newRow("currency text") << currency << QByteArray(R"("lots")")
                                       << QStringLiteral("Budget must be an amount");
        QTest::newRow("date ok") << date << QByteArray(R"("2026-02-28")") << QString();
        QTest::newRow("date impossible") << date << QByteArray(R"("2026-02-30")")
                                         << QStringLiteral("Renewal date must be a date like");
        QTest::newRow("date other format") << date << QByteArray(R"("28/02/2026")")
                                           << QStringLiteral("Renewal date must be a date like");
        QTest::newRow("date with time") << date << QByteArray(R"("2026-02-28T10:00:00Z")")
                                        << QStringLiteral("Renewal date must be a date like");
        QTest::newRow("datetime ok") << dateTime << QByteArray(R"("2026-02-28T10:00:00Z")") << QString();
        QTest::newRow("datetime no zone") << dateTime << QByteArray(R"("2026-02-28T10:00:00")")
                                          << QStringLiteral("Last audit must be an ISO 8601 date and time");
        QTest::newRow("boolean ok") << boolean << QByteArray("false") << QString();
        QTest::newRow("boolean text") << boolean << QByteArray(R"("yes")")
                                      << QStringLiteral("Opted in must be yes or no");
        QTest::newRow("select ok") << QByteArray(kTier) << QByteArray(R"("gold")") << QString();
        QTest::newRow("select by label") << QByteArray(kTier) << QByteArray(R"("Gold")")
                                         << QStringLiteral("\"Gold\" is not an option of Customer tier; choose one of Gold, Silver");
        QTest::newRow("select hidden option") << QByteArray(kTier) << QByteArray(R"("old")")
                                              << QStringLiteral("is not an option of Customer tier");
        QTest::newRow("select list") << QByteArray(kTier) << QByteArray(R"(["gold"])")
                                     << QStringLiteral("is not an option of Customer tier");
        QTest::newRow("multi ok") << QByteArray(kTopics) << QByteArray(R"(["billing","security"])") << QString();
        QTest::newRow("multi empty ok") << QByteArray(kTopics) << QByteArray("[]") << QString();
        QTest::newRow("multi unknown") << QByteArray(kTopics) << QByteArray(R"(["billing","sales"])")
                                       << QStringLiteral("\"sales\" is not an option of Topics");
        QTest::newRow("multi scalar") << QByteArray(kTopics) << QByteArray(R"("billing")")
                                      << QStringLiteral("Topics takes a list of options");
        QTest::newRow("user id ok") << user << QByteArray(R"("48123456")") << QString();
        QTest::newRow("user object ok") << user << QByteArray(R"({"id":"48123456"})") << QString();
        QTest::newRow("user bool") << user << QByteArray("true") << QStringLiteral("Account manager must be a user's id");
        QTest::newRow("reference empty object") << reference << QByteArray("{}")
                                                << QStringLiteral("Partner must be the id of a account");
        QTest::newRow("null clears") << number << QByteArray("null") << QString();
    }
    void shouldAcceptAndRefuseValuesByKind()
    {
        QFETCH(QByteArray, definition);
        QFETCH(QByteArray, value);
        QFETCH(QString, problem);
        const CustomField parsed = field(definition.constData());
        const QList<ValidationIssue> issues = validateCustomFieldValue(parsed, ::value(value.constData()));
        if (problem.isEmpty()) {
            QVERIFY2(issues.isEmpty(), qPrintable(issues.isEmpty() ? QString() : issues.first().message));
            return;
        }
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.first().path, QString(u"custom_fields." + parsed.name));
        QVERIFY2(issues.first().message.contains(problem), qPrintable(issues.first().message));
    }

    void shouldRequireRequiredFieldsButNotReadOnlyOnes()
    {
        const QList<CustomField> definitions{
            field(R"({"name":"region","label":"Region","type":"string","is_required":true})"),
            field(R"({"name":"score","label":"Score","type":"number","is_required":true,"is_editable":false})"),
            field(R"({"name":"note","label":"Note","type":"string"})")};
        // Missing entirely, and emptied.
        QList<ValidationIssue> issues = validateCustomFields(definitions, {}, {});
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.first().path, QStringLiteral("custom_fields.region"));
        QCOMPARE(issues.first().message, QStringLiteral("Region is required"));
        issues = validateCustomFields(definitions, parse(R"({"region":"EMEA"})"), parse(R"({"region":""})"));
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.first().message, QStringLiteral("Region is required"));
        QVERIFY(validateCustomFields(definitions, parse(R"({"region":"EMEA"})"),
                                     parse(R"({"region":"EMEA","note":"x"})")).isEmpty());
    }

    void shouldRefuseAChangeToAReadOnlyFieldWithItsReason()
    {
        const QList<CustomField> definitions{field(
            R"({"name":"score","label":"Lead score","type":"number","is_editable":false,"remote_data":{"calculated":true}})")};
        // Unchanged read-only values are the server's and pass.
        QVERIFY(validateCustomFields(definitions, parse(R"({"score":40})"), parse(R"({"score":40})")).isEmpty());
        const QList<ValidationIssue> issues =
            validateCustomFields(definitions, parse(R"({"score":40})"), parse(R"({"score":90})"));
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.first().path, QStringLiteral("custom_fields.score"));
        QVERIFY(issues.first().message.startsWith(QLatin1String("Lead score is read-only")));
        QVERIFY(issues.first().message.contains(QLatin1String("Calculated by the provider")));
    }

    void shouldCheckOnlyChangedValuesAndKnownNames()
    {
        const QList<CustomField> definitions{field(R"({"name":"seats","label":"Seats","type":"number"})")};
        // A bad value the server already holds is not second-guessed; an unknown name neither.
        QVERIFY(validateCustomFields(definitions, parse(R"({"seats":"n/a"})"),
                                     parse(R"({"seats":"n/a","other":true})")).isEmpty());
        QCOMPARE(validateCustomFields(definitions, parse(R"({"seats":3})"), parse(R"({"seats":"n/a"})")).size(), 1);
    }

    void shouldValidateTheCustomFieldsOfARecordsForm()
    {
        RecordModel model(*Schema::bundled().resource(QStringLiteral("contacts")));
        model.load(parse(R"({"id":"1","custom_fields":{"tier":"gold"}})"));
        const QList<CustomField> definitions{field(kTier)};
        QVERIFY(validateCustomFields(definitions, model).isEmpty());
        model.setValue(QStringLiteral("custom_fields"), parse(R"({"tier":"platinum"})"));
        const QList<ValidationIssue> issues = validateCustomFields(definitions, model);
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.first().field(), QStringLiteral("custom_fields"));
        QVERIFY(issues.first().message.contains(QLatin1String("Customer tier")));
    }

    void shouldListCustomFieldProblemsAmongTheReasonsNotToSend()
    {
        const ResourceSchema &contacts = *Schema::bundled().resource(QStringLiteral("contacts"));
        EditPolicy policy = EditPolicyBuilder(contacts).build();
        policy.customFields = {field(kTier),
                               field(R"({"name":"lang","label":"Preferred language","type":"string","is_required":true})")};
        RecordModel model(contacts);
        model.load(parse(R"({"id":"1","first_name":"Ada","custom_fields":{"tier":"gold","lang":"English"}})"));
        model.setValue(QStringLiteral("custom_fields"), parse(R"({"tier":"platinum","lang":""})"));
        const QStringList problems = policy.sendProblems(model, QueryOptions());
        QVERIFY(problems.contains(QStringLiteral("Preferred language is required")));
        QVERIFY(std::any_of(problems.cbegin(), problems.cend(), [](const QString &problem) {
            return problem.contains(QLatin1String("not an option of Customer tier"));
        }));
        // Fixed: no custom field problem is left.
        model.setValue(QStringLiteral("custom_fields"), parse(R"({"tier":"silver","lang":"German"})"));
        for (const QString &problem : policy.sendProblems(model, QueryOptions()))
            QVERIFY2(!problem.contains(QLatin1String("Customer tier")) &&
                         !problem.contains(QLatin1String("Preferred language")),
                     qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(TestCustomFields)
#include "tst_customfields.moc"
