// The draft of the record being edited: every keystroke is on disk before the next one (so a
// kill loses nothing), and it reaches the disk itself (fsync) at most a quarter second later.
#include "drafts/draftrecorder.h"
#include "records/recordmodel.h"
#include "schema/schema.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace crmdesk;
using namespace Qt::StringLiterals;

class TestDraftRecorder : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DraftStore> m_store;
    std::unique_ptr<RecordModel> m_model;
    const DraftKey m_key{u"sandbox"_s, u"acc-1"_s, u"contacts"_s, u"501"_s};

    std::unique_ptr<DraftRecorder> recorder()
    {
        auto made = std::make_unique<DraftRecorder>(m_store.get(), m_model.get());
        made->setKey(m_key, u"hubspot"_s);
        return made;
    }

    QString storedFirstName() const
    {
        const std::optional<Draft> draft = m_store->load(m_key);
        return draft ? draft->edits.value(u"first_name").toString() : QString();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<DraftStore>(m_dir->path());
        m_model = std::make_unique<RecordModel>(*Schema::bundled().resource(u"contacts"_s));
        m_model->load(QJsonObject{{u"id"_s, u"501"_s}, {u"first_name"_s, u"Ada"_s}});
    }

    void cleanup()
    {
        m_model.reset();
        m_store.reset();
        m_dir.reset();
    }

    void shouldHaveEveryKeystrokeOnDiskBeforeTheNext()
    {
        auto drafts = recorder();
        for (const QString &typed : {u"J"_s, u"Ja"_s, u"Jan"_s}) {
            m_model->setValue(u"first_name"_s, typed);
            QCOMPARE(storedFirstName(), typed); // at once, not after the sync interval
        }
        QVERIFY(drafts->hasUnsyncedChanges());
        // No temporary file is left where the next start would look.
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files).size(), 1);
    }

    void shouldSyncWithinTheIntervalWhileTypingGoesOn()
    {
        auto drafts = recorder();
        QElapsedTimer typing;
        typing.start();
        int keys = 0;
        // Steady typing, a key every 20 ms: the sync must not wait for a pause.
        while (drafts->hasUnsyncedChanges() || keys == 0) {
            m_model->setValue(u"first_name"_s, QString(++keys, u'x'));
            QTest::qWait(20);
            QVERIFY2(typing.elapsed() < 5000, "the draft was never synced while typing went on");
        }
        QVERIFY(keys > 1);
        QCOMPARE(storedFirstName(), QString(keys, u'x'));
    }

    void shouldSyncWhenFlushedAndWhenClosed()
    {
        auto drafts = recorder();
        m_model->setValue(u"first_name"_s, u"Grace"_s);
        QVERIFY(drafts->hasUnsyncedChanges());
        drafts->flush(); // focus left the field
        QVERIFY(!drafts->hasUnsyncedChanges());

        m_model->setValue(u"first_name"_s, u"Grace H"_s);
        QVERIFY(drafts->hasUnsyncedChanges());
        drafts.reset(); // the editor closed before the interval ran out
        QCOMPARE(storedFirstName(), u"Grace H"_s);
    }

    void shouldRemoveTheDraftWhenEveryEditIsUndone()
    {
        auto drafts = recorder();
        m_model->setValue(u"first_name"_s, u"Grace"_s);
        QVERIFY(m_store->load(m_key).has_value());
        m_model->setValue(u"first_name"_s, u"Ada"_s); // back to what was loaded
        QVERIFY(!m_model->isModified());
        QVERIFY(!m_store->load(m_key).has_value());
        QVERIFY(!drafts->hasUnsyncedChanges());
        drafts.reset();
        QVERIFY(!m_store->load(m_key).has_value()); // closing does not bring it back
    }

    void shouldSayOnceWhenTheDiskRefuses()
    {
        auto drafts = recorder();
        QSignalSpy failed(drafts.get(), &DraftRecorder::failed);
        // The drafts folder becomes a file: nothing can be written there.
        QVERIFY(QDir(m_dir->path()).removeRecursively());
        QFile blocker(m_dir->path());
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        m_model->setValue(u"first_name"_s, u"G"_s);
        m_model->setValue(u"first_name"_s, u"Gr"_s);
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(u"Could not keep the draft"_s));
        QFile::remove(m_dir->path());
    }
};

QTEST_GUILESS_MAIN(TestDraftRecorder)
#include "tst_draftrecorder.moc"
