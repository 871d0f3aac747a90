#include "drafts/draftstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

using namespace crmdesk;

namespace {

// The contract's own id with reserved characters (§3).
const QString kAwkwardId = QStringLiteral("alt:ref:imported@frontapp.com_t:50603/x y+z");

Draft contactDraft(const QString &recordId = QStringLiteral("42"))
{
    Draft draft;
    draft.key = {QStringLiteral("profile-1"), QStringLiteral("62f44730-dd91-461e-bd6a-aedd9e0ad79d"),
                 QStringLiteral("contacts"), recordId};
    draft.provider = QStringLiteral("hubspot");
    draft.original = QJsonObject{
        {QStringLiteral("id"), recordId},
        {QStringLiteral("first_name"), QStringLiteral("Jane")},
        {QStringLiteral("title"), QStringLiteral("CTO")},
        {QStringLiteral("updated_at"), QStringLiteral("2026-04-01T09:30:00.000Z")},
    };
    draft.edits = QJsonObject{
        {QStringLiteral("first_name"), QStringLiteral("Janet")},
        {QStringLiteral("title"), QJsonValue::Null}, // cleared by the user
        {QStringLiteral("email_addresses"),
         QJsonArray{QJsonObject{{QStringLiteral("email"), QStringLiteral("janet@example.com")}}}},
    };
    draft.query.integratedAccountId = draft.key.accountId;
    draft.query.responseFormat = ResponseFormat::Unified;
    draft.query.ignoreRemoteData = true;
    draft.query.excludeFields = {QStringLiteral("remote_data")};
    draft.query.resourceQuery = QJsonObject{{QStringLiteral("engagement_type"), QStringLiteral("call")}};
    draft.idempotencyKey = QStringLiteral("0b9cfa5e-5b51-4e43-9d5e-3f9d1c2a8e11");
    return draft;
}

void compareDrafts(const Draft &actual, const Draft &expected)
{
    QCOMPARE(actual.key, expected.key);
    QCOMPARE(actual.provider, expected.provider);
    QCOMPARE(actual.original, expected.original);
    QCOMPARE(actual.edits, expected.edits);
    QCOMPARE(actual.query.integratedAccountId, expected.query.integratedAccountId);
    QCOMPARE(actual.query.responseFormat, expected.query.responseFormat);
    QCOMPARE(actual.query.ignoreRemoteData, expected.query.ignoreRemoteData);
    QCOMPARE(actual.query.excludeFields, expected.query.excludeFields);
    QCOMPARE(actual.query.resourceQuery, expected.query.resourceQuery);
    QCOMPARE(actual.idempotencyKey, expected.idempotencyKey);
    QCOMPARE(actual.createdAt, expected.createdAt);
    QCOMPARE(actual.updatedAt, expected.updatedAt);
}

void writeRaw(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class TestDraftStore : public QObject
{
    Q_OBJECT

private slots:
    void shouldFindUnsentDraftsAfterARestart()
    {
        QTemporaryDir dir;
        Draft first = contactDraft(QStringLiteral("1"));
        Draft second = contactDraft(QStringLiteral("2"));
        {
            DraftStore store(dir.path());
            QVERIFY(store.save(first));
            // Distinct timestamps, so that "newest first" is observable.
            QTRY_VERIFY(QDateTime::currentDateTimeUtc() > first.updatedAt);
            QVERIFY(store.save(second));
        }
        const DraftStore reopened(dir.path());
        const QList<Draft> drafts = reopened.list();
        QCOMPARE(drafts.size(), 2);
        compareDrafts(drafts.at(0), second);
        compareDrafts(drafts.at(1), first);
        const std::optional<Draft> loaded = reopened.load(first.key);
        QVERIFY(loaded.has_value());
        compareDrafts(*loaded, first);
    }

    void shouldKeepAClearedFieldAsAnExplicitNull()
    {
        QTemporaryDir dir;
        DraftStore store(dir.path());
        Draft draft = contactDraft();
        store.save(draft);
        const QJsonObject edits = store.load(draft.key)->edits;
        QVERIFY(edits.contains(QLatin1String("title")));
        QVERIFY(edits.value(QLatin1String("title")).isNull());
    }

    void shouldContinueTheSameDraftWhenTheSameRecordIsEditedAgain()
    {
        QTemporaryDir dir;
        DraftStore store(dir.path());
        Draft draft = contactDraft();
        store.save(draft);
        const QDateTime created = draft.createdAt;
        QTRY_VERIFY(QDateTime::currentDateTimeUtc() > created);
        draft.edits.insert(QStringLiteral("last_name"), QStringLiteral("Doe"));
        QVERIFY(store.save(draft));

        const QList<Draft> drafts = store.list();
        QCOMPARE(drafts.size(), 1);
        QCOMPARE(drafts.at(0).createdAt, created);
        QVERIFY(drafts.at(0).updatedAt > created);
        QCOMPARE(drafts.at(0).edits.value(QLatin1String("last_name")).toString(), QStringLiteral("Doe"));
    }

    void shouldIgnoreHalfWrittenFilesLeftByACrash()
    {
        QTemporaryDir dir;
        DraftStore store(dir.path());
        Draft draft = contactDraft();
        QVERIFY(store.save(draft));
        const QString committed = store.filePath(draft.key);
        const QByteArray full = [&] {
            QFile file(committed);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        }();
        // What a crash can leave: QSaveFile's temporary next to the draft, and a truncated
        // draft written by something that did not write atomically.
        writeRaw(committed + QStringLiteral(".Ab12Cd"), full.left(full.size() / 2));
        writeRaw(dir.filePath(QStringLiteral("0123456789abcdef.json")), full.left(full.size() / 3));
        writeRaw(dir.filePath(QStringLiteral("notes.txt")), "not a draft");

        const QList<Draft> drafts = DraftStore(dir.path()).list();
        QCOMPARE(drafts.size(), 1);
        compareDrafts(drafts.at(0), draft);
    }

    void shouldSetADamagedDraftAsideAndSaySo()
    {
        QTemporaryDir dir;
        DraftStore store(dir.path());
        Draft draft = contactDraft();
        QVERIFY(store.save(draft));
        const QByteArray truncated = "{\"key\":{\"profile_id\":\"p\",\"acc";
        writeRaw(dir.filePath(QStringLiteral("0123456789abcdef.json")), truncated);

        const QStringList messages = store.setAsideDamaged();
        QCOMPARE(messages.size(), 1);
        QVERIFY2(messages.first().contains(QStringLiteral("0123456789abcdef.json.damaged-")), qPrintable(messages.first()));
        // Moved, not deleted, byte for byte; the good draft is untouched and still offered.
        const QStringList aside = QDir(dir.path()).entryList({QStringLiteral("*.damaged-*")}, QDir::Files);
        QCOMPARE(aside.size(), 1);
        QFile kept(dir.filePath(aside.first()));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), truncated);
        QCOMPARE(store.list().size(), 1);
        QVERIFY(store.setAsideDamaged().isEmpty()); // nothing left to report the next time
    }

    void shouldKeepThePreviousDraftWhenASaveIsCutShort()
    {
        QTemporaryDir dir;
        DraftStore store(dir.path());
        Draft draft = contactDraft();
        QVERIFY(store.save(draft));
        {
            // The process dies after writing part of the next save and before committing it.
            QSaveFile interrupted(store.filePath(draft.key));
            QVERIFY(interrupted.open(QIODevice::WriteOnly));
            interrupted.write("{\"format\":\"crmdesk-draft\",\"version\":1,\"key\":{\"prof");
        }
        const std::optional<Draft> loaded = DraftStore(dir.path()).load(draft.key);
        QVERIFY(loaded.has_value());
        compareDrafts(*loaded, draft);
    }

    void shouldForgetADraftOnceItWasSent()
    {
        QTemporaryDir dir;
        DraftStore store(dir.path());
        Draft draft = contactDraft();
        store.save(draft);
        QVERIFY(store.remove(draft.key));
        QVERIFY(store.list().isEmpty());
        QVERIFY(!store.load(draft.key).has_value());
        QVERIFY(store.remove(draft.key)); // already gone: still fine
    }

    void shouldStoreRecordsWhoseIdsContainReservedCharacters()
    {
        QTemporaryDir dir;
        DraftStore store(dir.path());
        Draft draft = contactDraft(kAwkwardId);
        QVERIFY(store.save(draft));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
        compareDrafts(*store.load(draft.key), draft);
    }

    void shouldKeepDraftsOfDifferentAccountsApart()
    {
        QTemporaryDir dir;
        DraftStore store(dir.path());
        Draft mine = contactDraft();
        Draft other = contactDraft();
        other.key.accountId = QStringLiteral("another-account");
        other.edits = QJsonObject{{QStringLiteral("first_name"), QStringLiteral("Other")}};
        store.save(mine);
        store.save(other);
        QCOMPARE(store.list().size(), 2);
        compareDrafts(*store.load(mine.key), mine);
        compareDrafts(*store.load(other.key), other);
    }

    void shouldRefuseADraftThatNamesNoRecord()
    {
        QTemporaryDir dir;
        DraftStore store(dir.path());
        Draft draft = contactDraft();
        draft.key.recordId.clear();
        QString error;
        QVERIFY(!store.save(draft, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(store.list().isEmpty());
    }

    void shouldKeepTheDraftFolderPrivateToTheUser()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("drafts"));
        DraftStore store(folder);
        Draft draft = contactDraft();
        QVERIFY(store.save(draft));
        const QFile::Permissions permissions = QFileInfo(folder).permissions();
        QVERIFY(!(permissions & (QFile::ReadGroup | QFile::ReadOther)));
    }
};

QTEST_GUILESS_MAIN(TestDraftStore)
#include "tst_draftstore.moc"
