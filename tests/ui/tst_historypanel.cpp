#include "childwidget.h"
#include "history/historypanel.h"
#include "history/historytablemodel.h"
#include "snippets/copyasmenu.h"
#include "history/historyservice.h"
#include "history/historystore.h"
#include "historyfixtures.h"

#include <QAbstractItemModel>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QAbstractButton>
#include <QToolButton>

#include <memory>

using namespace crmdesk;
using crmdesk::test::child;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kAccountQuery = "?integrated_account_id=62f44730-dd91-461e-bd6a-aedd9e0ad79d";

HistoryEntry entry(const QByteArray &method, const QString &resource, const QString &recordId,
                   int status, const QByteArray &requestBody, const QByteArray &responseBody,
                   const QString &error = {})
{
    HistoryEntry e = test::historyEntry(
        method, {resource, recordId, QString::fromLatin1(test::kFixtureAccount)}, status,
        requestBody, responseBody, error);
    e.durationMs = 120;
    e.responseHeaders = {{"content-type", "application/json"}};
    return e;
}

const QByteArray kNotesError = "{\"statusCode\":422,\"error\":\"Unprocessable Entity\","
                               "\"message\":\"content is required\"}";


} // namespace

class TestHistoryPanel : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HistoryStore> m_store;     // seeds and checks the file, as another reader
    std::unique_ptr<HistoryService> m_history; // what the panel uses
    QList<qint64> m_ids; // in the order appended: oldest first
    bool m_accept = false;
    int m_confirmations = 0;

    std::unique_ptr<HistoryPanel> openPanel()
    {
        auto panel = std::make_unique<HistoryPanel>(m_history.get());
        QSignalSpy shown(panel.get(), &HistoryPanel::rowsShown);
        panel->setConfirmation([this](const Question &, Answer answered) {
            ++m_confirmations;
            answered(m_accept);
        });
        panel->resize(1000, 400);
        panel->show();
        if (!QTest::qWaitForWindowExposed(panel.get()))
            qFatal("panel not exposed");
        if (shown.isEmpty() && !shown.wait(5000))
            qFatal("the panel never showed its rows");
        return panel;
    }

    static QTableView *table(HistoryPanel &panel) { return child<QTableView>(panel, u"historyTable"_s); }

    static QString cell(HistoryPanel &panel, int row, int column)
    {
        return table(panel)->model()->index(row, column).data().toString();
    }

    static QStringList column(HistoryPanel &panel, int column)
    {
        QStringList values;
        for (int row = 0; row < table(panel)->model()->rowCount(); ++row)
            values.append(cell(panel, row, column));
        return values;
    }

    // Clicks a row; with Ctrl it is added to the selection.
    static void clickRow(HistoryPanel &panel, int row, Qt::KeyboardModifiers modifiers = {})
    {
        QTableView *view = table(panel);
        const QRect rect = view->visualRect(view->model()->index(row, HistoryTableModel::ResourceColumn));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers, rect.center());
    }

    static void search(HistoryPanel &panel, const QString &text)
    {
        auto *box = child<QLineEdit>(panel, u"historySearch"_s);
        box->setFocus();
        QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(box, Qt::Key_Backspace);
        QTest::keyClicks(box, text);
        QSignalSpy shown(&panel, &HistoryPanel::rowsShown);
        QTest::keyClick(box, Qt::Key_Return);
        if (!shown.wait(5000))
            qFatal("the search never answered");
    }

    static void click(HistoryPanel &panel, const QString &button)
    {
        auto *widget = child<QToolButton>(panel, button);
        QVERIFY2(widget->isEnabled(), qPrintable(button));
        QTest::mouseClick(widget, Qt::LeftButton);
    }

    static bool enabled(HistoryPanel &panel, const QString &button)
    {
        return child<QAbstractButton>(panel, button)->isEnabled();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<HistoryStore>(m_dir->filePath(u"history.sqlite"_s));
        QVERIFY(m_store->open());
        m_ids.clear();
        m_accept = false;
        m_confirmations = 0;
        const QList<HistoryEntry> entries = {
            entry("GET", u"contacts"_s, u"501"_s, 200, {}, "{\"id\":\"501\",\"first_name\":\"Ada\"}"),
            entry("PATCH", u"contacts"_s, u"501"_s, 200, "{\"first_name\":\"Janet\"}",
                  "{\"id\":\"501\",\"first_name\":\"Janet\"}"),
            entry("PATCH", u"notes"_s, u"77"_s, 422, "{\"content\":\"\"}", kNotesError,
                  u"Server replied \"422 Unprocessable Entity\""_s),
            entry("GET", u"leads"_s, u"9"_s, 0, {}, {}, u"Timed out after 30 s without data"_s),
        };
        for (const HistoryEntry &e : entries) {
            const auto id = m_store->append(e);
            QVERIFY(id.has_value());
            m_ids.append(*id);
        }
        m_history = std::make_unique<HistoryService>(m_dir->filePath(u"history.sqlite"_s));
        QSignalSpy opened(m_history.get(), &HistoryService::opened);
        m_history->open(this, {});
        QVERIFY(opened.wait(5000));
        QVERIFY(m_history->isOpen());
    }

    void cleanup()
    {
        m_history.reset();
        m_store.reset();
        m_dir.reset();
    }

    void shouldListRequestsNewestFirst()
    {
        auto panel = openPanel();
        QCOMPARE(column(*panel, HistoryTableModel::ResourceColumn),
                 (QStringList{u"leads"_s, u"notes"_s, u"contacts"_s, u"contacts"_s}));
        QCOMPARE(column(*panel, HistoryTableModel::MethodColumn),
                 (QStringList{u"GET"_s, u"PATCH"_s, u"PATCH"_s, u"GET"_s}));
        QCOMPARE(column(*panel, HistoryTableModel::StatusColumn),
                 (QStringList{u"no answer"_s, u"422"_s, u"200"_s, u"200"_s}));
        QCOMPARE(cell(*panel, 1, HistoryTableModel::RecordIdColumn), u"77"_s);
        QCOMPARE(cell(*panel, 1, HistoryTableModel::DurationColumn), u"120 ms"_s);
        QVERIFY(cell(*panel, 1, HistoryTableModel::UrlColumn).startsWith(u"https://api.truto.one/unified/crm/notes/77"_s));
        QCOMPARE(child<QLabel>(*panel, u"historyStatus"_s)->text(), u"Showing 4 of 4 requests"_s);
    }

    void shouldFilterRowsWithTheSearchBox()
    {
        auto panel = openPanel();
        search(*panel, u"notes"_s);
        QCOMPARE(column(*panel, HistoryTableModel::ResourceColumn), QStringList{u"notes"_s});

        search(*panel, u"Janet"_s); // found in the bodies
        QCOMPARE(column(*panel, HistoryTableModel::MethodColumn), QStringList{u"PATCH"_s});
        QCOMPARE(column(*panel, HistoryTableModel::ResourceColumn), QStringList{u"contacts"_s});

        search(*panel, u"nothing-like-this"_s);
        QCOMPARE(table(*panel)->model()->rowCount(), 0);
        QVERIFY(child<QLabel>(*panel, u"historyStatus"_s)->text().contains(u"No request matches"_s));

        // Typing alone searches too, after a short pause.
        auto *box = child<QLineEdit>(*panel, u"historySearch"_s);
        QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(box, Qt::Key_Backspace);
        QTRY_COMPARE(table(*panel)->model()->rowCount(), 4);
    }

    void shouldOpenTheSelectedRequestWithItsStatusAndBody()
    {
        auto panel = openPanel();
        QSignalSpy opened(panel.get(), &HistoryPanel::openRequested);
        QVERIFY(!enabled(*panel, u"openButton"_s));
        clickRow(*panel, 1); // notes, 422
        click(*panel, u"openButton"_s);
        QTRY_COMPARE(opened.size(), 1);
        const auto result = opened.first().first().value<ApiResult>();
        QCOMPARE(result.httpStatus, 422);
        QCOMPARE(result.body, kNotesError);
        QCOMPARE(result.request.method, QByteArray("PATCH"));
        QCOMPARE(result.request.body, QByteArray("{\"content\":\"\"}"));
        QVERIFY(!result.ok());
        QCOMPARE(result.trutoError->message, u"content is required"_s);

        // Enter on a row opens it too.
        clickRow(*panel, 2);
        QTest::keyClick(table(*panel), Qt::Key_Return);
        QTRY_COMPARE(opened.size(), 2);
        QCOMPARE(opened.last().first().value<ApiResult>().body,
                 QByteArray("{\"id\":\"501\",\"first_name\":\"Janet\"}"));
    }

    void shouldResendOnlyPatchRequests()
    {
        auto panel = openPanel();
        QSignalSpy resend(panel.get(), &HistoryPanel::resendRequested);
        clickRow(*panel, 0); // GET leads
        QVERIFY(!enabled(*panel, u"resendButton"_s));
        clickRow(*panel, 3); // GET contacts
        QVERIFY(!enabled(*panel, u"resendButton"_s));
        clickRow(*panel, 2); // PATCH contacts
        QVERIFY(enabled(*panel, u"resendButton"_s));
        click(*panel, u"resendButton"_s);
        QTRY_COMPARE(resend.size(), 1);
        const auto sent = resend.first().first().value<HistoryEntry>();
        QCOMPARE(sent.id, m_ids.at(1));
        QCOMPARE(sent.method, QByteArray("PATCH"));
        QCOMPARE(sent.requestBody, QByteArray("{\"first_name\":\"Janet\"}"));
        clickRow(*panel, 1, Qt::ControlModifier); // two rows: not one request to resend
        QVERIFY(!enabled(*panel, u"resendButton"_s));
    }

    void shouldCompareExactlyTwoRowsOlderFirst()
    {
        auto panel = openPanel();
        QSignalSpy compared(panel.get(), &HistoryPanel::compareRequested);
        clickRow(*panel, 0);
        QVERIFY(!enabled(*panel, u"compareButton"_s));
        clickRow(*panel, 3, Qt::ControlModifier);
        QVERIFY(enabled(*panel, u"compareButton"_s));
        clickRow(*panel, 2, Qt::ControlModifier);
        QVERIFY(!enabled(*panel, u"compareButton"_s)); // three rows
        clickRow(*panel, 2, Qt::ControlModifier);
        click(*panel, u"compareButton"_s);
        QTRY_COMPARE(compared.size(), 1);
        const auto older = compared.first().at(0).value<ApiResult>();
        const auto newer = compared.first().at(1).value<ApiResult>();
        QCOMPARE(older.body, QByteArray("{\"id\":\"501\",\"first_name\":\"Ada\"}")); // the first GET
        QCOMPARE(newer.httpStatus, 0); // the timed-out GET, sent last
        QCOMPARE(newer.errorString, u"Timed out after 30 s without data"_s);
    }

    void shouldDeleteTheSelectedRows()
    {
        auto panel = openPanel();
        clickRow(*panel, 1); // notes
        click(*panel, u"deleteButton"_s);
        QTRY_COMPARE(column(*panel, HistoryTableModel::ResourceColumn),
                     (QStringList{u"leads"_s, u"contacts"_s, u"contacts"_s}));
        QVERIFY(!m_store->fetch(m_ids.at(2)).has_value());
        QCOMPARE(m_store->count(), 3);

        // The Delete key removes the row that took its place.
        QTRY_COMPARE(table(*panel)->selectionModel()->selectedRows().size(), 1);
        table(*panel)->setFocus();
        QTest::keyClick(table(*panel), Qt::Key_Delete);
        QTRY_COMPARE(column(*panel, HistoryTableModel::ResourceColumn), (QStringList{u"leads"_s, u"contacts"_s}));
        QCOMPARE(m_store->count(), 2);
    }

    void shouldClearHistoryOnlyAfterConfirmation()
    {
        auto panel = openPanel();
        m_accept = false;
        click(*panel, u"clearButton"_s);
        QTRY_COMPARE(m_confirmations, 1);
        QCOMPARE(m_store->count(), 4);
        QCOMPARE(table(*panel)->model()->rowCount(), 4);

        m_accept = true;
        click(*panel, u"clearButton"_s);
        QTRY_COMPARE(table(*panel)->model()->rowCount(), 0);
        QCOMPARE(m_store->count(), 0);
        QVERIFY(!enabled(*panel, u"clearButton"_s));
    }

    void shouldShowARequestSentWhileOpenAtTheTop()
    {
        auto panel = openPanel();
        clickRow(*panel, 2);
        const QList<qint64> selected = panel->selectedIds();
        m_history->append(entry("PATCH", u"opportunities"_s, u"3"_s, 200, "{}", "{}"));
        QTRY_COMPARE(table(*panel)->model()->rowCount(), 5);
        QCOMPARE(cell(*panel, 0, HistoryTableModel::ResourceColumn), u"opportunities"_s);
        QCOMPARE(panel->selectedIds(), selected); // the user's selection stays on its request
    }

    void shouldLoadMoreRowsPageByPage()
    {
        auto panel = openPanel();
        panel->setPageSize(3);
        search(*panel, QString()); // a new search starts at its first page
        auto *more = child<QPushButton>(*panel, u"loadMoreButton"_s);
        QCOMPARE(table(*panel)->model()->rowCount(), 3);
        QCOMPARE(child<QLabel>(*panel, u"historyStatus"_s)->text(), u"Showing 3 of 4 requests"_s);
        QVERIFY(more->isEnabled());
        QTest::mouseClick(more, Qt::LeftButton);
        QTRY_COMPARE(column(*panel, HistoryTableModel::ResourceColumn),
                     (QStringList{u"leads"_s, u"notes"_s, u"contacts"_s, u"contacts"_s}));
        QVERIFY(!more->isEnabled());
    }

    void shouldCopyTheSelectedRequestAsCurlWithoutAToken()
    {
        auto panel = openPanel();
        QVERIFY(!enabled(*panel, u"copyAsButton"_s));
        clickRow(*panel, 2); // PATCH contacts/501
        QTRY_VERIFY(enabled(*panel, u"copyAsButton"_s)); // once the request has been read
        QGuiApplication::clipboard()->setText(u"before"_s);
        auto *menu = child<CopyAsMenu>(*panel, u"copyAsMenu"_s);
        menu->popup(QPoint(40, 40));
        QVERIFY(QTest::qWaitForWindowExposed(menu));
        QAction *curl = menu->formAction(SnippetForm::Curl);
        QVERIFY(curl->isEnabled());
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(curl).center());
        const QString text = QGuiApplication::clipboard()->text();
        QVERIFY2(text.startsWith(u"curl"_s), qPrintable(text));
        QVERIFY(text.contains(u"https://api.truto.one/unified/crm/contacts/501"_s + QString::fromLatin1(kAccountQuery)));
        QVERIFY(text.contains(u"PATCH"_s));
        QVERIFY(text.contains(SnippetGenerator::placeholderToken()));
        QVERIFY(!menu->includeTokenAction()->isVisible()); // history holds no token to include
    }
};

QTEST_MAIN(TestHistoryPanel)
#include "tst_historypanel.moc"
