// Which raw values a unified field came from: the widget-free core of "unified beside raw".
#include "inspect/fieldprovenance.h"

#include "inspectorfixtures.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

namespace {

QJsonObject unifiedWithoutRemoteData()
{
    QJsonObject unified = QJsonDocument::fromJson(fixtures::unifiedContactBody()).object();
    unified.remove(u"remote_data"_s);
    return unified;
}

QJsonValue remoteData()
{
    return QJsonDocument::fromJson(fixtures::unifiedContactBody()).object().value(u"remote_data"_s);
}

} // namespace

class TestFieldProvenance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void shouldLinkFieldsToEqualRawValues();
    void shouldMatchNumbersAndTimestampsWrittenDifferently();
    void shouldPutMappingLinksFirstAndFollowWildcardsAndContainers();
    void shouldListRawFieldsThatNoUnifiedFieldShows();
    void shouldNotMatchValuesTooCommonToMeanAnything();
};

void TestFieldProvenance::shouldLinkFieldsToEqualRawValues()
{
    const FieldProvenance provenance = FieldProvenance::compute(unifiedWithoutRemoteData(), remoteData());
    QCOMPARE(provenance.rawPathsFor(u"first_name"_s), QStringList{u"properties.firstname"_s});
    QCOMPARE(provenance.rawPathsFor(u"email_addresses[0].email"_s), QStringList{u"properties.email"_s});
    QCOMPARE(provenance.rawPathsFor(u"title"_s), QStringList{u"properties.jobtitle"_s});
    QCOMPARE(provenance.rawPathsFor(u"id"_s), (QStringList{u"id"_s, u"properties.hs_object_id"_s}));
    QCOMPARE(provenance.unifiedPathsFor(u"properties.hubspot_owner_id"_s), QStringList{u"owner.id"_s});
    QVERIFY(provenance.rawPathsFor(u"name"_s).isEmpty()); // composed; no single raw value
}

void TestFieldProvenance::shouldMatchNumbersAndTimestampsWrittenDifferently()
{
    const FieldProvenance provenance = FieldProvenance::compute(unifiedWithoutRemoteData(), remoteData());
    // 87 in unified, "87" in HubSpot's properties.
    QCOMPARE(provenance.rawPathsFor(u"custom_fields.lead_score"_s), QStringList{u"properties.lead_score"_s});
    // "…09:30:00.000Z" and "…09:30:00Z" are the same instant.
    QCOMPARE(provenance.rawPathsFor(u"created_at"_s), QStringList{u"properties.createdate"_s});
    QCOMPARE(FieldProvenance::matchKey(u"42"_s), FieldProvenance::matchKey(42));
    QCOMPARE(FieldProvenance::matchKey(u"Zoë"_s), FieldProvenance::matchKey(u" zoë "_s));
}

void TestFieldProvenance::shouldPutMappingLinksFirstAndFollowWildcardsAndContainers()
{
    const QHash<QString, QString> mapping{{u"phone_numbers[*].number"_s, u"properties.mobilephone"_s},
                                          {u"owner"_s, u"properties.hubspot_owner_id"_s},
                                          {u"id"_s, u"properties.hs_object_id"_s}};
    const FieldProvenance provenance = FieldProvenance::compute(unifiedWithoutRemoteData(), remoteData(), mapping);
    QCOMPARE(provenance.rawPathsFor(u"phone_numbers[0].number"_s), QStringList{u"properties.mobilephone"_s});
    QCOMPARE(provenance.rawPathsFor(u"owner.id"_s), QStringList{u"properties.hubspot_owner_id"_s});
    // The mapped source comes before a value match elsewhere.
    QCOMPARE(provenance.rawPathsFor(u"id"_s), (QStringList{u"properties.hs_object_id"_s, u"id"_s}));
    bool viaMapping = false;
    for (const FieldProvenance::Link &link : provenance.links())
        viaMapping |= link.unifiedPath == u"owner.id"_s && link.reason == FieldProvenance::Reason::Mapping;
    QVERIFY(viaMapping);
}

void TestFieldProvenance::shouldListRawFieldsThatNoUnifiedFieldShows()
{
    const FieldProvenance provenance = FieldProvenance::compute(unifiedWithoutRemoteData(), remoteData());
    QCOMPARE(provenance.unmappedRawPaths(), (QStringList{u"archived"_s, u"properties.lifecyclestage"_s}));
    // With a mapping that names it, it is no longer unmapped.
    const FieldProvenance mapped = FieldProvenance::compute(
        unifiedWithoutRemoteData(), remoteData(), {{u"tags"_s, u"properties.lifecyclestage"_s}});
    QCOMPARE(mapped.unmappedRawPaths(), QStringList{u"archived"_s});
}

void TestFieldProvenance::shouldNotMatchValuesTooCommonToMeanAnything()
{
    QVERIFY(FieldProvenance::matchKey(true).isEmpty());
    QVERIFY(FieldProvenance::matchKey(QJsonValue()).isEmpty());
    QVERIFY(FieldProvenance::matchKey(u""_s).isEmpty());
    QVERIFY(FieldProvenance::matchKey(1).isEmpty());
    const QJsonObject unified{{u"is_primary"_s, true}};
    const QJsonObject raw{{u"archived"_s, true}};
    QVERIFY(FieldProvenance::compute(unified, raw).links().isEmpty());
}

QTEST_GUILESS_MAIN(TestFieldProvenance)
#include "tst_fieldprovenance.moc"
