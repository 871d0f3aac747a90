// The form's sections and the reference rules, read from the bundled schema.
#include "references/referencedirectory.h"
#include "schema/formsections.h"
#include "schema/resourceschema.h"
#include "schema/schema.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

namespace {
QStringList fieldsOf(const QList<FormSection> &sections, const QString &id)
{
    for (const FormSection &section : sections) {
        if (section.id == id)
            return section.fields;
    }
    return {};
}
} // namespace

class TestFormSections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldGroupAContactAsAPersonReadsIt()
    {
        const QList<FormSection> sections = formSections(*Schema::bundled().resource(u"contacts"_s));
        QStringList ids;
        for (const FormSection &section : sections)
            ids.append(section.id);
        QCOMPARE(ids, (QStringList{u"identity"_s, u"contact_details"_s, u"relations"_s, u"custom_fields"_s, u"advanced"_s}));
        QCOMPARE(fieldsOf(sections, u"identity"_s).mid(0, 4),
                 (QStringList{u"first_name"_s, u"last_name"_s, u"name"_s, u"title"_s}));
        QCOMPARE(fieldsOf(sections, u"contact_details"_s),
                 (QStringList{u"email_addresses"_s, u"phone_numbers"_s, u"addresses"_s}));
        QCOMPARE(fieldsOf(sections, u"relations"_s), (QStringList{u"account"_s, u"owner"_s}));
        QCOMPARE(fieldsOf(sections, u"custom_fields"_s), QStringList{u"custom_fields"_s});
        const QStringList advanced = fieldsOf(sections, u"advanced"_s);
        QVERIFY(advanced.contains(u"remote_data"_s));
        QVERIFY(advanced.contains(u"etag"_s));
        QVERIFY(advanced.contains(u"created_at"_s));
        QVERIFY(!advanced.contains(u"first_name"_s));
    }

    void shouldPutEveryFormFieldInExactlyOneSection_data()
    {
        QTest::addColumn<QString>("resource");
        for (const QString &resource : {u"contacts"_s, u"notes"_s, u"leads"_s, u"opportunities"_s, u"engagements"_s})
            QTest::addRow("%s", qPrintable(resource)) << resource;
    }

    void shouldPutEveryFormFieldInExactlyOneSection()
    {
        QFETCH(QString, resource);
        const ResourceSchema &schema = *Schema::bundled().resource(resource);
        QStringList all;
        for (const FormSection &section : formSections(schema)) {
            QVERIFY(!section.fields.isEmpty());
            all += section.fields;
        }
        QStringList expected = schema.formOrder;
        std::sort(all.begin(), all.end());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(all, expected);
    }

    void shouldKnowWhichListAReferencePointsInto_data()
    {
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("list");
        QTest::newRow("owner") << u"contacts"_s << u"owner"_s << u"users"_s;
        QTest::newRow("account") << u"contacts"_s << u"account"_s << u"accounts"_s;
        QTest::newRow("note contacts") << u"notes"_s << u"contact"_s << u"contacts"_s;
        QTest::newRow("note opportunities") << u"notes"_s << u"opportunity"_s << u"opportunities"_s;
        QTest::newRow("engagement leads") << u"engagements"_s << u"lead"_s << u"leads"_s;
        QTest::newRow("stage: not a listed record") << u"opportunities"_s << u"stage"_s << QString();
        QTest::newRow("plain text") << u"contacts"_s << u"title"_s << QString();
    }

    void shouldKnowWhichListAReferencePointsInto()
    {
        QFETCH(QString, resource);
        QFETCH(QString, field);
        QFETCH(QString, list);
        const FieldSpec *spec = Schema::bundled().resource(resource)->find(Section::Body, field);
        QVERIFY(spec);
        QCOMPARE(referencedResource(*spec), list);
    }

    void shouldNameRecordsAsAPersonWould()
    {
        const QJsonObject user{{u"id"_s, 48123456}, {u"first_name"_s, u"Maya"_s}, {u"last_name"_s, u"Patel"_s},
                               {u"emails"_s, QJsonArray{QJsonObject{{u"email"_s, u"maya@x.example"_s}}}}};
        const ReferenceChoice maya = ReferenceDirectory::choiceFrom(u"users"_s, user);
        QCOMPARE(maya.id, u"48123456"_s); // numeric ids read as the text a person types
        QCOMPARE(maya.name, u"Maya Patel"_s);
        QCOMPARE(maya.detail, u"maya@x.example"_s);
        const ReferenceChoice account = ReferenceDirectory::choiceFrom(
            u"accounts"_s, {{u"id"_s, u"9001"_s}, {u"name"_s, u"Analytical Engines Ltd"_s}, {u"website"_s, u"ae.example"_s}});
        QCOMPARE(account.name, u"Analytical Engines Ltd"_s);
        QCOMPARE(account.detail, u"ae.example"_s);
        const ReferenceChoice nameless = ReferenceDirectory::choiceFrom(
            u"contacts"_s, {{u"id"_s, u"c-9"_s}, {u"email_addresses"_s, QJsonArray{QJsonObject{{u"email"_s, u"x@y.example"_s}}}}});
        QCOMPARE(nameless.name, u"x@y.example"_s); // better than the id alone
    }
};

QTEST_GUILESS_MAIN(TestFormSections)
#include "tst_formsections.moc"
