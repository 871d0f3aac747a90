#include "childwidget.h"
#include "connections/connectionsdialog.h"
#include "settings/appsettings.h"
#include "secrets/inmemorysecretstore.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <algorithm>
#include <memory>

using namespace crmdesk;
using crmdesk::test::child;
using namespace Qt::StringLiterals;

namespace {

const QString kToken = u"tr_live_9f8e7d6c5b4a3f2e"_s;

// A secret store whose answers wait until the test releases them, to see the dialog while a
// keychain call is still running (a real keychain may sit behind an unlock prompt).
class HeldSecretStore final : public SecretStore
{
public:
    QHash<QString, QString> tokens;
    bool persistent = true;

    void readToken(const QString &id, const QObject *context, SecretCallback done) override
    {
        hold(context, std::move(done), [this, id] {
            const auto it = tokens.constFind(id);
            return it == tokens.cend() ? SecretResult{SecretResult::Status::NotFound, {}, {}}
                                       : SecretResult{SecretResult::Status::Ok, it.value(), {}};
        });
    }
    void writeToken(const QString &id, const QString &token, const QObject *context,
                    SecretCallback done) override
    {
        hold(context, std::move(done), [this, id, token] {
            tokens.insert(id, token);
            return SecretResult{SecretResult::Status::Ok, {}, {}};
        });
    }
    void deleteToken(const QString &id, const QObject *context, SecretCallback done) override
    {
        hold(context, std::move(done), [this, id] {
            tokens.remove(id);
            return SecretResult{SecretResult::Status::Ok, {}, {}};
        });
    }
    bool isPersistent() const override { return persistent; }
    QString persistenceMessage() const override
    {
        return persistent ? QString() : u"Tokens last until CRM Desk quits"_s;
    }

    int pendingCount() const { return int(m_pending.size()); }
    int delivered = 0;
    // Answers in the order asked, or the last question first.
    void releaseAll(bool reversed = false)
    {
        auto pending = std::move(m_pending);
        m_pending.clear();
        if (reversed)
            std::reverse(pending.begin(), pending.end());
        for (const auto &run : pending)
            run();
    }
    void becomeSessionOnly()
    {
        persistent = false;
        emit persistenceChanged(false, persistenceMessage());
    }

private:
    void hold(const QObject *context, SecretCallback done, std::function<SecretResult()> operation)
    {
        SecretCallback counted = [this, done = std::move(done)](const SecretResult &result) {
            ++delivered;
            done(result);
        };
        m_pending.append([context = QPointer<const QObject>(context), counted = std::move(counted),
                          operation = std::move(operation)] {
            const SecretResult result = operation();
            if (context)
                deliver(context, counted, result);
        });
    }

    QList<std::function<void()>> m_pending;
};


void retype(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

void click(QAbstractButton *button)
{
    QVERIFY2(button->isEnabled(), qPrintable(button->objectName()));
    QTest::mouseClick(button, Qt::LeftButton);
}

void clickRow(QListWidget *list, int row)
{
    QListWidgetItem *item = list->item(row);
    QVERIFY(item);
    list->scrollToItem(item);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(item).center());
}

// Pre-answers every confirmation and remembers the questions.
struct Answers
{
    bool accept = true;
    QStringList asked;
    Confirmation confirmation()
    {
        return [this](const Question &question, Answer answered) {
            asked.append(question.text);
            answered(accept);
        };
    }
};

} // namespace

class TestConnectionsDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<InMemorySecretStore> m_secrets;
    Answers m_answers;

    QString iniPath() const { return m_dir->filePath(u"crmdesk.ini"_s); }

    std::unique_ptr<ConnectionsDialog> openDialog(SecretStore *secrets = nullptr)
    {
        auto dialog = std::make_unique<ConnectionsDialog>(m_settings.get(),
                                                          secrets ? secrets : m_secrets.get());
        dialog->setConfirmation(m_answers.confirmation());
        dialog->show();
        if (!QTest::qWaitForWindowExposed(dialog.get()))
            qFatal("dialog not exposed");
        return dialog;
    }

    // Fills the editor of a new profile through the keyboard and saves it.
    QString createProfile(ConnectionsDialog &dialog, const QString &name, const QString &url,
                          const QString &token)
    {
        QSignalSpy saved(&dialog, &ConnectionsDialog::profileSaved);
        QTest::mouseClick(child<QPushButton>(dialog, u"newProfileButton"_s), Qt::LeftButton);
        retype(child<QLineEdit>(dialog, u"nameEdit"_s), name);
        retype(child<QLineEdit>(dialog, u"baseUrlEdit"_s), url);
        retype(child<QLineEdit>(dialog, u"tokenEdit"_s), token);
        QTest::mouseClick(child<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return !saved.isEmpty(); }))
            return {};
        return saved.first().first().toString();
    }

    QString storedToken(const QString &profileId)
    {
        QString token;
        bool answered = false;
        QObject context;
        m_secrets->readToken(profileId, &context, [&](const SecretResult &result) {
            token = result.token;
            answered = true;
        });
        if (!QTest::qWaitFor([&] { return answered; }))
            qFatal("secret store did not answer");
        return token;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_qsettings = std::make_unique<QSettings>(iniPath(), QSettings::IniFormat);
        m_settings = std::make_unique<AppSettings>(m_qsettings.get());
        m_secrets = std::make_unique<InMemorySecretStore>();
        m_answers = Answers();
    }

    void cleanup()
    {
        m_settings.reset();
        m_qsettings.reset();
        m_secrets.reset();
        m_dir.reset();
    }

    void shouldOfferTheEmbeddedSandboxAsAFixedFirstEntry()
    {
        auto dialog = openDialog();
        auto *list = child<QListWidget>(*dialog, u"profileList"_s);
        QCOMPARE(list->count(), 1);
        QVERIFY(list->item(0)->text().startsWith(u"Embedded sandbox"_s));
        QVERIFY(list->item(0)->data(Qt::AccessibleTextRole).toString().contains(u"in use"_s)); // nothing selected: the sandbox is used
        QVERIFY(dialog->isSandboxShown());
        QCOMPARE(child<QStackedWidget>(*dialog, u"profilePages"_s)->currentWidget()->objectName(),
                 u"sandboxPage"_s);
        QVERIFY(!child<QPushButton>(*dialog, u"deleteProfileButton"_s)->isEnabled());
        QVERIFY(!child<QLineEdit>(*dialog, u"nameEdit"_s)->isVisible());
        QVERIFY(child<QPushButton>(*dialog, u"useButton"_s)->isEnabled());
    }

    void shouldSaveANewProfileAndPutItsTokenOnlyInTheSecretStore()
    {
        auto dialog = openDialog();
        const QString id = createProfile(*dialog, u"Acme production"_s, u"https://api.truto.one"_s, kToken);
        QVERIFY(!id.isEmpty());

        const auto profile = m_settings->profile(id);
        QVERIFY(profile.has_value());
        QCOMPARE(profile->name, u"Acme production"_s);
        QCOMPARE(profile->baseUrl, QUrl(u"https://api.truto.one"_s));
        QCOMPARE(storedToken(id), kToken);
        QVERIFY(!dialog->isModified());
        auto *list = child<QListWidget>(*dialog, u"profileList"_s);
        QCOMPARE(list->count(), 2);
        QVERIFY(list->currentItem()->text().startsWith(u"Acme production"_s));
        QVERIFY(child<QLabel>(*dialog, u"statusLabel"_s)->text().contains(u"Saved"_s));
    }

    void shouldRefusePlainHttpToAnotherComputerAndAcceptItForLoopback()
    {
        auto dialog = openDialog();
        QTest::mouseClick(child<QPushButton>(*dialog, u"newProfileButton"_s), Qt::LeftButton);
        auto *url = child<QLineEdit>(*dialog, u"baseUrlEdit"_s);
        auto *error = child<QLabel>(*dialog, u"baseUrlError"_s);
        auto *save = child<QPushButton>(*dialog, u"saveButton"_s);
        QVERIFY(save->isEnabled()); // the default https://api.truto.one is fine

        retype(url, u"http://example.com"_s);
        QVERIFY(error->isVisible());
        QCOMPARE(error->text(), ConnectionProfile::baseUrlError(QUrl(u"http://example.com"_s)));
        QVERIFY(error->text().contains(u"https://"_s));
        QVERIFY(!save->isEnabled());

        retype(url, u"http://127.0.0.1:8080"_s);
        QVERIFY(!error->isVisible());
        QVERIFY(save->isEnabled());
        QSignalSpy saved(dialog.get(), &ConnectionsDialog::profileSaved);
        click(save);
        QTRY_COMPARE(saved.size(), 1);
        QCOMPARE(m_settings->profile(saved.first().first().toString())->baseUrl,
                 QUrl(u"http://127.0.0.1:8080"_s));
    }

    void shouldRequireANameBeforeSaving()
    {
        auto dialog = openDialog();
        QTest::mouseClick(child<QPushButton>(*dialog, u"newProfileButton"_s), Qt::LeftButton);
        retype(child<QLineEdit>(*dialog, u"nameEdit"_s), QString());
        QVERIFY(child<QLabel>(*dialog, u"nameError"_s)->isVisible());
        QVERIFY(!child<QPushButton>(*dialog, u"saveButton"_s)->isEnabled());
    }

    void shouldShowASavedProfileWithItsTokenMaskedWhenReopened()
    {
        QString id;
        {
            auto first = openDialog();
            id = createProfile(*first, u"Acme staging"_s, u"https://staging.truto.one"_s, kToken);
            QVERIFY(!id.isEmpty());
        }
        auto dialog = openDialog();
        auto *list = child<QListWidget>(*dialog, u"profileList"_s);
        QCOMPARE(list->count(), 2);
        QVERIFY(dialog->isSandboxShown());
        clickRow(list, 1);
        QCOMPARE(dialog->currentProfileId(), id);
        QCOMPARE(child<QLineEdit>(*dialog, u"nameEdit"_s)->text(), u"Acme staging"_s);
        QCOMPARE(child<QLineEdit>(*dialog, u"baseUrlEdit"_s)->text(), u"https://staging.truto.one"_s);
        auto *token = child<QLineEdit>(*dialog, u"tokenEdit"_s);
        QTRY_COMPARE(token->text(), kToken);
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        QVERIFY(!dialog->isModified()); // reading the token is not an edit
    }

    void shouldRevealTheTokenOnlyWhileShowIsOn()
    {
        auto dialog = openDialog();
        QTest::mouseClick(child<QPushButton>(*dialog, u"newProfileButton"_s), Qt::LeftButton);
        auto *token = child<QLineEdit>(*dialog, u"tokenEdit"_s);
        auto *show = child<QToolButton>(*dialog, u"showTokenButton"_s);
        retype(token, kToken);
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        click(show);
        QCOMPARE(token->echoMode(), QLineEdit::Normal);
        QCOMPARE(show->text(), u"Hide"_s);
        click(show);
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        QCOMPARE(show->text(), u"Show"_s);
    }

    void shouldHideARevealedTokenWhenAnotherProfileIsShown()
    {
        auto dialog = openDialog();
        const QString id = createProfile(*dialog, u"Acme"_s, u"https://api.truto.one"_s, kToken);
        QVERIFY(!id.isEmpty());
        click(child<QToolButton>(*dialog, u"showTokenButton"_s));
        auto *list = child<QListWidget>(*dialog, u"profileList"_s);
        clickRow(list, 0);
        clickRow(list, 1);
        QCOMPARE(child<QLineEdit>(*dialog, u"tokenEdit"_s)->echoMode(), QLineEdit::Password);
    }

    void shouldNeverWriteTheTokenToTheSettingsFile()
    {
        auto dialog = openDialog();
        const QString id = createProfile(*dialog, u"Acme production"_s, u"https://api.truto.one"_s, kToken);
        QVERIFY(!id.isEmpty());
        m_qsettings->sync();
        QFile file(iniPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.contains("Acme production")); // the profile itself is there
        QVERIFY(bytes.contains(id.toUtf8()));
        QVERIFY(!bytes.contains(kToken.toUtf8()));
        QVERIFY(!bytes.contains("9f8e7d6c5b4a3f2e"));
    }

    void shouldDeleteTheProfileAndItsTokenAfterConfirmation()
    {
        auto dialog = openDialog();
        const QString id = createProfile(*dialog, u"Old account"_s, u"https://api.truto.one"_s, kToken);
        QVERIFY(!id.isEmpty());
        auto *remove = child<QPushButton>(*dialog, u"deleteProfileButton"_s);

        m_answers.accept = false;
        click(remove);
        QCOMPARE(m_answers.asked.size(), 1);
        QVERIFY(m_answers.asked.first().contains(u"Old account"_s));
        QVERIFY(m_settings->profile(id).has_value());

        m_answers.accept = true;
        QSignalSpy deleted(dialog.get(), &ConnectionsDialog::profileDeleted);
        click(remove);
        QVERIFY(deleted.wait(2000));
        QVERIFY(!m_settings->profile(id).has_value());
        QVERIFY(!m_secrets->contains(id));
        QCOMPARE(child<QListWidget>(*dialog, u"profileList"_s)->count(), 1);
        QVERIFY(dialog->isSandboxShown());
    }

    void shouldUseTheChosenProfileAndRememberIt()
    {
        auto dialog = openDialog();
        const QString id = createProfile(*dialog, u"Acme"_s, u"https://api.truto.one"_s, kToken);
        QVERIFY(!id.isEmpty());
        QSignalSpy chosen(dialog.get(), &ConnectionsDialog::connectionChosen);
        click(child<QPushButton>(*dialog, u"useButton"_s));
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.first().first().toString(), id);
        QCOMPARE(m_settings->selectedProfileId(), id);
        QCOMPARE(dialog->result(), int(QDialog::Accepted));

        // Reopened, the dialog starts on the profile in use and marks it.
        auto again = openDialog();
        QCOMPARE(again->currentProfileId(), id);
        QVERIFY(child<QListWidget>(*again, u"profileList"_s)->item(1)->data(Qt::AccessibleTextRole).toString().contains(u"in use"_s));
    }

    void shouldChooseTheEmbeddedSandboxWithAnEmptyId()
    {
        auto dialog = openDialog();
        const QString id = createProfile(*dialog, u"Acme"_s, u"https://api.truto.one"_s, kToken);
        m_settings->setSelectedProfileId(id);
        auto again = openDialog();
        QSignalSpy chosen(again.get(), &ConnectionsDialog::connectionChosen);
        clickRow(child<QListWidget>(*again, u"profileList"_s), 0);
        click(child<QPushButton>(*again, u"useButton"_s));
        QCOMPARE(chosen.size(), 1);
        QVERIFY(chosen.first().first().toString().isEmpty());
        QVERIFY(m_settings->selectedProfileId().isEmpty());
    }

    void shouldNotUseAProfileWithUnsavedEdits()
    {
        auto dialog = openDialog();
        QVERIFY(!createProfile(*dialog, u"Acme"_s, u"https://api.truto.one"_s, kToken).isEmpty());
        retype(child<QLineEdit>(*dialog, u"nameEdit"_s), u"Acme EU"_s);
        QVERIFY(dialog->isModified());
        QVERIFY(!child<QPushButton>(*dialog, u"useButton"_s)->isEnabled());
    }

    void shouldAskBeforeDiscardingEditsWhenAnotherEntryIsChosen()
    {
        auto dialog = openDialog();
        const QString id = createProfile(*dialog, u"Acme"_s, u"https://api.truto.one"_s, kToken);
        auto *name = child<QLineEdit>(*dialog, u"nameEdit"_s);
        auto *list = child<QListWidget>(*dialog, u"profileList"_s);
        retype(name, u"Acme EU"_s);

        m_answers.accept = false;
        clickRow(list, 0);
        QCOMPARE(m_answers.asked.size(), 1);
        QCOMPARE(dialog->currentProfileId(), id); // still editing
        QCOMPARE(name->text(), u"Acme EU"_s);
        QCOMPARE(list->currentRow(), 1);

        m_answers.accept = true;
        clickRow(list, 0);
        QVERIFY(dialog->isSandboxShown());
        QCOMPARE(m_settings->profile(id)->name, u"Acme"_s); // nothing was saved
    }

    void shouldDisableTheButtonsWhileTheKeychainWorks()
    {
        HeldSecretStore held;
        auto dialog = openDialog(&held);
        QTest::mouseClick(child<QPushButton>(*dialog, u"newProfileButton"_s), Qt::LeftButton);
        retype(child<QLineEdit>(*dialog, u"tokenEdit"_s), kToken);
        auto *save = child<QPushButton>(*dialog, u"saveButton"_s);
        QSignalSpy saved(dialog.get(), &ConnectionsDialog::profileSaved);
        click(save);
        QVERIFY(dialog->isBusy());
        QCOMPARE(held.pendingCount(), 1);
        QVERIFY(!save->isEnabled());
        QVERIFY(!child<QListWidget>(*dialog, u"profileList"_s)->isEnabled());
        QVERIFY(!child<QPushButton>(*dialog, u"newProfileButton"_s)->isEnabled());
        QVERIFY(!child<QPushButton>(*dialog, u"deleteProfileButton"_s)->isEnabled());
        QVERIFY(!child<QPushButton>(*dialog, u"useButton"_s)->isEnabled());
        QVERIFY(child<QLabel>(*dialog, u"statusLabel"_s)->text().contains(u"Saving"_s));

        held.releaseAll();
        QVERIFY(saved.wait(2000));
        QVERIFY(!dialog->isBusy());
        QVERIFY(child<QListWidget>(*dialog, u"profileList"_s)->isEnabled());
        QVERIFY(child<QPushButton>(*dialog, u"useButton"_s)->isEnabled());
        QCOMPARE(held.tokens.value(saved.first().first().toString()), kToken);
    }

    void shouldSayWhereTheTokenIsKept()
    {
        HeldSecretStore held;
        auto dialog = openDialog(&held);
        auto *storage = child<QLabel>(*dialog, u"tokenStorageLabel"_s);
        QCOMPARE(storage->text(), u"Stored in the system keychain"_s);
        held.becomeSessionOnly(); // the keychain turned out to be missing
        QCOMPARE(storage->text(), held.persistenceMessage());

        auto inMemory = openDialog();
        QCOMPARE(child<QLabel>(*inMemory, u"tokenStorageLabel"_s)->text(),
                 m_secrets->persistenceMessage());
    }

    void shouldDropALateTokenReadForAProfileNoLongerShown()
    {
        HeldSecretStore held;
        const ConnectionProfile first = ConnectionProfile::create(u"First"_s);
        const ConnectionProfile second = ConnectionProfile::create(u"Second"_s);
        QVERIFY(m_settings->saveProfile(first));
        QVERIFY(m_settings->saveProfile(second));
        held.tokens.insert(first.id, u"first-token-123456"_s);
        held.tokens.insert(second.id, u"second-token-123456"_s);
        auto dialog = openDialog(&held);
        auto *list = child<QListWidget>(*dialog, u"profileList"_s);
        clickRow(list, 1);
        clickRow(list, 2);
        QCOMPARE(held.pendingCount(), 2);
        held.releaseAll(true); // the answer for "First" arrives last
        QTRY_COMPARE(held.delivered, 2);
        QCOMPARE(child<QLineEdit>(*dialog, u"tokenEdit"_s)->text(), u"second-token-123456"_s);
        QCOMPARE(child<QLineEdit>(*dialog, u"nameEdit"_s)->text(), u"Second"_s);
    }
};

QTEST_MAIN(TestConnectionsDialog)
#include "tst_connectionsdialog.moc"
