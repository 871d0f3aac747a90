// The coverage grid: which fields of a resource work with which provider, from the bundled
// documentation and, for a connected account, its live rules.
#include "policy/coveragegrid.h"
#include "schema/schema.h"

#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

namespace {

const ResourceSchema &notes()
{
    return *Schema::bundled().resource(u"notes"_s);
}

QString word(const CoverageGrid &grid, const QString &field, const QString &provider)
{
    return CoverageGrid::stateWord(
        grid.cell(int(grid.fields().indexOf(field)), int(grid.providers().indexOf(provider))));
}

} // namespace

class TestCoverageGrid : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldTellEachProvidersStateOfEachFieldFromTheDocs()
    {
        const CoverageGrid grid = CoverageGrid::fromSchema(notes());
        QCOMPARE(grid.resource(), u"notes"_s);
        QVERIFY(grid.providers().contains(u"HubSpot"_s));
        QVERIFY(grid.providers().contains(u"Salesforce"_s));
        QVERIFY(grid.fields().contains(u"account.id"_s)); // nested fields as dotted paths
        QCOMPARE(word(grid, u"content"_s, u"HubSpot"_s), u"supported"_s);
        QCOMPARE(word(grid, u"lead"_s, u"HubSpot"_s), u"unsupported"_s);
        QCOMPARE(word(grid, u"lead"_s, u"Pipedrive"_s), u"supported"_s);
        // Supports updating notes, but the documentation maps no field for it: never a guess.
        QCOMPARE(word(grid, u"content"_s, u"Salesforce"_s), u"unknown"_s);
        const FieldState &cell = grid.cell(int(grid.fields().indexOf(u"content"_s)),
                                           int(grid.providers().indexOf(u"HubSpot"_s)));
        QVERIFY(cell.origin == StateOrigin::BundledDocs);
    }

    void shouldTakeALiveAccountsRulesForItsProviderOnly()
    {
        CoverageGrid grid = CoverageGrid::fromSchema(notes());
        FieldPolicy live(u"notes"_s, u"Salesforce"_s);
        FieldState required;
        required.support = Support::Supported;
        required.required = true;
        required.origin = StateOrigin::LiveAccount;
        live.set(u"content"_s, required);
        grid.applyLive(live);
        QCOMPARE(word(grid, u"content"_s, u"Salesforce"_s), u"required"_s);
        QVERIFY(grid.cell(int(grid.fields().indexOf(u"content"_s)), int(grid.providers().indexOf(u"Salesforce"_s))).origin
                == StateOrigin::LiveAccount);
        QCOMPARE(word(grid, u"account"_s, u"Salesforce"_s), u"unknown"_s); // not in the live rules: as documented
        QCOMPARE(word(grid, u"content"_s, u"HubSpot"_s), u"supported"_s);  // other columns untouched
    }

    void shouldExportEveryCellAsCsv()
    {
        CoverageGrid grid = CoverageGrid::fromSchema(notes());
        FieldPolicy live(u"notes"_s, u"HubSpot"_s);
        FieldState supported;
        supported.support = Support::Supported;
        supported.origin = StateOrigin::LiveAccount;
        live.set(u"content"_s, supported);
        grid.applyLive(live);
        const QList<QByteArray> lines = grid.toCsv().split('\n');
        QCOMPARE(lines.size(), grid.fields().size() + 2); // header, rows, and the empty tail
        QVERIFY(lines.first().startsWith("field,Affinity,"));
        const int hubspot = int(grid.providers().indexOf(u"HubSpot"_s)) + 1;
        const QByteArray contentRow = lines.at(int(grid.fields().indexOf(u"content"_s)) + 1).trimmed();
        QCOMPARE(contentRow.split(',').at(hubspot), QByteArray("supported (live)"));
        QVERIFY(lines.last().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCoverageGrid)
#include "tst_coveragegrid.moc"
