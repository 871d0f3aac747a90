#include "api/trutoclient.h"
#include "policy/accountcapabilities.h"
#include "editors/fieldeditor.h"
#include "editors/fieldrow.h"
#include "editors/queryoptionspanel.h"
#include "editors/recordeditorview.h"
#include "editors/recordform.h"
#include "schema/schema.h"
#include "snippets/copyasmenu.h"

#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace crmdesk;

namespace {
const QString kAccount = QStringLiteral("62f44730-dd91-461e-bd6a-aedd9e0ad79d");

QJsonObject contactRecord()
{
    return QJsonDocument::fromJson(R"({
        "id": "501",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "name": "Ada Lovelace",
        "title": "Analyst",
        "email_addresses": [{"email": "ada@example.com", "type": "work"}],
        "phone_numbers": [{"number": "+44 20 7946 0000", "type": "work"}],
        "account": {"id": "acc-1"},
        "updated_at": "2026-11-01T10:00:00Z"
    })").object();
}

QJsonObject bodyOfPreview(RecordEditorView &view)
{
    return QJsonDocument::fromJson(view.previewRequest().body).object();
}
} // namespace

class TestRecordEditor : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_network;
    TrutoClient *m_client = nullptr;

    std::unique_ptr<RecordEditorView> makeEditor(const QString &resource, const QJsonObject &record,
                                                 const QString &provider)
    {
        auto view = std::make_unique<RecordEditorView>(*Schema::bundled().resource(resource), m_client);
        view->setAccount(AccountCapabilities::fromAccount(
            {{QStringLiteral("id"), kAccount},
             {QStringLiteral("integration"), QJsonObject{{QStringLiteral("label"), provider}}}}));
        view->model()->load(record);
        view->resize(1200, 900);
        view->show();
        return view;
    }

    template<typename T>
    T *field(QWidget &view, const QString &path)
    {
        T *widget = view.findChild<T *>(QStringLiteral("field_") + path);
        if (!widget)
            qFatal("missing field widget");
        return widget;
    }

private Q_SLOTS:
    void initTestCase() { m_client = new TrutoClient(&m_network, this); }

    // For every resource and provider, each row shows exactly what the schema says.
    void shouldApplyTheProvidersStateToEveryFieldOfEveryResource()
    {
        for (const QString &resource : Schema::bundled().resources()) {
            const ResourceSchema &schema = *Schema::bundled().resource(resource);
            RecordEditorView view(schema, m_client);
            for (const QString &provider : schema.allProviders()) {
                view.setProvider(provider);
                QCOMPARE(view.provider(), provider);
                for (const FieldSpec &spec : schema.body) {
                    const FieldState expected = schema.stateOf(Section::Body, spec, provider);
                    FieldRow *row = view.form()->row(spec.name);
                    QVERIFY2(row, qPrintable(resource + u' ' + spec.name));
                    const bool enabled = expected.editable() && !spec.unnamed;
                    QVERIFY2(row->editor()->isEnabled() == enabled,
                             qPrintable(resource + u' ' + provider + u' ' + spec.name));
                    QCOMPARE(row->label()->text().contains(u'*'), expected.required);
                    if (expected.support == Support::Unsupported)
                        QVERIFY(row->editor()->toolTip().contains(expected.reason));
                }
            }
        }
    }

    void shouldSendOnlyTheChangedFields()
    {
        auto view = makeEditor(QStringLiteral("contacts"), contactRecord(), QStringLiteral("Capsule"));
        QVERIFY(!view->model()->isModified());
        auto *title = field<QLineEdit>(*view, QStringLiteral("title"));
        title->selectAll();
        QTest::keyClicks(title, QStringLiteral("Chief Analyst"));
        QVERIFY(view->model()->isModified());
        QVERIFY(view->title().endsWith(QLatin1String(" *")));
        QCOMPARE(bodyOfPreview(*view),
                 QJsonObject({{QStringLiteral("title"), QStringLiteral("Chief Analyst")}}));
        auto *preview = view->findChild<QPlainTextEdit *>(QStringLiteral("requestPreview"));
        QVERIFY(preview->toPlainText().startsWith(QLatin1String("PATCH ")));
        QVERIFY(preview->toPlainText().contains(QLatin1String("/unified/crm/contacts/501?integrated_account_id=")));
        QVERIFY(view->findChild<QPushButton *>(QStringLiteral("sendButton"))->isEnabled());
    }

    void shouldSendAClearedFieldAsNull()
    {
        auto view = makeEditor(QStringLiteral("contacts"), contactRecord(), QStringLiteral("Capsule"));
        QTest::mouseClick(view->findChild<QToolButton *>(QStringLiteral("clear_title")), Qt::LeftButton);
        const QJsonObject body = bodyOfPreview(*view);
        QCOMPARE(body.keys(), QStringList{QStringLiteral("title")});
        QVERIFY(body.value(QLatin1String("title")).isNull());
        QVERIFY(field<QLineEdit>(*view, QStringLiteral("title"))->text().isEmpty());
        QVERIFY(view->findChild<QLabel *>(QStringLiteral("status_title"))->text().contains(QLatin1String("null")));
    }

    void shouldSendAnEditedListWhole()
    {
        auto view = makeEditor(QStringLiteral("contacts"), contactRecord(), QStringLiteral("Capsule"));
        auto *emails = field<QTableWidget>(*view, QStringLiteral("email_addresses"));
        QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("field_email_addresses_add")), Qt::LeftButton);
        QCOMPARE(emails->rowCount(), 2);
        const int emailColumn = [&] {
            for (int c = 0; c < emails->columnCount(); ++c)
                if (emails->horizontalHeaderItem(c)->text() == QLatin1String("Email")) // in words
                    return c;
            return -1;
        }();
        QVERIFY(emailColumn >= 0);
        emails->item(1, emailColumn)->setText(QStringLiteral("ada@work.example"));
        const QJsonArray sent = bodyOfPreview(*view).value(QLatin1String("email_addresses")).toArray();
        QCOMPARE(sent.size(), 2);
        QCOMPARE(sent.at(0).toObject().value(QLatin1String("email")).toString(), QStringLiteral("ada@example.com"));
        QCOMPARE(sent.at(1).toObject().value(QLatin1String("email")).toString(), QStringLiteral("ada@work.example"));
    }

    void shouldBlockSendingWithAMessageOnTheInvalidField()
    {
        QJsonObject record = QJsonDocument::fromJson(R"({"id": "o-1", "name": "Renewal", "amount": 1200})").object();
        auto view = makeEditor(QStringLiteral("opportunities"), record, QStringLiteral("HubSpot"));
        auto *amount = field<QLineEdit>(*view, QStringLiteral("amount"));
        amount->selectAll();
        QTest::keyClicks(amount, QStringLiteral("12k"));
        auto *send = view->findChild<QPushButton *>(QStringLiteral("sendButton"));
        QVERIFY(!send->isEnabled());
        auto *issue = view->findChild<QLabel *>(QStringLiteral("issue_amount"));
        QVERIFY(issue->isVisible());
        QVERIFY(issue->text().contains(QLatin1String("amount must be a number")));
        QCOMPARE(amount->text(), QStringLiteral("12k")); // what the user typed is kept
        QVERIFY(!view->send());
        amount->selectAll();
        QTest::keyClicks(amount, QStringLiteral("12000"));
        QVERIFY(send->isEnabled());
        QVERIFY(!issue->isVisible());
        QCOMPARE(bodyOfPreview(*view).value(QLatin1String("amount")).toDouble(), 12000.0);
    }

    void shouldBlockSendingWhileAProviderRequiredFieldIsEmpty()
    {
        QJsonObject record = QJsonDocument::fromJson(
            R"({"id": "o-2", "name": "Deal", "account": {"id": "a"}, "contact": [{"id": "c"}]})").object();
        auto view = makeEditor(QStringLiteral("opportunities"), record, QStringLiteral("Teamleader"));
        QTest::mouseClick(view->findChild<QToolButton *>(QStringLiteral("clear_name")), Qt::LeftButton);
        QVERIFY(!view->findChild<QPushButton *>(QStringLiteral("sendButton"))->isEnabled());
        QVERIFY(view->findChild<QLabel *>(QStringLiteral("issue_name"))->text().contains(QLatin1String("required by Teamleader")));
        // Another provider does not require it: the same edit may go.
        view->setProvider(QStringLiteral("HubSpot"));
        QVERIFY(view->findChild<QPushButton *>(QStringLiteral("sendButton"))->isEnabled());
    }

    void shouldApplyTheNotesRuleBeforeSending()
    {
        QJsonObject record = QJsonDocument::fromJson(
            R"({"id": "n-1", "content": "Call back", "contact": [{"id": "c-1"}]})").object();
        auto view = makeEditor(QStringLiteral("notes"), record, QStringLiteral("HubSpot"));
        auto *contacts = field<QListWidget>(*view, QStringLiteral("contact"));
        contacts->setCurrentRow(0);
        QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("field_contact_remove")), Qt::LeftButton);
        QCOMPARE(contacts->count(), 0);
        QVERIFY(view->model()->isChanged(QStringLiteral("contact")));
        QVERIFY(!view->findChild<QPushButton *>(QStringLiteral("sendButton"))->isEnabled());
        QVERIFY2(view->blockingProblems().join(u' ').contains(QLatin1String("One of contact, account and opportunity")),
                 qPrintable(view->blockingProblems().join(u'|') + QString::fromUtf8(QJsonDocument(view->model()->edits()).toJson())));
    }

    void shouldKeepEditsAcrossProviderSwitchesAndLeaveOutUnsupportedOnes()
    {
        QJsonObject record = QJsonDocument::fromJson(R"({"id": "n-2", "content": "x", "title": "Old", "account": {"id": "a"}})").object();
        auto view = makeEditor(QStringLiteral("notes"), record, QStringLiteral("Insightly"));
        auto *title = field<QLineEdit>(*view, QStringLiteral("title"));
        title->selectAll();
        QTest::keyClicks(title, QStringLiteral("New title"));
        QCOMPARE(bodyOfPreview(*view).value(QLatin1String("title")).toString(), QStringLiteral("New title"));
        view->setProvider(QStringLiteral("HubSpot")); // HubSpot does not map note titles
        QVERIFY(!title->isEnabled());
        QCOMPARE(title->text(), QStringLiteral("New title"));
        QVERIFY(view->model()->isChanged(QStringLiteral("title")));
        QVERIFY(!bodyOfPreview(*view).contains(QLatin1String("title")));
        QVERIFY(view->findChild<QLabel *>(QStringLiteral("status_title"))->text().contains(QLatin1String("left out")));
        QVERIFY(view->findChild<QPlainTextEdit *>(QStringLiteral("requestPreview"))->toPlainText().contains(QLatin1String("Left out")));
        view->setProvider(QStringLiteral("Keap"));
        QCOMPARE(bodyOfPreview(*view).value(QLatin1String("title")).toString(), QStringLiteral("New title"));
    }

    void shouldUndoAndRedoEdits()
    {
        auto view = makeEditor(QStringLiteral("contacts"), contactRecord(), QStringLiteral("Capsule"));
        auto *first = field<QLineEdit>(*view, QStringLiteral("first_name"));
        first->selectAll();
        QTest::keyClicks(first, QStringLiteral("Augusta"));
        QTest::mouseClick(view->findChild<QToolButton *>(QStringLiteral("clear_title")), Qt::LeftButton);
        QUndoStack *stack = view->model()->undoStack();
        QCOMPARE(stack->count(), 2); // typing a word is one step
        stack->undo();
        QCOMPARE(field<QLineEdit>(*view, QStringLiteral("title"))->text(), QStringLiteral("Analyst"));
        QVERIFY(!bodyOfPreview(*view).contains(QLatin1String("title")));
        stack->undo();
        QCOMPARE(first->text(), QStringLiteral("Ada"));
        QVERIFY(!view->model()->isModified());
        stack->redo();
        QCOMPARE(first->text(), QStringLiteral("Augusta"));
        QCOMPARE(bodyOfPreview(*view), QJsonObject({{QStringLiteral("first_name"), QStringLiteral("Augusta")}}));
    }

    void shouldCopyTheRequestAsCurlWithTheTokenRedacted()
    {
        ConnectionConfig config = m_client->config();
        config.token = QStringLiteral("secret-token-123456");
        m_client->setConfig(config);
        auto view = makeEditor(QStringLiteral("contacts"), contactRecord(), QStringLiteral("Capsule"));
        auto *title = field<QLineEdit>(*view, QStringLiteral("title"));
        title->selectAll();
        QTest::keyClicks(title, QStringLiteral("CTO"));
        auto *menu = view->findChild<QPushButton *>(QStringLiteral("copyAsButton"))->menu();
        auto *copyAs = qobject_cast<CopyAsMenu *>(menu);
        QVERIFY(copyAs);
        copyAs->formAction(SnippetForm::Curl)->trigger();
        const QString curl = QGuiApplication::clipboard()->text();
        QVERIFY2(curl.startsWith(QLatin1String("curl")), qPrintable(curl));
        QVERIFY(curl.contains(QString::fromUtf8(view->previewRequest().url.toEncoded())));
        QVERIFY(curl.contains(QLatin1String("\"title\": \"CTO\"")));
        QVERIFY(curl.contains(QLatin1String("<your_api_token>")));
        QVERIFY(!curl.contains(QLatin1String("secret-token-123456")));
    }

    void shouldShowAndEditDateTimesWithTheirTimeZone()
    {
        QJsonObject record = QJsonDocument::fromJson(
            R"({"id": "e-2", "subject": "Demo", "engagement_type": "meeting", "start_time": "2026-11-23T14:30:00+01:00"})").object();
        auto view = makeEditor(QStringLiteral("engagements"), record, QStringLiteral("Close"));
        auto *picker = view->findChild<QDateTimeEdit *>(QStringLiteral("field_start_time_picker"));
        auto *offset = view->findChild<QComboBox *>(QStringLiteral("field_start_time_offset"));
        QVERIFY(picker && offset);
        QCOMPARE(picker->date(), QDate(2026, 11, 23));
        QCOMPARE(picker->time(), QTime(14, 30));
        QCOMPARE(offset->currentText(), QStringLiteral("+01:00"));
        // Choosing another zone keeps the wall-clock time and changes the instant sent.
        offset->setCurrentIndex(offset->findText(QStringLiteral("Z")));
        Q_EMIT offset->activated(offset->currentIndex());
        QCOMPARE(bodyOfPreview(*view).value(QLatin1String("start_time")).toString(), QStringLiteral("2026-11-23T14:30:00Z"));
        auto *text = view->findChild<QLineEdit *>(QStringLiteral("field_start_time"));
        text->selectAll();
        QTest::keyClicks(text, QStringLiteral("tomorrow at noon"));
        QVERIFY(view->findChild<QLabel *>(QStringLiteral("issue_start_time"))->text().contains(QLatin1String("ISO 8601")));
    }

    void shouldValidateTheIntegratedAccountId()
    {
        auto view = makeEditor(QStringLiteral("contacts"), contactRecord(), QStringLiteral("Capsule"));
        auto *title = field<QLineEdit>(*view, QStringLiteral("title"));
        QTest::keyClicks(title, QStringLiteral(" II"));
        auto *account = view->findChild<QLineEdit *>(QStringLiteral("query_integrated_account_id"));
        account->clear();
        QTest::keyClicks(account, QStringLiteral("not-a-uuid"));
        QVERIFY(!view->findChild<QPushButton *>(QStringLiteral("sendButton"))->isEnabled());
        QVERIFY(view->findChild<QLabel *>(QStringLiteral("queryProblems"))->text().contains(QLatin1String("UUID")));
    }

    void shouldRequireTheEngagementTypeQueryParameterForOnePageCrm()
    {
        QJsonObject record = QJsonDocument::fromJson(R"({"id": "e-1", "subject": "Intro", "contact": [{"id": "c"}]})").object();
        auto view = makeEditor(QStringLiteral("engagements"), record, QStringLiteral("OnePageCRM"));
        auto *content = view->findChild<QPlainTextEdit *>(QStringLiteral("field_content"));
        QTest::keyClicks(content, QStringLiteral("Talked"));
        QVERIFY(view->blockingProblems().join(u' ').contains(QLatin1String("engagement_type query parameter")));
        auto *queryType = view->findChild<QComboBox *>(QStringLiteral("field_query.engagement_type"));
        QVERIFY(queryType);
        queryType->setCurrentIndex(queryType->findData(QStringLiteral("call")));
        Q_EMIT queryType->activated(queryType->currentIndex());
        QVERIFY(!view->blockingProblems().join(u' ').contains(QLatin1String("engagement_type query parameter")));
        QVERIFY(view->previewRequest().url.toEncoded().contains("engagement_type=call"));
    }
};

QTEST_MAIN(TestRecordEditor)
#include "tst_recordeditor.moc"
