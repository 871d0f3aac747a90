// The response tree: a lazy JsonTreeModel under a JsonTreeView, driven with real clicks and keys.
#include "inspector/jsontreemodel.h"
#include "inspector/jsontreeview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QScrollBar>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

namespace {

std::shared_ptr<const JsonIndex> indexOf(const QByteArray &json)
{
    auto index = std::make_shared<const JsonIndex>(JsonIndex::build(json));
    Q_ASSERT(index->isValid());
    return index;
}

QByteArray hugeArray(int count)
{
    QByteArray json = R"({"items":[)";
    for (int i = 0; i < count; ++i)
        json += (i ? "," : "") + QByteArray::number(i);
    return json + "]}";
}

const QByteArray contact = R"({"id":"51","name":"Zoë Lindqvist","score":87,"vip":true,"fax":null,
"email_addresses":[{"email":"zoe@example.com","is_primary":true}],"notes":"line one\nline two"})";

} // namespace

class TestInspectorTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void shouldShowKeysValuesAndTypes();
    void shouldPassModelConsistencyChecks();
    void shouldListHugeArraysInBatchesAsTheUserScrolls();
    void shouldReachAnyElementByPath();
    void shouldBrowseFiveThousandNestedLevels();
    void shouldCopyValueAndPathWithShortcuts();
    void shouldCopyPathFromContextMenu();
    void shouldShortenLongStringsButCopyThemWhole();
    void shouldExpandWithTheKeyboard();
    void shouldShowScalarDocumentAsOneRow();

private:
    void show(const QByteArray &json);
    QModelIndex rowOf(const QString &path);
    void clickRow(const QModelIndex &index);

    std::unique_ptr<JsonTreeView> m_view;
    std::unique_ptr<JsonTreeModel> m_model;
};

void TestInspectorTree::init()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_view = std::make_unique<JsonTreeView>();
    m_view->resize(700, 400);
}

void TestInspectorTree::cleanup()
{
    m_view.reset();
    m_model.reset();
}

void TestInspectorTree::show(const QByteArray &json)
{
    m_model = std::make_unique<JsonTreeModel>(indexOf(json));
    m_view->setModel(m_model.get());
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

QModelIndex TestInspectorTree::rowOf(const QString &path)
{
    return m_model->indexForPath(path);
}

void TestInspectorTree::clickRow(const QModelIndex &index)
{
    m_view->scrollTo(index);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->visualRect(index).center());
    QCOMPARE(m_view->currentIndex().siblingAtColumn(0), index.siblingAtColumn(0));
}

void TestInspectorTree::shouldShowKeysValuesAndTypes()
{
    show(contact);
    QCOMPARE(m_model->rowCount(), 7);
    const auto cell = [this](int row, int column) {
        return m_model->index(row, column).data().toString();
    };
    QCOMPARE(cell(0, JsonTreeModel::KeyColumn), u"id"_s);
    QCOMPARE(cell(0, JsonTreeModel::ValueColumn), u"\"51\""_s);
    QCOMPARE(cell(0, JsonTreeModel::TypeColumn), u"string"_s);
    QCOMPARE(cell(1, JsonTreeModel::ValueColumn), u"\"Zoë Lindqvist\""_s);
    QCOMPARE(cell(2, JsonTreeModel::ValueColumn), u"87"_s);
    QCOMPARE(cell(2, JsonTreeModel::TypeColumn), u"number"_s);
    QCOMPARE(cell(3, JsonTreeModel::TypeColumn), u"boolean"_s);
    QCOMPARE(cell(4, JsonTreeModel::TypeColumn), u"null"_s);
    QCOMPARE(cell(5, JsonTreeModel::ValueColumn), u"[…] 1 item"_s);
    QCOMPARE(cell(5, JsonTreeModel::TypeColumn), u"array"_s);
    QVERIFY(m_model->hasChildren(m_model->index(5, 0)));
    QVERIFY(!m_model->hasChildren(m_model->index(0, 0)));
    // Newlines in a value stay on one row.
    QVERIFY(cell(6, JsonTreeModel::ValueColumn).contains(u"line one⏎line two"_s));
}

void TestInspectorTree::shouldPassModelConsistencyChecks()
{
    m_model = std::make_unique<JsonTreeModel>(indexOf(contact + QByteArray()));
    QAbstractItemModelTester tester(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->fetchMore(m_model->index(5, 0));
    m_model->indexForPath(u"email_addresses[0].email"_s);
}

void TestInspectorTree::shouldListHugeArraysInBatchesAsTheUserScrolls()
{
    show(hugeArray(100000));
    const QModelIndex items = m_model->index(0, 0);
    QCOMPARE(m_model->childCount(items), 100000);
    QCOMPARE(m_model->data(items.siblingAtColumn(1)).toString(), u"[…] 100,000 items"_s);
    QCOMPARE(m_model->rowCount(items), 0); // nothing listed before it is opened

    clickRow(items);
    QTest::keyClick(m_view->viewport(), Qt::Key_Right); // expand
    QTRY_VERIFY(m_view->isExpanded(items));
    QCOMPARE(m_model->rowCount(items), JsonTreeModel::BatchSize);
    QVERIFY(m_model->hasMore(items));
    QVERIFY(!m_model->canFetchMore(items)); // the view's own layout passes list no more

    // Scrolling to the end of what is listed lists the next batch.
    m_view->setFocus();
    QTest::keyClick(m_view.get(), Qt::Key_End);
    QTRY_VERIFY(m_model->rowCount(items) > JsonTreeModel::BatchSize);
    QVERIFY(m_model->rowCount(items) < 100000);
    QCOMPARE(m_model->index(1500, 1, items).data().toString(), u"1500"_s);
}

void TestInspectorTree::shouldReachAnyElementByPath()
{
    show(hugeArray(100000));
    const QModelIndex last = rowOf(u"items[99999]"_s);
    QVERIFY(last.isValid());
    QCOMPARE(last.siblingAtColumn(1).data().toString(), u"99999"_s);
    QCOMPARE(m_model->path(last), u"items[99999]"_s);
    m_view->reveal(last);
    QVERIFY(m_view->isExpanded(last.parent()));
    QCOMPARE(m_view->currentIndex().row(), 99999);
    QVERIFY(!rowOf(u"items[100000]"_s).isValid());
    QVERIFY(!rowOf(u"nothing.here"_s).isValid());
}

void TestInspectorTree::shouldBrowseFiveThousandNestedLevels()
{
    show(QByteArray(5000, '[') + "\"bottom\"" + QByteArray(5000, ']'));
    QString path;
    for (int i = 0; i < 4999; ++i)
        path += u"[0]"_s;
    const QModelIndex deepest = rowOf(path + u"[0]"_s);
    QVERIFY(deepest.isValid());
    QCOMPARE(deepest.siblingAtColumn(1).data().toString(), u"\"bottom\""_s);
    m_view->reveal(deepest);
    QCOMPARE(m_view->currentIndex().siblingAtColumn(0), deepest.siblingAtColumn(0));
    // Copying the path of the deepest row gives it back in full.
    m_view->setFocus();
    QTest::keyClick(m_view.get(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(QApplication::clipboard()->text(), path + u"[0]"_s);
}

void TestInspectorTree::shouldCopyValueAndPathWithShortcuts()
{
    show(contact);
    const QModelIndex email = rowOf(u"email_addresses[0].email"_s);
    m_view->reveal(email);
    clickRow(email);
    QTest::keyClick(m_view.get(), Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), u"zoe@example.com"_s);
    QTest::keyClick(m_view.get(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(QApplication::clipboard()->text(), u"email_addresses[0].email"_s);

    // A container copies as the JSON text it arrived as.
    clickRow(rowOf(u"email_addresses"_s));
    QTest::keyClick(m_view.get(), Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), uR"([{"email":"zoe@example.com","is_primary":true}])"_s);
}

void TestInspectorTree::shouldCopyPathFromContextMenu()
{
    show(contact);
    const QModelIndex score = rowOf(u"score"_s);
    const QPoint at = m_view->visualRect(score).center();
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, m_view->viewport()->mapToGlobal(at));
    QApplication::sendEvent(m_view->viewport(), &event);
    QMenu *menu = m_view->contextMenu();
    QTRY_VERIFY(menu->isVisible());
    QAction *copyPath = nullptr;
    for (QAction *action : menu->actions()) {
        if (action->objectName() == u"copyPathAction"_s)
            copyPath = action;
    }
    QVERIFY(copyPath);
    QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(copyPath).center());
    QTRY_VERIFY(!menu->isVisible());
    QCOMPARE(QApplication::clipboard()->text(), u"score"_s);
}

void TestInspectorTree::shouldShortenLongStringsButCopyThemWhole()
{
    const QByteArray big(100000, 'x');
    show("{\"blob\":\"" + big + "\"}");
    const QModelIndex blob = rowOf(u"blob"_s);
    const QString shown = blob.siblingAtColumn(1).data().toString();
    QVERIFY(shown.size() < 3000);
    QVERIFY(shown.contains(u"100002 bytes"_s));
    clickRow(blob);
    QTest::keyClick(m_view.get(), Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QString::fromLatin1(big));
}

void TestInspectorTree::shouldExpandWithTheKeyboard()
{
    show(contact);
    const QModelIndex emails = rowOf(u"email_addresses"_s);
    clickRow(emails);
    QVERIFY(!m_view->isExpanded(emails));
    QTest::keyClick(m_view->viewport(), Qt::Key_Right);
    QVERIFY(m_view->isExpanded(emails));
    QCOMPARE(m_model->rowCount(emails), 1);
    QTest::keyClick(m_view->viewport(), Qt::Key_Left);
    QVERIFY(!m_view->isExpanded(emails));
}

void TestInspectorTree::shouldShowScalarDocumentAsOneRow()
{
    show("42");
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0, 1).data().toString(), u"42"_s);
    QCOMPARE(m_model->index(0, 2).data().toString(), u"number"_s);
}

QTEST_MAIN(TestInspectorTree)
#include "tst_inspectortree.moc"
