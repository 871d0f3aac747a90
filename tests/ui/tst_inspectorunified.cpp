// Unified beside raw: UnifiedRawView driven by clicks (FieldProvenance:
// tests/app/tst_fieldprovenance.cpp).
#include "inspect/bodydocument.h"
#include "inspector/jsontreemodel.h"
#include "inspector/jsontreeview.h"
#include "inspector/unifiedrawview.h"

#include "inspectorfixtures.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

namespace {

std::shared_ptr<const BodyDocument> document(const QByteArray &body)
{
    return std::make_shared<const BodyDocument>(BodyDocument::analyse(body, "application/json"));
}

} // namespace

class TestInspectorUnified : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init();
    void cleanup();
    // UnifiedRawView
    void shouldShowUnifiedFieldsBesideRemoteData();
    void shouldHighlightRawSourcesOfAClickedUnifiedField();
    void shouldSayWhenTheMappingWasUsed();
    void shouldHighlightUnifiedFieldsOfAClickedRawField();
    void shouldListUnmappedRawFieldsAndRevealThem();
    void shouldCompareWithASeparateRawResponse();
    void shouldStepThroughTheRecordsOfAList();
    void shouldExplainWhenThereIsNothingToCompare();

private:
    void showUnified(const QByteArray &body);
    void clickRow(JsonTreeView *tree, const QString &path);

    std::unique_ptr<UnifiedRawView> m_view;
};

void TestInspectorUnified::init()
{
    m_view = std::make_unique<UnifiedRawView>();
    m_view->resize(1100, 650);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TestInspectorUnified::cleanup()
{
    m_view.reset();
}

void TestInspectorUnified::showUnified(const QByteArray &body)
{
    QSignalSpy computed(m_view.get(), &UnifiedRawView::linksComputed);
    m_view->setUnifiedDocument(document(body));
    QVERIFY(m_view->isAvailable());
    QVERIFY(computed.wait(5000));
}

void TestInspectorUnified::clickRow(JsonTreeView *tree, const QString &path)
{
    const QModelIndex index = tree->jsonModel()->indexForPath(path);
    QVERIFY2(index.isValid(), qPrintable(path));
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        tree->expand(parent);
    tree->scrollTo(index);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
    QCOMPARE(tree->currentIndex().siblingAtColumn(0), index);
}






void TestInspectorUnified::shouldShowUnifiedFieldsBesideRemoteData()
{
    showUnified(fixtures::unifiedContactBody());
    JsonTreeModel *unified = m_view->unifiedTree()->jsonModel();
    JsonTreeModel *raw = m_view->rawTree()->jsonModel();
    QVERIFY(!unified->indexForPath(u"remote_data"_s).isValid()); // not on the unified side
    QVERIFY(unified->indexForPath(u"first_name"_s).isValid());
    QCOMPARE(raw->rowCount(), 3);
    QCOMPARE(raw->index(1, 0).data().toString(), u"properties"_s);
    QCOMPARE(m_view->findChild<QLabel *>(u"rawPaneTitle"_s)->text(), u"Raw: remote_data"_s);
}

void TestInspectorUnified::shouldHighlightRawSourcesOfAClickedUnifiedField()
{
    showUnified(fixtures::unifiedContactBody());
    clickRow(m_view->unifiedTree(), u"first_name"_s);
    QCOMPARE(m_view->highlightedRawPaths(), QStringList{u"properties.firstname"_s});
    JsonTreeModel *raw = m_view->rawTree()->jsonModel();
    const QModelIndex source = raw->indexForPath(u"properties.firstname"_s);
    QVERIFY(m_view->rawTree()->isExpanded(source.parent()));
    QCOMPARE(source.data(Qt::BackgroundRole).value<QColor>(), QColor(0xff, 0xe5, 0x8f));
    QCOMPARE(m_view->findChild<QLabel *>(u"provenanceLabel"_s)->text(),
             u"first_name ← properties.firstname (same value)"_s);

    // A container shows where all of its fields came from.
    clickRow(m_view->unifiedTree(), u"email_addresses"_s);
    QCOMPARE(m_view->highlightedRawPaths(), QStringList{u"properties.email"_s});
}

void TestInspectorUnified::shouldSayWhenTheMappingWasUsed()
{
    m_view->setFieldMapping({{u"owner"_s, u"properties.hubspot_owner_id"_s}});
    showUnified(fixtures::unifiedContactBody());
    clickRow(m_view->unifiedTree(), u"owner.id"_s);
    QCOMPARE(m_view->findChild<QLabel *>(u"provenanceLabel"_s)->text(),
             u"owner.id ← properties.hubspot_owner_id (mapping)"_s);
}

void TestInspectorUnified::shouldHighlightUnifiedFieldsOfAClickedRawField()
{
    showUnified(fixtures::unifiedContactBody());
    clickRow(m_view->rawTree(), u"properties.email"_s);
    QCOMPARE(m_view->highlightedUnifiedPaths(), QStringList{u"email_addresses[0].email"_s});
    const QModelIndex target = m_view->unifiedTree()->jsonModel()->indexForPath(u"email_addresses[0].email"_s);
    QCOMPARE(target.data(Qt::BackgroundRole).value<QColor>(), QColor(0xff, 0xe5, 0x8f));
}

void TestInspectorUnified::shouldListUnmappedRawFieldsAndRevealThem()
{
    showUnified(fixtures::unifiedContactBody());
    QListWidget *list = m_view->unmappedList();
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(1)->text(), u"properties.lifecyclestage"_s);
    QVERIFY(m_view->findChild<QLabel *>(u"unmappedTitle"_s)->text().endsWith(u"(2)"_s));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(1)).center());
    JsonTreeModel *raw = m_view->rawTree()->jsonModel();
    QCOMPARE(raw->path(m_view->rawTree()->currentIndex()), u"properties.lifecyclestage"_s);
    QCOMPARE(m_view->rawTree()->currentIndex().data(Qt::BackgroundRole).value<QColor>(),
             QColor(0xfd, 0xe2, 0xe1));
}

void TestInspectorUnified::shouldCompareWithASeparateRawResponse()
{
    showUnified(fixtures::unifiedContactBody());
    QSignalSpy computed(m_view.get(), &UnifiedRawView::linksComputed);
    m_view->setRawDocument(document(fixtures::rawContactBody()));
    QVERIFY(computed.wait(5000));
    QCOMPARE(m_view->findChild<QLabel *>(u"rawPaneTitle"_s)->text(), u"Raw: separate response"_s);
    clickRow(m_view->unifiedTree(), u"email_addresses[0].email"_s);
    QCOMPARE(m_view->highlightedRawPaths(), QStringList{u"properties.email"_s});
    QCOMPARE(m_view->unmappedList()->count(), 2); // archived, lifecyclestage
}

void TestInspectorUnified::shouldStepThroughTheRecordsOfAList()
{
    showUnified(fixtures::contactListBody(3));
    QCOMPARE(m_view->recordCount(), 3);
    auto *record = m_view->findChild<QSpinBox *>(u"recordSpinBox"_s);
    QVERIFY(record->isVisible());
    QSignalSpy computed(m_view.get(), &UnifiedRawView::linksComputed);
    record->setFocus();
    QTest::keyClick(record, Qt::Key_Up);
    QVERIFY(computed.wait(5000));
    QCOMPARE(m_view->record(), 1);
    JsonTreeModel *unified = m_view->unifiedTree()->jsonModel();
    QCOMPARE(unified->indexForPath(u"id"_s).siblingAtColumn(1).data().toString(), u"\"1\""_s);
    clickRow(m_view->unifiedTree(), u"first_name"_s);
    QCOMPARE(m_view->highlightedRawPaths(), QStringList{u"properties.firstname"_s});
}

void TestInspectorUnified::shouldExplainWhenThereIsNothingToCompare()
{
    m_view->setUnifiedDocument(document(R"({"id":"1","first_name":"A"})"));
    QVERIFY(!m_view->isAvailable());
    QVERIFY(m_view->message().contains(u"no remote_data"_s));
    m_view->setUnifiedDocument(std::make_shared<const BodyDocument>(BodyDocument::analyse("oops", "text/plain")));
    QVERIFY(!m_view->isAvailable());
    QVERIFY(m_view->message().contains(u"needs a JSON response"_s));
}

QTEST_MAIN(TestInspectorUnified)
#include "tst_inspectorunified.moc"
