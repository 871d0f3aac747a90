#include "schema/schema.h"

#include <QFile>
#include <QTest>

using namespace crmdesk;

namespace {
// One row of tests/data/schema_counts.tsv: the "N supported M required" line the page prints
// for a field, extracted from the pages independently of the schema files.
struct CountRow
{
    QString resource;
    Section section;
    QString path;
    int supported;
    int required;
};

QList<CountRow> readCounts()
{
    QFile file(QStringLiteral(CRMDESK_TEST_DATA_DIR "/schema_counts.tsv"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open schema_counts.tsv");
    QList<CountRow> rows;
    file.readLine(); // header
    while (!file.atEnd()) {
        const QStringList cells = QString::fromUtf8(file.readLine()).trimmed().split(u'\t');
        if (cells.size() != 5)
            continue;
        const QString &section = cells.at(1);
        rows.append({cells.at(0),
                     section == QLatin1String("query")  ? Section::Query
                     : section == QLatin1String("body") ? Section::Body
                                                        : Section::Response,
                     cells.at(2), cells.at(3).toInt(), cells.at(4).toInt()});
    }
    return rows;
}

const ResourceSchema &resource(const QString &name)
{
    const ResourceSchema *schema = Schema::bundled().resource(name);
    if (!schema)
        qFatal("resource missing from the bundled schema");
    return *schema;
}

FieldState bodyState(const QString &resourceName, const QString &path, const QString &provider)
{
    const ResourceSchema &schema = resource(resourceName);
    for (const auto &[field, state] : schema.statesOf(Section::Body, provider)) {
        if (field->path == path)
            return state;
    }
    qFatal("no such body field");
}
} // namespace

class TestSchema : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldBundleAllFiveResources()
    {
        QCOMPARE(Schema::bundled().resources(),
                 (QStringList{QStringLiteral("contacts"), QStringLiteral("engagements"),
                              QStringLiteral("leads"), QStringLiteral("notes"),
                              QStringLiteral("opportunities")}));
    }

    void shouldAgreeWithEveryCountThePagesPrint()
    {
        const QList<CountRow> rows = readCounts();
        QVERIFY(rows.size() > 150);
        for (const CountRow &row : rows) {
            const FieldSpec *field = resource(row.resource).find(row.section, row.path);
            QVERIFY2(field, qPrintable(row.resource + u' ' + row.path));
            QCOMPARE(field->supportedCount.value_or(-1), row.supported);
            QCOMPARE(field->requiredCount.value_or(0), row.required);
        }
    }

    void shouldListEveryCountedFieldInTheCountTable()
    {
        const QList<CountRow> rows = readCounts();
        for (const QString &name : Schema::bundled().resources()) {
            for (Section section : {Section::Query, Section::Body, Section::Response}) {
                for (const auto &[field, state] : resource(name).statesOf(section, {})) {
                    if (!field->hasProviderData())
                        continue;
                    // A named copy: clang 14 (the sanitizer build) cannot capture a structured
                    // binding in a lambda.
                    const QString &path = field->path;
                    const bool listed = std::any_of(rows.cbegin(), rows.cend(), [&](const CountRow &row) {
                        return row.resource == name && row.section == section && row.path == path;
                    });
                    QVERIFY2(listed, qPrintable(name + u' ' + field->path));
                }
            }
        }
    }

    // Counting the states the app derives per provider must give back the page's numbers
    // wherever the page names every provider.
    void shouldDeriveStatesThatAddUpToThePageCounts()
    {
        for (const QString &name : Schema::bundled().resources()) {
            const ResourceSchema &schema = resource(name);
            for (Section section : {Section::Query, Section::Body}) {
                for (const FieldSpec &field : schema.section(section)) {
                    if (!field.hasProviderData())
                        continue;
                    int supported = 0, required = 0, unknown = 0;
                    for (const QString &provider : schema.allProviders()) {
                        const FieldState state = schema.stateOf(section, field, provider);
                        supported += state.support == Support::Supported;
                        required += state.required;
                        unknown += state.support == Support::Unknown;
                    }
                    const QString where = name + u' ' + field.path;
                    if (field.providersComplete) {
                        QVERIFY2(supported == *field.supportedCount, qPrintable(where));
                        QVERIFY2(required == field.requiredCount.value_or(0), qPrintable(where));
                    } else {
                        QVERIFY2(supported <= *field.supportedCount, qPrintable(where));
                        QVERIFY2(supported + unknown >= *field.supportedCount, qPrintable(where));
                    }
                }
            }
        }
    }

    void shouldMarkProviderRequiredFields()
    {
        const FieldState affinity = bodyState(QStringLiteral("notes"), QStringLiteral("content"),
                                              QStringLiteral("Affinity"));
        QCOMPARE(toString(affinity.support), toString(Support::Supported));
        QVERIFY(affinity.required);
        QCOMPARE(affinity.reason, QStringLiteral("Required by Affinity"));
        const FieldState hubspot = bodyState(QStringLiteral("notes"), QStringLiteral("content"),
                                             QStringLiteral("HubSpot"));
        QCOMPARE(toString(hubspot.support), toString(Support::Supported));
        QVERIFY(!hubspot.required);
    }

    void shouldExplainUnsupportedFieldsByNamingWhoSupportsThem()
    {
        const FieldState state = bodyState(QStringLiteral("notes"), QStringLiteral("title"),
                                           QStringLiteral("HubSpot"));
        QCOMPARE(toString(state.support), toString(Support::Unsupported));
        QVERIFY(!state.required);
        QCOMPARE(state.reason,
                 QStringLiteral("Not mapped for HubSpot. Supported by: Insightly, Keap, Planhat"));
    }

    void shouldNotCallFieldsUnsupportedWhereThePageLostProviderNames()
    {
        const FieldState etag = bodyState(QStringLiteral("contacts"), QStringLiteral("etag"),
                                          QStringLiteral("HubSpot"));
        QCOMPARE(toString(etag.support), toString(Support::Unknown));
        const FieldState capsule = bodyState(QStringLiteral("contacts"),
                                             QStringLiteral("first_name"), QStringLiteral("Capsule"));
        QCOMPARE(toString(capsule.support), toString(Support::Supported));
        QVERIFY(capsule.required);
        // Salesforce supports notes update but appears in no field list of the notes page.
        const FieldState salesforce = bodyState(QStringLiteral("notes"), QStringLiteral("content"),
                                                QStringLiteral("Salesforce"));
        QCOMPARE(toString(salesforce.support), toString(Support::Unknown));
    }

    void shouldRequireResourceQueryParametersPerProvider()
    {
        const ResourceSchema &engagements = resource(QStringLiteral("engagements"));
        const FieldSpec *type = engagements.find(Section::Query, QStringLiteral("engagement_type"));
        QVERIFY(type);
        QVERIFY(engagements.stateOf(Section::Query, *type, QStringLiteral("OnePageCRM")).required);
        QVERIFY(!engagements.stateOf(Section::Query, *type, QStringLiteral("Close")).required);
        const ResourceSchema &notes = resource(QStringLiteral("notes"));
        const FieldSpec *contact = notes.find(Section::Query, QStringLiteral("contact"));
        QVERIFY(contact);
        QVERIFY(notes.stateOf(Section::Query, *contact, QStringLiteral("Highlevel")).required);
    }

    void shouldOfferEachProviderItsOwnEnumValues()
    {
        const FieldState monday = bodyState(QStringLiteral("leads"), QStringLiteral("status"),
                                            QStringLiteral("Monday CRM"));
        QVERIFY(monday.enumValues.contains(QStringLiteral("new lead")));
        QVERIFY(!monday.enumValues.contains(QStringLiteral("working")));
        const FieldState zendesk = bodyState(QStringLiteral("leads"), QStringLiteral("status"),
                                             QStringLiteral("Zendesk Sell"));
        QCOMPARE(zendesk.enumValues, (QStringList{QStringLiteral("new"), QStringLiteral("working"),
                                                  QStringLiteral("unqualified")}));
        const FieldState hubspot = bodyState(QStringLiteral("leads"), QStringLiteral("status"),
                                             QStringLiteral("HubSpot"));
        QVERIFY(hubspot.enumValues.isEmpty());
    }

    void shouldLetSubFieldsFollowTheirParent()
    {
        const FieldState city = bodyState(QStringLiteral("leads"), QStringLiteral("addresses.city"),
                                          QStringLiteral("Insightly"));
        QCOMPARE(toString(city.support), toString(Support::Supported));
        const FieldState hubspotCity = bodyState(QStringLiteral("leads"),
                                                 QStringLiteral("addresses.city"),
                                                 QStringLiteral("HubSpot"));
        QCOMPARE(toString(hubspotCity.support), toString(Support::Unsupported));
    }

    void shouldMatchProviderNamesCaseInsensitively()
    {
        QCOMPARE(resource(QStringLiteral("notes")).canonicalProvider(QStringLiteral("hubspot")),
                 std::optional<QString>(QStringLiteral("HubSpot")));
        QCOMPARE(resource(QStringLiteral("notes")).canonicalProvider(QStringLiteral("zendesk sell")),
                 std::optional<QString>(QStringLiteral("Zendesk Sell")));
        QVERIFY(!resource(QStringLiteral("notes")).canonicalProvider(QStringLiteral("Attio")));
    }

    void shouldKeepTheNotesRuleAsData()
    {
        const ResourceSchema &notes = resource(QStringLiteral("notes"));
        QCOMPARE(notes.rules.size(), 1);
        QCOMPARE(notes.rules.first().fields,
                 (QStringList{QStringLiteral("contact"), QStringLiteral("account"),
                              QStringLiteral("opportunity")}));
    }

    void shouldRejectAFolderWithoutSchemaFiles()
    {
        QString error;
        QVERIFY(!Schema::loadFrom(QStringLiteral(CRMDESK_TEST_DATA_DIR "/no-such-folder"), &error));
        QVERIFY(error.contains(QLatin1String("No schema files")));
    }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
