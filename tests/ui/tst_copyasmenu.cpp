#include "snippets/copyasmenu.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

namespace {

const QString kToken = u"tr_live_9f8e7d6c5b4a3f2e"_s;
const QByteArray kUrl = "https://api.truto.one/unified/crm/contacts/501"
                        "?integrated_account_id=62f44730-dd91-461e-bd6a-aedd9e0ad79d";

SnippetRequest patchRequest()
{
    SnippetRequest request;
    request.request.method = "PATCH";
    request.request.url = QUrl::fromEncoded(kUrl, QUrl::StrictMode);
    // As a caller that forgot to redact would pass it: the menu must still keep it out.
    request.request.headers = {{"Authorization", "Bearer " + kToken.toLatin1()},
                               {"Content-Type", "application/json"}};
    request.request.body = "{\"first_name\":\"Janet\"}";
    request.request.target = {u"contacts"_s, u"501"_s, u"62f44730-dd91-461e-bd6a-aedd9e0ad79d"_s};
    return request;
}

QString clipboardText()
{
    return QGuiApplication::clipboard()->text();
}

} // namespace

class TestCopyAsMenu : public QObject
{
    Q_OBJECT

    SnippetRequest m_request;
    QString m_token;
    int m_confirmations = 0;
    bool m_accept = false;

    std::unique_ptr<CopyAsMenu> makeMenu(bool withTokenSource = true)
    {
        auto menu = std::make_unique<CopyAsMenu>([this] { return m_request; });
        if (withTokenSource)
            menu->setTokenSource([this] { return m_token; });
        menu->setConfirmation([this](const Question &, Answer answered) {
            ++m_confirmations;
            answered(m_accept);
        });
        return menu;
    }

    // Opens the menu and clicks one of its entries with the mouse.
    static void choose(CopyAsMenu &menu, QAction *action)
    {
        if (!menu.isVisible()) {
            menu.popup(QPoint(40, 40));
            QVERIFY(QTest::qWaitForWindowExposed(&menu));
        }
        QVERIFY(action->isVisible());
        QTest::mouseClick(&menu, Qt::LeftButton, {}, menu.actionGeometry(action).center());
    }

private Q_SLOTS:
    void init()
    {
        m_request = patchRequest();
        m_token = kToken;
        m_confirmations = 0;
        m_accept = false;
        QGuiApplication::clipboard()->setText(u"before"_s);
    }

    void shouldCopyCurlWithTheUrlAndWithoutTheToken()
    {
        auto menu = makeMenu();
        QSignalSpy copied(menu.get(), &CopyAsMenu::copied);
        choose(*menu, menu->formAction(SnippetForm::Curl));
        QCOMPARE(copied.size(), 1);
        const QString text = clipboardText();
        QVERIFY2(text.startsWith(u"curl"_s), qPrintable(text));
        QVERIFY(text.contains(QString::fromLatin1(kUrl)));
        QVERIFY(text.contains(SnippetGenerator::placeholderToken()));
        QVERIFY(!text.contains(kToken));
        QCOMPARE(m_confirmations, 0);
    }

    void shouldOfferTheFiveForms()
    {
        auto menu = makeMenu();
        for (SnippetForm form : {SnippetForm::Curl, SnippetForm::JavaScriptFetch, SnippetForm::PythonRequests,
                                 SnippetForm::TrutoTypeScriptSdk, SnippetForm::TrutoPythonSdk}) {
            init();
            choose(*menu, menu->formAction(form));
            QCOMPARE(menu->formAction(form)->text(), toString(form));
            const QString text = clipboardText();
            QVERIFY2(text != u"before"_s, qPrintable(toString(form)));
            QVERIFY2(!text.contains(kToken), qPrintable(toString(form)));
        }
    }

    void shouldIncludeTheTokenOnlyWhenConfirmed()
    {
        auto menu = makeMenu();
        QAction *include = menu->includeTokenAction();
        choose(*menu, include);
        QVERIFY(include->isChecked());
        QVERIFY(menu->isVisible()); // toggling keeps the menu open for the form

        m_accept = false;
        choose(*menu, menu->formAction(SnippetForm::Curl));
        QCOMPARE(m_confirmations, 1);
        QCOMPARE(clipboardText(), u"before"_s);

        m_accept = true;
        choose(*menu, menu->formAction(SnippetForm::Curl));
        QCOMPARE(m_confirmations, 2);
        QVERIFY(clipboardText().contains(u"Bearer "_s + kToken));
    }

    void shouldToggleIncludeTokenFromTheKeyboard()
    {
        auto menu = makeMenu();
        menu->popup(QPoint(40, 40));
        QVERIFY(QTest::qWaitForWindowExposed(menu.get()));
        menu->setActiveAction(menu->includeTokenAction());
        QTest::keyClick(menu.get(), Qt::Key_Space);
        QVERIFY(menu->includeTokenAction()->isChecked());
        QVERIFY(menu->isVisible());
    }

    void shouldNotOfferTheTokenWhenNoneIsHeld()
    {
        auto withoutSource = makeMenu(false);
        QVERIFY(!withoutSource->includeTokenAction()->isVisible());

        m_token.clear();
        auto menu = makeMenu();
        menu->popup(QPoint(40, 40));
        QVERIFY(QTest::qWaitForWindowExposed(menu.get()));
        QVERIFY(!menu->includeTokenAction()->isEnabled());
    }

    void shouldDisableSdkFormsForCallsTheSdksCannotExpress()
    {
        m_request.request.method = "GET";
        m_request.request.url = QUrl(u"https://api.truto.one/integrated-account/62f44730"_s);
        auto menu = makeMenu();
        menu->popup(QPoint(40, 40));
        QVERIFY(QTest::qWaitForWindowExposed(menu.get()));
        QVERIFY(menu->formAction(SnippetForm::Curl)->isEnabled());
        QVERIFY(!menu->formAction(SnippetForm::TrutoTypeScriptSdk)->isEnabled());
        QVERIFY(!menu->formAction(SnippetForm::TrutoPythonSdk)->isEnabled());
        QVERIFY(!menu->formAction(SnippetForm::TrutoPythonSdk)->toolTip().isEmpty());
    }

    void shouldCopyNothingWithoutARequest()
    {
        m_request = SnippetRequest();
        auto menu = makeMenu();
        menu->popup(QPoint(40, 40));
        QVERIFY(QTest::qWaitForWindowExposed(menu.get()));
        QVERIFY(!menu->formAction(SnippetForm::Curl)->isEnabled());
        QSignalSpy failed(menu.get(), &CopyAsMenu::copyFailed);
        menu->copy(SnippetForm::Curl);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(clipboardText(), u"before"_s);
    }
};

QTEST_MAIN(TestCopyAsMenu)
#include "tst_copyasmenu.moc"
