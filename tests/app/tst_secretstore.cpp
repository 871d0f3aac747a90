#include "fakekeychainbackend.h"
#include "secrets/inmemorysecretstore.h"
#include "secrets/keychainsecretstore.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <optional>

using namespace crmdesk;
using crmdesk::test::FakeKeychainBackend;

namespace {

const QString kProfile = QStringLiteral("7c1d0a52-profile");
const QString kToken = QStringLiteral("tr_live_9f8e7d6c5b4a");

// The one warning a fallback logs; it names the keychain error, never the token.
void expectFallbackWarning()
{
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("^No usable keychain, keeping tokens in "
                                                           "memory: [^\\n]*secrets[^\\n]*$")));
}

// Runs one operation and waits for its callback (tests only: the app never waits).
class Completion : public QObject
{
public:
    std::optional<SecretResult> result;
    SecretCallback callback()
    {
        return [this](const SecretResult &r) { result = r; };
    }
    bool wait() { return QTest::qWaitFor([this] { return result.has_value(); }, 5000); }
};

SecretResult write(SecretStore &store, const QString &token)
{
    Completion done;
    store.writeToken(kProfile, token, &done, done.callback());
    if (!done.wait())
        return {};
    return *done.result;
}

SecretResult read(SecretStore &store)
{
    Completion done;
    store.readToken(kProfile, &done, done.callback());
    if (!done.wait())
        return {};
    return *done.result;
}

SecretResult remove(SecretStore &store)
{
    Completion done;
    store.deleteToken(kProfile, &done, done.callback());
    if (!done.wait())
        return {};
    return *done.result;
}

struct KeychainFixture
{
    std::shared_ptr<FakeKeychainBackend::State> keychain;
    std::unique_ptr<KeychainSecretStore> store;

    KeychainFixture()
    {
        auto backend = std::make_unique<FakeKeychainBackend>();
        keychain = backend->state();
        store = std::make_unique<KeychainSecretStore>(std::move(backend));
    }
};

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void shouldReadBackATokenWrittenToMemory()
    {
        InMemorySecretStore store;
        QVERIFY(write(store, kToken).ok());
        const SecretResult result = read(store);
        QVERIFY(result.ok());
        QCOMPARE(result.token, kToken);
        QVERIFY(!store.isPersistent());
    }

    void shouldReportNotFoundForAProfileWithoutToken()
    {
        InMemorySecretStore store;
        QCOMPARE(read(store).status, SecretResult::Status::NotFound);
    }

    void shouldForgetADeletedToken()
    {
        InMemorySecretStore store;
        write(store, kToken);
        QVERIFY(remove(store).ok());
        QCOMPARE(read(store).status, SecretResult::Status::NotFound);
    }

    void shouldAnswerFromTheEventLoopNotInsideTheCall()
    {
        InMemorySecretStore store;
        Completion done;
        store.readToken(kProfile, &done, done.callback());
        QVERIFY(!done.result.has_value());
        QVERIFY(done.wait());
    }

    void shouldNotCallBackOnceTheContextIsGone()
    {
        InMemorySecretStore store;
        bool called = false;
        auto context = std::make_unique<QObject>();
        store.readToken(kProfile, context.get(), [&](const SecretResult &) { called = true; });
        context.reset();
        // Another answer queued after the first proves the event loop has run past it.
        Completion later;
        store.readToken(kProfile, &later, later.callback());
        QVERIFY(later.wait());
        QVERIFY(!called);
    }

    void shouldKeepTheTokenInTheKeychainUnderTheProfileKey()
    {
        KeychainFixture fixture;
        QVERIFY(write(*fixture.store, kToken).ok());
        const QString entry = KeychainSecretStore::serviceName() + u'/'
                              + KeychainSecretStore::keyFor(kProfile);
        QCOMPARE(fixture.keychain->entries.value(entry), kToken);
        QCOMPARE(read(*fixture.store).token, kToken);
        QVERIFY(fixture.store->isPersistent());
        QVERIFY(fixture.store->persistenceMessage().isEmpty());
    }

    void shouldSucceedWhenDeletingATokenThatWasNeverStored()
    {
        KeychainFixture fixture;
        QVERIFY(remove(*fixture.store).ok());
    }

    void shouldFallBackToMemoryAndSaySoWhenThereIsNoKeychain_data()
    {
        QTest::addColumn<int>("error");
        QTest::newRow("no backend") << int(QKeychain::NoBackendAvailable);
        QTest::newRow("other error (headless D-Bus)") << int(QKeychain::OtherError);
        QTest::newRow("not implemented") << int(QKeychain::NotImplemented);
    }

    void shouldFallBackToMemoryAndSaySoWhenThereIsNoKeychain()
    {
        QFETCH(int, error);
        KeychainFixture fixture;
        fixture.keychain->failWith = QKeychain::Error(error);
        expectFallbackWarning();
        QSignalSpy persistence(fixture.store.get(), &SecretStore::persistenceChanged);

        QVERIFY(write(*fixture.store, kToken).ok());

        QVERIFY(!fixture.store->isPersistent());
        QCOMPARE(persistence.size(), 1);
        QCOMPARE(persistence.at(0).at(0).toBool(), false);
        QCOMPARE(persistence.at(0).at(1).toString(),
                 QStringLiteral("No secret store available: the token is kept in memory for "
                                "this session only"));
        QCOMPARE(fixture.store->persistenceMessage(), KeychainSecretStore::sessionOnlyMessage());
        // The token still works for this session, and was written nowhere else.
        QCOMPARE(read(*fixture.store).token, kToken);
        QVERIFY(fixture.keychain->entries.isEmpty());
    }

    void shouldStopAskingAMissingKeychainAfterFallingBack()
    {
        KeychainFixture fixture;
        fixture.keychain->failWith = QKeychain::NoBackendAvailable;
        expectFallbackWarning();
        QSignalSpy persistence(fixture.store.get(), &SecretStore::persistenceChanged);
        write(*fixture.store, kToken);
        const int callsAfterFallback = fixture.keychain->calls;
        read(*fixture.store);
        remove(*fixture.store);
        QCOMPARE(fixture.keychain->calls, callsAfterFallback);
        QCOMPARE(persistence.size(), 1);
    }

    void shouldReportARefusalWithoutFallingBack()
    {
        KeychainFixture fixture;
        fixture.keychain->failWith = QKeychain::AccessDeniedByUser;
        fixture.keychain->failMessage = QStringLiteral("The user dismissed the unlock prompt");
        QSignalSpy persistence(fixture.store.get(), &SecretStore::persistenceChanged);

        const SecretResult result = write(*fixture.store, kToken);

        QCOMPARE(result.status, SecretResult::Status::Failed);
        QVERIFY(result.errorString.contains(QLatin1String("dismissed the unlock prompt")));
        QVERIFY(!result.errorString.contains(kToken));
        QVERIFY(fixture.store->isPersistent());
        QCOMPARE(persistence.size(), 0);
    }

    void shouldKeepATokenTypedJustBeforeTheKeychainTurnedOutMissing()
    {
        KeychainFixture fixture;
        fixture.keychain->failWith = QKeychain::NoBackendAvailable;
        expectFallbackWarning();
        {
            QObject closedDialog;
            fixture.store->writeToken(kProfile, kToken, &closedDialog, [](const SecretResult &) {});
        }
        QTRY_VERIFY(!fixture.store->isPersistent());
        QCOMPARE(read(*fixture.store).token, kToken);
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
