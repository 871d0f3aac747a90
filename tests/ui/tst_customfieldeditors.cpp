// The typed custom field editors of the form (issue 12): one editor per definition, driven as a
// person would, and sent to the sandbox over real sockets.
#include "api/trutoclient.h"
#include "awaitresult.h"
#include "editors/customfieldseditor.h"
#include "editors/fieldrow.h"
#include "editors/recordeditorview.h"
#include "editors/recordform.h"
#include "editors/structurededitors.h"
#include "main/mainwindow.h"
#include "policy/accountcapabilities.h"
#include "references/referencedirectory.h"
#include "sandbox/sandboxserver.h"
#include "schema/schema.h"
#include "childwidget.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace crmdesk;
using namespace crmdesk::test;
using namespace Qt::StringLiterals;

namespace {
QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

CustomField definition(const char *json)
{
    return CustomField::fromJson(parse(json));
}

const char *kScore = R"({"name":"score","label":"Score","type":"number"})";
const char *kBudget = R"({"name":"budget","label":"Budget","type":"number","currency":"EUR"})";
const char *kStage = R"({"name":"stage","label":"Forecast category","type":"enum",
    "options":[{"label":"Pipeline","value":"40"},{"label":"Best case","value":"41"},{"label":"Commit","value":"42"}]})";
const char *kTopics = R"({"name":"topics","label":"Topics","type":"enum","multiple":true,
    "options":[{"label":"Analytics","value":"an"},{"label":"Security","value":"sec"},{"label":"Training","value":"tr"}]})";
const char *kOptIn = R"({"name":"opt_in","label":"Newsletter","type":"boolean"})";
const char *kRenewal = R"({"name":"renewal","label":"Renewal date","type":"date"})";
const char *kMeeting = R"({"name":"meeting","label":"Meeting","type":"datetime"})";
const char *kManager = R"({"name":"manager","label":"Account manager","type":"string","reference_entity":"user"})";
const char *kNotes = R"({"name":"notes","label":"Notes","type":"text"})";
const char *kScoreRo = R"({"name":"engagement","label":"Engagement","type":"number","is_editable":false,
    "remote_data":{"calculated":true}})";
} // namespace

class TestCustomFieldEditors : public QObject
{
    Q_OBJECT

    SandboxServer m_server;
    QNetworkAccessManager m_network;
    TrutoClient *m_client = nullptr;

    // A custom fields editor with these definitions, showing a record's custom_fields.
    std::unique_ptr<CustomFieldsEditor> makeEditor(const QList<const char *> &definitions,
                                                   const QJsonObject &values = {})
    {
        FieldSpec spec;
        spec.name = u"custom_fields"_s;
        spec.path = u"custom_fields"_s;
        spec.type = u"Record<string, any>"_s;
        auto editor = std::make_unique<CustomFieldsEditor>(spec);
        QList<CustomField> fields;
        for (const char *json : definitions)
            fields.append(definition(json));
        editor->setDefinitions(fields);
        editor->setValue(values.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(values));
        editor->resize(900, 700);
        editor->show();
        return editor;
    }

    static QJsonObject valueOf(const CustomFieldsEditor &editor) { return editor.value().toObject(); }

    std::unique_ptr<MainWindow> makeWindow()
    {
        AppServices services;
        services.client = m_client;
        auto window = std::make_unique<MainWindow>(services);
        window->setQuestionPrompt([](const Question &, const Answer &answer) { answer(true); });
        window->setUnsavedChangesPrompt([](const Question &, const Answer &answer) { answer(true); });
        window->setConnection(u"sandbox"_s, u"Embedded sandbox"_s, u"sandbox"_s);
        window->resize(1400, 900);
        window->show();
        QSignalSpy loaded(window.get(), &MainWindow::accountsLoaded);
        window->refreshAccounts();
        if (!loaded.wait(10000))
            qFatal("accounts did not load");
        return window;
    }

    // The account, the resource and the first record, as a person picks them; then waits for
    // the account's custom field definitions to reach the form.
    RecordEditorView *openFirstRecord(MainWindow &window, const QString &provider, const QString &resource)
    {
        auto *accounts = child<QComboBox>(window, u"accountCombo"_s);
        accounts->setCurrentIndex(accounts->findData(m_server.accountIdFor(provider)));
        auto *resources = child<QComboBox>(window, u"resourceCombo"_s);
        resources->setCurrentIndex(resources->findData(resource));
        auto *list = child<QListWidget>(window, u"recordList"_s);
        if (!QTest::qWaitFor([&] { return list->count() > 0; }, 10000))
            return nullptr;
        list->setFocus();
        list->setCurrentRow(0);
        QTest::keyClick(list, Qt::Key_Return);
        RecordEditorView *editor = window.currentEditor();
        if (!editor || !QTest::qWaitFor([&] { return editor->model()->isLoaded(); }, 10000))
            return nullptr;
        if (!QTest::qWaitFor([&] { return !customFields(*editor)->definitions().isEmpty(); }, 10000))
            return nullptr;
        editor->form()->setSectionExpanded(u"custom_fields"_s, true);
        return editor;
    }

    static CustomFieldsEditor *customFields(RecordEditorView &editor)
    {
        return qobject_cast<CustomFieldsEditor *>(editor.form()->row(u"custom_fields"_s)->editor());
    }

    // The stored record, read back from the sandbox.
    QJsonObject storedCustomFields(const RecordEditorView &editor, const QString &resource)
    {
        QueryOptions options;
        options.integratedAccountId = editor.accountId();
        ApiResult result;
        if (!awaitResult(m_client->getRecord(resource, editor.model()->id(), options), result) || !result.ok())
            return {};
        return result.json.object().value(u"custom_fields"_s).toObject();
    }

    static void sendAndWait(RecordEditorView &editor)
    {
        QSignalSpy sent(&editor, &RecordEditorView::sent);
        auto *send = child<QPushButton>(editor, u"sendButton"_s);
        QVERIFY2(send->isEnabled(), qPrintable(editor.blockingProblems().join(u'\n')));
        QTest::mouseClick(send, Qt::LeftButton);
        QVERIFY(sent.wait(10000));
        QVERIFY2(sent.first().first().value<ApiResult>().ok(), qPrintable(sent.first().first().value<ApiResult>().errorString));
    }

    static void uncheckAll(QListWidget *list)
    {
        list->setFocus();
        for (int row = 0; row < list->count(); ++row) {
            if (list->item(row)->checkState() == Qt::Checked) {
                list->setCurrentRow(row);
                QTest::keyClick(list, Qt::Key_Space);
            }
        }
    }

    static void check(QListWidget *list, const QString &label)
    {
        const auto items = list->findItems(label, Qt::MatchExactly);
        QVERIFY2(!items.isEmpty(), qPrintable(label));
        list->setFocus();
        list->setCurrentItem(items.first());
        if (items.first()->checkState() != Qt::Checked)
            QTest::keyClick(list, Qt::Key_Space);
        QCOMPARE(items.first()->checkState(), Qt::Checked);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.listen());
        m_client = new TrutoClient(&m_network, this);
        ConnectionConfig config;
        config.baseUrl = m_server.baseUrl();
        config.token = m_server.token();
        config.transferTimeoutMs = 10000;
        m_client->setConfig(config);
    }

    void shouldShowOneLabelledEditorPerDefinitionWithTheNameInATooltip()
    {
        auto editor = makeEditor({kScore, kStage, kOptIn});
        for (const QString &name : {u"score"_s, u"stage"_s, u"opt_in"_s})
            QVERIFY2(editor->findChild<CustomFieldInput *>(u"cf_"_s + name), qPrintable(name));
        auto *label = child<QLabel>(*editor, u"cf_stage_label"_s);
        QCOMPARE(label->text(), u"Forecast category"_s);
        QCOMPARE(label->toolTip(), u"stage"_s);
    }

    void shouldSendATypedNumber()
    {
        auto editor = makeEditor({kScore});
        QSignalSpy edited(editor.get(), &FieldEditor::edited);
        auto *line = child<QLineEdit>(*editor, u"field_cf_score"_s);
        QTest::keyClicks(line, u"1250.5"_s);
        QVERIFY(edited.count() > 0);
        QCOMPARE(valueOf(*editor), parse(R"({"score":1250.5})"));
        QVERIFY(!child<QLabel>(*editor, u"cf_score_message"_s)->isVisibleTo(editor.get()));
    }

    void shouldKeepABadNumberAsTypedWithAMessage()
    {
        auto editor = makeEditor({kScore}, parse(R"({"score":7})"));
        auto *line = child<QLineEdit>(*editor, u"field_cf_score"_s);
        line->selectAll();
        QTest::keyClicks(line, u"12a"_s);
        QCOMPARE(line->text(), u"12a"_s); // nothing typed is lost
        auto *message = child<QLabel>(*editor, u"cf_score_message"_s);
        QVERIFY(message->isVisibleTo(editor.get()));
        QVERIFY2(message->text().contains(u"not a number"_s), qPrintable(message->text()));
        QCOMPARE(valueOf(*editor).value(u"score"_s), QJsonValue(u"12a"_s)); // validation refuses it
        QTest::keyClick(line, Qt::Key_Backspace);
        QCOMPARE(valueOf(*editor).value(u"score"_s), QJsonValue(12));
        QVERIFY(!message->isVisibleTo(editor.get()));
    }

    void shouldShowTheCurrencyBesideAnAmount()
    {
        auto editor = makeEditor({kBudget});
        QCOMPARE(child<QLabel>(*editor, u"cf_budget_currency"_s)->text(), u"EUR"_s);
        QTest::keyClicks(child<QLineEdit>(*editor, u"field_cf_budget"_s), u"99.90"_s);
        QCOMPARE(valueOf(*editor), parse(R"({"budget":99.9})"));
    }

    void shouldSendTheValueOfThePickedOptionNotItsLabel()
    {
        auto editor = makeEditor({kStage});
        auto *combo = child<QComboBox>(*editor, u"field_cf_stage"_s);
        QCOMPARE(combo->itemText(1), u"Pipeline"_s);
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down);
        QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(combo->currentText(), u"Best case"_s);
        QCOMPARE(valueOf(*editor), parse(R"({"stage":"41"})"));
    }

    void shouldKeepALoadedValueThatIsNoOption()
    {
        auto editor = makeEditor({kStage}, parse(R"({"stage":"99"})"));
        auto *combo = child<QComboBox>(*editor, u"field_cf_stage"_s);
        QVERIFY2(combo->currentText().contains(u"not an option"_s), qPrintable(combo->currentText()));
        QCOMPARE(valueOf(*editor), parse(R"({"stage":"99"})"));
    }

    void shouldSendAnArrayOfTheCheckedOptions()
    {
        auto editor = makeEditor({kTopics});
        auto *list = child<QListWidget>(*editor, u"field_cf_topics"_s);
        check(list, u"Analytics"_s);
        check(list, u"Training"_s);
        QCOMPARE(valueOf(*editor), parse(R"({"topics":["an","tr"]})"));
        list->setCurrentRow(0);
        QTest::keyClick(list, Qt::Key_Space); // Analytics off again
        QCOMPARE(valueOf(*editor), parse(R"({"topics":["tr"]})"));
    }

    void shouldToggleABooleanBetweenNotSetYesAndNo()
    {
        auto editor = makeEditor({kOptIn});
        auto *combo = child<QComboBox>(*editor, u"field_cf_opt_in"_s);
        QCOMPARE(combo->currentText(), u"(not set)"_s);
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(valueOf(*editor), parse(R"({"opt_in":true})"));
        QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(valueOf(*editor), parse(R"({"opt_in":false})"));
        QTest::keyClick(combo, Qt::Key_Up);
        QTest::keyClick(combo, Qt::Key_Up);
        QCOMPARE(editor->value(), QJsonValue(QJsonValue::Null)); // not set: no key at all
    }

    void shouldClearABooleanTheRecordHadWhenUnset()
    {
        auto editor = makeEditor({kOptIn}, parse(R"({"opt_in":true})"));
        auto *combo = child<QComboBox>(*editor, u"field_cf_opt_in"_s);
        QCOMPARE(combo->currentText(), u"Yes"_s);
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Up);
        QCOMPARE(valueOf(*editor), parse(R"({"opt_in":null})"));
    }

    void shouldSendADateAsAnIsoDate()
    {
        auto editor = makeEditor({kRenewal});
        auto *date = child<QDateEdit>(*editor, u"field_cf_renewal"_s);
        QCOMPARE(date->text(), u"(not set)"_s);
        QCOMPARE(editor->value(), QJsonValue(QJsonValue::Null));
        date->setFocus();
        QTest::keyClick(date, Qt::Key_Up); // the year steps off "not set"
        QCOMPARE(valueOf(*editor), parse(R"({"renewal":"1901-01-01"})"));
        date->setDate(QDate(2027, 3, 31)); // as the calendar popup sets it
        QCOMPARE(valueOf(*editor), parse(R"({"renewal":"2027-03-31"})"));
    }

    void shouldSendADateTimeWithItsOffset()
    {
        auto editor = makeEditor({kMeeting});
        auto *text = child<QLineEdit>(*editor, u"field_cf_meeting"_s);
        QTest::keyClicks(text, u"2027-01-15T09:30:00+01:00"_s);
        QCOMPARE(valueOf(*editor), parse(R"({"meeting":"2027-01-15T09:30:00+01:00"})"));
    }

    void shouldTakeATypedUserIdWithoutADirectory()
    {
        auto editor = makeEditor({kManager}, parse(R"({"manager":"u-1"})"));
        auto *line = child<QLineEdit>(*editor, u"field_cf_manager"_s);
        QCOMPARE(line->text(), u"u-1"_s);
        line->setFocus();
        line->selectAll();
        QTest::keyClicks(line, u"u-2"_s);
        QTest::keyClick(line, Qt::Key_Return);
        QCOMPARE(valueOf(*editor), parse(R"({"manager":"u-2"})"));
    }

    void shouldEditLongText()
    {
        auto editor = makeEditor({kNotes});
        QTest::keyClicks(child<QPlainTextEdit>(*editor, u"field_cf_notes"_s), u"Met at the fair"_s);
        QCOMPARE(valueOf(*editor), parse(R"({"notes":"Met at the fair"})"));
    }

    void shouldAddNoKeyForEditorsLeftUnset()
    {
        auto editor = makeEditor({kScore, kStage, kTopics, kOptIn, kRenewal, kMeeting, kManager, kNotes},
                                 parse(R"({"stage":"40"})"));
        QTest::keyClicks(child<QLineEdit>(*editor, u"field_cf_score"_s), u"3"_s);
        QCOMPARE(valueOf(*editor), parse(R"({"stage":"40","score":3})"));
    }

    void shouldKeepKeysWithoutADefinitionEditableInTheTable()
    {
        auto editor = makeEditor({kStage}, parse(R"({"stage":"42","legacy_code":"X1"})"));
        QCOMPARE(child<QComboBox>(*editor, u"field_cf_stage"_s)->currentText(), u"Commit"_s);
        auto *table = child<QTableWidget>(*editor, u"field_custom_fields"_s);
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 0)->text(), u"legacy_code"_s);
        QVERIFY(child<QLabel>(*editor, u"customFieldsOtherLabel"_s)->isVisibleTo(editor.get()));
        table->item(0, 1)->setText(u"X2"_s); // as the cell editor commits it
        QCOMPARE(valueOf(*editor), parse(R"({"stage":"42","legacy_code":"X2"})"));
    }

    // Nested values of keys without a definition are edited as JSON, beside the typed ones; the
    // short table does not take the JSON box's height.
    void shouldEditKeysWithoutADefinitionAsJson()
    {
        auto editor = makeEditor({kStage}, parse(R"({"stage":"40","nested":{"a":[1,2]}})"));
        auto *table = child<QTableWidget>(*editor, u"field_custom_fields"_s);
        const int tableHeight = editor->otherFields()->sizeHint().height();
        QTest::mouseClick(child<QPushButton>(*editor, u"field_custom_fields_mode"_s), Qt::LeftButton);
        QVERIFY(editor->otherFields()->isJsonMode());
        QVERIFY(!table->isVisible());
        QVERIFY(editor->otherFields()->sizeHint().height() > tableHeight);
        auto *json = child<QPlainTextEdit>(*editor, u"field_custom_fields_json"_s);
        QCOMPARE(QJsonDocument::fromJson(json->toPlainText().toUtf8()).object(), parse(R"({"nested":{"a":[1,2]}})"));
        json->selectAll();
        QTest::keyClicks(json, uR"({"nested":{"a":[3]}})"_s);
        QCOMPARE(valueOf(*editor), parse(R"({"stage":"40","nested":{"a":[3]}})"));
    }

    void shouldBeTheTableAloneWithoutDefinitions()
    {
        auto editor = makeEditor({}, parse(R"({"a":1})"));
        QVERIFY(!child<QWidget>(*editor, u"customFieldsTyped"_s)->isVisibleTo(editor.get()));
        QCOMPARE(child<QTableWidget>(*editor, u"field_custom_fields"_s)->rowCount(), 1);
        QCOMPARE(valueOf(*editor), parse(R"({"a":1})"));
    }

    void shouldDisableAReadOnlyFieldAndSayWhy()
    {
        auto editor = makeEditor({kScoreRo}, parse(R"({"engagement":42})"));
        QVERIFY(!child<QLineEdit>(*editor, u"field_cf_engagement"_s)->isEnabled());
        auto *reason = child<QLabel>(*editor, u"cf_engagement_readOnly"_s);
        QVERIFY(reason->isVisibleTo(editor.get()));
        QVERIFY2(reason->text().contains(u"Calculated"_s), qPrintable(reason->text()));
        QCOMPARE(valueOf(*editor), parse(R"({"engagement":42})")); // sent back as loaded
    }

    // Required custom fields block Send, with the reason under the field, until filled.
    void shouldBlockSendUntilARequiredFieldIsFilled()
    {
        RecordEditorView view(*Schema::bundled().resource(u"opportunities"_s), m_client);
        view.setAccount(AccountCapabilities::fromAccount(
            {{u"id"_s, u"62f44730-dd91-461e-bd6a-aedd9e0ad79d"_s},
             {u"integration"_s, QJsonObject{{u"label"_s, u"Pipedrive"_s}}}}));
        view.model()->load(parse(R"({"id":"9","name":"Renewal","custom_fields":{}})"));
        CustomField stage = definition(kStage);
        stage.required = true;
        view.setCustomFieldDefinitions({stage});
        view.resize(1200, 900);
        view.show();
        QCOMPARE(child<QLabel>(view, u"cf_stage_label"_s)->text(), u"Forecast category *"_s);
        auto *name = child<QLineEdit>(view, u"field_name"_s);
        QTest::keyClicks(name, u" 2027"_s);
        auto *send = child<QPushButton>(view, u"sendButton"_s);
        QVERIFY(!send->isEnabled());
        QVERIFY2(send->toolTip().contains(u"Forecast category"_s), qPrintable(send->toolTip()));
        auto *message = child<QLabel>(view, u"cf_stage_message"_s);
        QVERIFY2(message->text().contains(u"Forecast category"_s), qPrintable(message->text()));
        QVERIFY(!view.form()->row(u"custom_fields"_s)->issue().isEmpty());
        auto *combo = child<QComboBox>(view, u"field_cf_stage"_s);
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down);
        QVERIFY2(send->isEnabled(), qPrintable(view.blockingProblems().join(u'\n')));
        QVERIFY(message->text().isEmpty());
        const QJsonObject body = QJsonDocument::fromJson(view.previewRequest().body).object();
        QCOMPARE(body.value(u"custom_fields"_s).toObject(), parse(R"({"stage":"40"})"));
    }

    void shouldBlockSendWhileANumberIsNotOne()
    {
        RecordEditorView view(*Schema::bundled().resource(u"leads"_s), m_client);
        view.model()->load(parse(R"({"id":"9","first_name":"Ada","custom_fields":{"score":1}})"));
        view.setCustomFieldDefinitions({definition(kScore)});
        view.show();
        auto *line = child<QLineEdit>(view, u"field_cf_score"_s);
        line->selectAll();
        QTest::keyClicks(line, u"ten"_s);
        QVERIFY(!child<QPushButton>(view, u"sendButton"_s)->isEnabled());
        QVERIFY(!view.form()->row(u"custom_fields"_s)->issue().isEmpty());
    }

    // Every kind a HubSpot contact has, edited in the form and read back from the sandbox.
    void shouldEditAndSendEachTypeOfAContact()
    {
        auto window = makeWindow();
        RecordEditorView *editor = openFirstRecord(*window, u"HubSpot"_s, u"contacts"_s);
        QVERIFY(editor);
        // Text.
        auto *language = child<QLineEdit>(*editor, u"field_cf_preferred_language"_s);
        language->selectAll();
        QTest::keyClicks(language, u"Portuguese"_s);
        // Single select.
        auto *tier = child<QComboBox>(*editor, u"field_cf_customer_tier"_s);
        tier->setFocus();
        tier->setCurrentIndex(0);
        QTest::keyClick(tier, Qt::Key_Down);
        QTest::keyClick(tier, Qt::Key_Down); // gold, silver
        QCOMPARE(tier->currentText(), u"silver"_s);
        // Multi select.
        auto *interests = child<QListWidget>(*editor, u"field_cf_interests"_s);
        uncheckAll(interests);
        check(interests, u"Security"_s);
        check(interests, u"Training"_s);
        // Boolean.
        auto *optIn = child<QComboBox>(*editor, u"field_cf_newsletter_opt_in"_s);
        const bool wasYes = optIn->currentText() == u"Yes"_s;
        optIn->setFocus();
        // Yes -> No; not set or No -> Yes.
        QTest::keyClick(optIn, wasYes ? Qt::Key_Down : (optIn->currentIndex() == 0 ? Qt::Key_Down : Qt::Key_Up));
        QCOMPARE(optIn->currentText(), wasYes ? u"No"_s : u"Yes"_s);
        // Date-time.
        auto *event = child<QLineEdit>(*editor, u"field_cf_last_event_attended"_s);
        event->selectAll();
        QTest::keyClicks(event, u"2027-02-03T10:00:00Z"_s);
        // User, picked by name.
        QTRY_VERIFY_WITH_TIMEOUT(window->references()->state(editor->accountId(), u"users"_s)
                                     == ReferenceDirectory::State::Ready, 10000);
        auto *manager = child<QLineEdit>(*editor, u"field_cf_account_manager"_s);
        manager->setFocus();
        manager->selectAll();
        QTest::keyClicks(manager, u"tom"_s);
        QAbstractItemView *popup = manager->completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        QTest::keyClick(popup, Qt::Key_Down);
        QTest::keyClick(popup, Qt::Key_Return);
        QTRY_COMPARE(manager->text(), u"Tom Becker"_s);
        // Read-only: shown, disabled, with its reason.
        QVERIFY(!child<QLineEdit>(*editor, u"field_cf_engagement_score"_s)->isEnabled());
        QVERIFY(child<QLabel>(*editor, u"cf_engagement_score_readOnly"_s)->text().contains(u"Calculated"_s));

        sendAndWait(*editor);
        const QJsonObject stored = storedCustomFields(*editor, u"contacts"_s);
        QCOMPARE(stored.value(u"preferred_language"_s).toString(), u"Portuguese"_s);
        QCOMPARE(stored.value(u"customer_tier"_s).toString(), u"silver"_s);
        QCOMPARE(stored.value(u"interests"_s).toArray(), (QJsonArray{u"Security"_s, u"Training"_s}));
        QCOMPARE(stored.value(u"newsletter_opt_in"_s), QJsonValue(!wasYes));
        QCOMPARE(stored.value(u"last_event_attended"_s).toString().left(16), u"2027-02-03T10:00"_s);
        QCOMPARE(stored.value(u"account_manager"_s).toString(), u"48123457"_s);
    }

    // Date, currency, a required select and a read-only number on a Pipedrive deal, whose
    // custom fields are keyed by hashes and whose options are numeric ids.
    void shouldEditAndSendEachTypeOfADeal()
    {
        auto window = makeWindow();
        RecordEditorView *editor = openFirstRecord(*window, u"Pipedrive"_s, u"opportunities"_s);
        QVERIFY(editor);
        const QString renewal = u"c4ecbe01c2a8b6b1e6b0b6fbb8b1c2d3e4f5a6b7"_s;
        const QString value = u"a178c526f39fcb5cd82c338ceb8644f71e4c9c0d"_s;
        const QString forecast = u"ff306649ea1fa20dd8cde0d9d66f0d71312c9f4c"_s;
        const QString margin = u"335865c5b0c5de00e85d8617e306d5f35ca23f89"_s;
        QCOMPARE(child<QLabel>(*editor, u"cf_"_s + forecast + u"_label"_s)->text(), u"Forecast category *"_s);
        QVERIFY(child<QLabel>(*editor, u"cf_"_s + value + u"_currency"_s));
        QVERIFY(!child<QLineEdit>(*editor, u"field_cf_"_s + margin)->isEnabled());

        child<QDateEdit>(*editor, u"field_cf_"_s + renewal)->setDate(QDate(2027, 6, 30));
        auto *amount = child<QLineEdit>(*editor, u"field_cf_"_s + value);
        amount->selectAll();
        QTest::keyClicks(amount, u"48000.5"_s);
        auto *category = child<QComboBox>(*editor, u"field_cf_"_s + forecast);
        category->setFocus();
        category->setCurrentIndex(0);
        QTest::keyClick(category, Qt::Key_Down);
        QTest::keyClick(category, Qt::Key_Down);
        QTest::keyClick(category, Qt::Key_Down);
        QCOMPARE(category->currentText(), u"Commit"_s);

        sendAndWait(*editor);
        const QJsonObject stored = storedCustomFields(*editor, u"opportunities"_s);
        QCOMPARE(stored.value(renewal).toString(), u"2027-06-30"_s);
        QCOMPARE(stored.value(value).toDouble(), 48000.5);
        QCOMPARE(stored.value(forecast).toString(), u"42"_s);
    }

    // Number and long text on a HubSpot lead.
    void shouldEditAndSendANumberAndLongTextOfALead()
    {
        auto window = makeWindow();
        RecordEditorView *editor = openFirstRecord(*window, u"HubSpot"_s, u"leads"_s);
        QVERIFY(editor);
        auto *score = child<QLineEdit>(*editor, u"field_cf_lead_score"_s);
        score->selectAll();
        QTest::keyClicks(score, u"77"_s);
        auto *detail = child<QPlainTextEdit>(*editor, u"field_cf_source_detail"_s);
        detail->selectAll();
        QTest::keyClicks(detail, u"Spring webinar"_s);
        const QJsonObject body = QJsonDocument::fromJson(editor->previewRequest().body).object();
        QCOMPARE(body.value(u"custom_fields"_s).toObject().value(u"lead_score"_s), QJsonValue(77));
        sendAndWait(*editor);
        const QJsonObject stored = storedCustomFields(*editor, u"leads"_s);
        // HubSpot keeps every property as text; the number was sent as one.
        QCOMPARE(stored.value(u"lead_score"_s).toVariant().toDouble(), 77.0);
        QCOMPARE(stored.value(u"source_detail"_s).toString(), u"Spring webinar"_s);
    }
};

QTEST_MAIN(TestCustomFieldEditors)
#include "tst_customfieldeditors.moc"
