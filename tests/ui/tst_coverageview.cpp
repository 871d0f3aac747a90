// The coverage grid as a solutions person uses it in a demo: pick a resource, search and filter
// fields, read live rules marked as such, export CSV and PNG, click a cell to go to the form.
#include "api/trutoclient.h"
#include "childwidget.h"
#include "coverage/coveragemodel.h"
#include "coverage/coverageview.h"
#include "main/mainwindow.h"
#include "schema/schema.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace crmdesk;
using namespace crmdesk::test;
using namespace Qt::StringLiterals;

namespace {

QStringList shownFields(const QTableView *table)
{
    QStringList fields;
    for (int row = 0; row < table->model()->rowCount(); ++row)
        fields.append(table->model()->headerData(row, Qt::Vertical).toString());
    return fields;
}

int columnOf(const QTableView *table, const QString &provider)
{
    for (int column = 0; column < table->model()->columnCount(); ++column) {
        if (table->model()->headerData(column, Qt::Horizontal).toString() == provider)
            return column;
    }
    return -1;
}

} // namespace

class TestCoverageView : public QObject
{
    Q_OBJECT

    std::unique_ptr<CoverageView> openView()
    {
        auto view = std::make_unique<CoverageView>(Schema::bundled());
        view->resize(1400, 800);
        view->show();
        if (!QTest::qWaitForWindowExposed(view.get()))
            qFatal("coverage view not exposed");
        view->setResource(u"notes"_s);
        return view;
    }

private Q_SLOTS:
    void shouldSearchAndFilterTheFields()
    {
        auto view = openView();
        auto *table = child<QTableView>(*view, u"coverageTable"_s);
        const int all = table->model()->rowCount();
        QVERIFY(all > 5);
        QTest::keyClicks(child<QLineEdit>(*view, u"coverageSearch"_s), u"account"_s);
        QCOMPARE(shownFields(table), (QStringList{u"account"_s, u"account.id"_s}));
        QVERIFY(child<QLabel>(*view, u"coverageSummary"_s)->text().startsWith(u"2 of %1 fields"_s.arg(all)));

        child<QLineEdit>(*view, u"coverageSearch"_s)->clear();
        auto *filter = child<QComboBox>(*view, u"coverageStateFilter"_s);
        filter->setCurrentIndex(filter->findData(u"unsupported"_s));
        QVERIFY(table->model()->rowCount() < all);
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            bool unsupportedSomewhere = false;
            for (int column = 0; column < table->model()->columnCount(); ++column)
                unsupportedSomewhere |= table->model()->index(row, column).data(CoverageModel::StateRole) == u"unsupported"_s;
            QVERIFY2(unsupportedSomewhere, qPrintable(shownFields(table).at(row)));
        }
    }

    void shouldSayWhereEachCellCameFrom()
    {
        auto view = openView();
        auto *table = child<QTableView>(*view, u"coverageTable"_s);
        const int content = int(shownFields(table).indexOf(u"content"_s));
        const int salesforce = columnOf(table, u"Salesforce"_s);
        QCOMPARE(table->model()->index(content, salesforce).data().toString(), u"Unknown"_s);
        QVERIFY(table->model()->index(content, salesforce).data(Qt::ToolTipRole).toString().contains(u"bundled documentation"_s));

        FieldPolicy live(u"notes"_s, u"Salesforce"_s);
        FieldState required;
        required.support = Support::Supported;
        required.required = true;
        required.origin = StateOrigin::LiveAccount;
        live.set(u"content"_s, required);
        view->setLiveRules(live);
        QCOMPARE(table->model()->index(content, salesforce).data().toString(), u"Required (live)"_s);
        QVERIFY(table->model()->index(content, salesforce).data(Qt::ToolTipRole).toString().contains(u"live rules"_s));
        QVERIFY(child<QLabel>(*view, u"coverageSummary"_s)->text().contains(u"Salesforce's from the connected account"_s));
    }

    void shouldExportCsvAndPng()
    {
        auto view = openView();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString error;
        QVERIFY2(view->exportCsv(dir.filePath(u"grid.csv"_s), &error), qPrintable(error));
        QFile csv(dir.filePath(u"grid.csv"_s));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray text = csv.readAll();
        QVERIFY(text.startsWith("field,Affinity,"));
        QVERIFY(text.contains("\r\ncontent,"));

        QVERIFY2(view->exportPng(dir.filePath(u"grid.png"_s), &error), qPrintable(error));
        const QImage image(dir.filePath(u"grid.png"_s));
        QVERIFY(!image.isNull());
        // The whole table, not only what the window shows.
        auto *table = child<QTableView>(*view, u"coverageTable"_s);
        QVERIFY(image.height() >= table->verticalHeader()->length());
    }

    void shouldAskForTheFormWhenACellIsClicked()
    {
        auto view = openView();
        auto *table = child<QTableView>(*view, u"coverageTable"_s);
        QSignalSpy activated(view.get(), &CoverageView::fieldActivated);
        const QModelIndex cell = table->model()->index(int(shownFields(table).indexOf(u"content"_s)),
                                                       columnOf(table, u"HubSpot"_s));
        table->scrollTo(cell);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(cell).center());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first(), (QVariantList{u"notes"_s, u"HubSpot"_s, u"content"_s}));
    }

    void shouldOpenFromTheViewMenuOnTheResourceInUse()
    {
        QNetworkAccessManager network;
        TrutoClient client(&network);
        AppServices services;
        services.client = &client;
        MainWindow window(services);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *resources = child<QComboBox>(window, u"resourceCombo"_s);
        resources->setCurrentIndex(resources->findData(u"leads"_s));
        child<QAction>(window, u"coverageAction"_s)->trigger();
        auto *tabs = child<QTabWidget>(window, u"editorTabs"_s);
        auto *view = qobject_cast<CoverageView *>(tabs->currentWidget());
        QVERIFY(view);
        QCOMPARE(view->resource(), u"leads"_s);
    }
};

QTEST_MAIN(TestCoverageView)
#include "tst_coverageview.moc"
