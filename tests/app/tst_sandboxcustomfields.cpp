// The sandbox's typed custom fields over real loopback sockets: realistic field lists per
// provider (read with the app's own CustomField, so the sandbox and the form agree on kinds),
// seeded values, and PATCH refusing a wrong type (400, details.failures) or a change to a
// read-only field (400), while a form's unchanged values pass.

#include "sandboxtestclient.h"

#include "policy/customfielddefinitions.h"
#include "policy/customfieldvalidation.h"
#include "sandbox/sandboxserver.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

#include <memory>

using namespace crmdesk;

namespace {

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class TestSandboxCustomFields : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxTestClient> m_client;

    QByteArray account(const QString &provider) const
    {
        return m_server->accountIdFor(provider).toLatin1();
    }
    CustomFieldDefinitions definitions(const QByteArray &accountId)
    {
        const SandboxResponse response =
            m_client->get("/unified/crm/fields?integrated_account_id=" + accountId);
        return CustomFieldDefinitions::fromListResponse(response.json());
    }
    // The name of the field with that label on that entity; empty when there is none.
    QString nameOf(const QByteArray &accountId, const QString &entity, const QString &label)
    {
        for (const CustomField &field : definitions(accountId).definitionsFor(entity)) {
            if (field.label == label)
                return field.name;
        }
        return {};
    }
    QByteArray recordPath(const QByteArray &resource, const QString &id,
                          const QByteArray &accountId) const
    {
        return "/unified/crm/" + resource + '/' + QUrl::toPercentEncoding(id) +
               "?integrated_account_id=" + accountId;
    }
    QJsonObject firstRecord(const QByteArray &resource, const QByteArray &accountId)
    {
        return m_client
            ->get("/unified/crm/" + resource + "?integrated_account_id=" + accountId +
                  "&truto_ignore_remote_data=true")
            .json()
            .value(QLatin1String("result"))
            .toArray()
            .at(0)
            .toObject();
    }
    SandboxResponse patchCustomFields(const QByteArray &resource, const QString &id,
                                      const QByteArray &accountId, const QJsonObject &values)
    {
        return m_client->patch(recordPath(resource, id, accountId),
                               json({{QStringLiteral("custom_fields"), values}}));
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<SandboxServer>();
        QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
        m_client = std::make_unique<SandboxTestClient>(m_server->baseUrl(), m_server->token());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void shouldServeEveryKindOfFieldForEachProvider_data()
    {
        QTest::addColumn<QString>("provider");
        for (const char *provider : {"hubspot", "pipedrive", "zohocrm", "close", "capsule",
                                     "affinity", "freshsales", "insightly", "onepagecrm",
                                     "zendesksell", "highlevel", "dynamics365sales"})
            QTest::newRow(provider) << QString::fromLatin1(provider);
    }
    void shouldServeEveryKindOfFieldForEachProvider()
    {
        QFETCH(QString, provider);
        using Kind = CustomField::Kind;
        const CustomFieldDefinitions fields = definitions(account(provider));
        QSet<Kind> kinds;
        int required = 0;
        int readOnly = 0;
        for (const CustomField &field : fields.all()) {
            kinds.insert(field.kind);
            required += field.required ? 1 : 0;
            if (field.readOnly) {
                ++readOnly;
                QVERIFY(!field.readOnlyReason.isEmpty());
            }
            if (field.kind == Kind::SingleSelect || field.kind == Kind::MultiSelect)
                QVERIFY2(field.options.size() >= 2, qPrintable(field.label));
            QVERIFY(!field.label.isEmpty());
        }
        QVERIFY(kinds.contains(Kind::Text) || kinds.contains(Kind::LongText));
        QVERIFY(kinds.contains(Kind::Number) || kinds.contains(Kind::Currency));
        QVERIFY(kinds.contains(Kind::Currency));
        QVERIFY(kinds.contains(Kind::Date) || kinds.contains(Kind::DateTime));
        QVERIFY(kinds.contains(Kind::Boolean));
        QVERIFY(kinds.contains(Kind::SingleSelect));
        QVERIFY(kinds.contains(Kind::MultiSelect));
        QVERIFY(kinds.contains(Kind::User));
        QVERIFY(required >= 1);
        QVERIFY(readOnly >= 1);
    }

    void shouldSeedRecordsWithCustomFieldValues_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QByteArray>("resource");
        for (const char *provider : {"hubspot", "pipedrive", "zohocrm", "close", "capsule",
                                     "freshsales", "insightly", "onepagecrm", "zendesksell",
                                     "highlevel"}) {
            QTest::addRow("%s contacts", provider) << QString::fromLatin1(provider) << QByteArray("contacts");
            QTest::addRow("%s opportunities", provider) << QString::fromLatin1(provider) << QByteArray("opportunities");
        }
    }
    void shouldSeedRecordsWithCustomFieldValues()
    {
        QFETCH(QString, provider);
        QFETCH(QByteArray, resource);
        const QByteArray accountId = account(provider);
        const QJsonObject values =
            firstRecord(resource, accountId).value(QLatin1String("custom_fields")).toObject();
        QVERIFY2(values.size() >= 4, qPrintable(QString::fromUtf8(json(values))));
        // The seeded values are valid by their definitions, so a demo edit is not blocked.
        const QString entity = resource == "contacts" ? QStringLiteral("contact")
                                                      : QStringLiteral("opportunity");
        const QList<CustomField> defs = definitions(accountId).definitionsFor(entity);
        // Required ones filled in (nothing changed), and every value of its kind's type.
        QList<ValidationIssue> issues = validateCustomFields(defs, values, values);
        for (const CustomField &field : defs)
            issues += validateCustomFieldValue(field, values.value(field.name));
        for (const ValidationIssue &issue : std::as_const(issues))
            qWarning("%s", qPrintable(issue.message));
        QVERIFY(issues.isEmpty());
    }

    void shouldRefuseAWrongTypeWithDetailsFailures_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<QByteArray>("resource");
        QTest::addColumn<QString>("entity");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("text in a number") << QStringLiteral("Contract value") << QByteArray("opportunities")
                                          << QStringLiteral("opportunity") << QJsonValue(QStringLiteral("lots"));
        QTest::newRow("text in a boolean") << QStringLiteral("Newsletter opt-in") << QByteArray("contacts")
                                           << QStringLiteral("contact") << QJsonValue(QStringLiteral("yes"));
        QTest::newRow("date-time without zone")
            << QStringLiteral("Signed at") << QByteArray("opportunities") << QStringLiteral("opportunity")
            << QJsonValue(QStringLiteral("2024-03-01 10:00"));
        QTest::newRow("one value in a multi select")
            << QStringLiteral("Interests") << QByteArray("contacts") << QStringLiteral("contact")
            << QJsonValue(QStringLiteral("Analytics"));
        QTest::newRow("number in a text") << QStringLiteral("Preferred language") << QByteArray("contacts")
                                          << QStringLiteral("contact") << QJsonValue(42);
    }
    void shouldRefuseAWrongTypeWithDetailsFailures()
    {
        QFETCH(QString, label);
        QFETCH(QByteArray, resource);
        QFETCH(QString, entity);
        QFETCH(QJsonValue, value);
        const QByteArray accountId = account(QStringLiteral("hubspot"));
        const QString name = nameOf(accountId, entity, label);
        QVERIFY(!name.isEmpty());
        const QJsonObject before = firstRecord(resource, accountId);
        const QString id = before.value(QLatin1String("id")).toString();

        const SandboxResponse response =
            patchCustomFields(resource, id, accountId, {{name, value}});
        QCOMPARE(response.status, 400);
        const QJsonArray failures =
            response.json().value(QLatin1String("details")).toObject().value(QLatin1String("failures")).toArray();
        QCOMPARE(failures.size(), 1);
        QCOMPARE(failures.at(0).toObject().value(QLatin1String("field")).toString(),
                 QString(u"custom_fields." + name));
        QVERIFY(failures.at(0).toObject().value(QLatin1String("message")).toString().contains(label));
        // Nothing was stored.
        QCOMPARE(firstRecord(resource, accountId).value(QLatin1String("custom_fields")),
                 before.value(QLatin1String("custom_fields")));
    }

    void shouldRefuseAChangeToAReadOnlyFieldClearly()
    {
        const QByteArray accountId = account(QStringLiteral("pipedrive"));
        const QString name = nameOf(accountId, QStringLiteral("contact"), QStringLiteral("Engagement score"));
        QVERIFY(!name.isEmpty());
        const QJsonObject before = firstRecord("contacts", accountId);
        const SandboxResponse response = patchCustomFields(
            "contacts", before.value(QLatin1String("id")).toString(), accountId, {{name, 99}});
        QCOMPARE(response.status, 400);
        const QString message = response.json().value(QLatin1String("message")).toString();
        QVERIFY2(message.contains(QLatin1String("Read-only")) &&
                     message.contains(QLatin1String("Engagement score")),
                 qPrintable(message));
        QCOMPARE(response.json()
                     .value(QLatin1String("details")).toObject()
                     .value(QLatin1String("failures")).toArray()
                     .at(0).toObject().value(QLatin1String("field")).toString(),
                 QString(u"custom_fields." + name));
    }

    void shouldAcceptAFormsWholeCustomFieldsWithOneChange()
    {
        // The form sends custom_fields whole: read-only and already-stored values unchanged.
        const QByteArray accountId = account(QStringLiteral("zohocrm"));
        const QJsonObject before = firstRecord("contacts", accountId);
        QJsonObject values = before.value(QLatin1String("custom_fields")).toObject();
        const QString language = nameOf(accountId, QStringLiteral("contact"), QStringLiteral("Preferred language"));
        const QString interests = nameOf(accountId, QStringLiteral("contact"), QStringLiteral("Interests"));
        const QString score = nameOf(accountId, QStringLiteral("contact"), QStringLiteral("Engagement score"));
        QVERIFY(values.contains(score));
        values.insert(language, QStringLiteral("Portuguese"));
        values.insert(interests, QJsonArray{QStringLiteral("Security"), QStringLiteral("Training")});
        const SandboxResponse response = patchCustomFields(
            "contacts", before.value(QLatin1String("id")).toString(), accountId, values);
        QCOMPARE(response.status, 200);
        const QJsonObject after = response.json().value(QLatin1String("custom_fields")).toObject();
        QCOMPARE(after.value(language).toString(), QStringLiteral("Portuguese"));
        QCOMPARE(after.value(interests).toArray(),
                 (QJsonArray{QStringLiteral("Security"), QStringLiteral("Training")}));
        QCOMPARE(after.value(score), before.value(QLatin1String("custom_fields")).toObject().value(score));
    }

    void shouldRefuseAnOptionTheProviderDoesNotHaveAsARemote422()
    {
        // Types are Truto's check (400); options are the provider's (422, as before).
        const QByteArray accountId = account(QStringLiteral("close"));
        const QString competitors =
            nameOf(accountId, QStringLiteral("opportunity"), QStringLiteral("Competitors"));
        const QString id = firstRecord("opportunities", accountId).value(QLatin1String("id")).toString();
        const SandboxResponse response = patchCustomFields(
            "opportunities", id, accountId, {{competitors, QJsonArray{QStringLiteral("Umbrella")}}});
        QCOMPARE(response.status, 422);
        QCOMPARE(response.json().value(QLatin1String("truto_is_remote_error")).toBool(), true);
        QVERIFY(patchCustomFields("opportunities", id, accountId,
                                  {{competitors, QJsonArray{QStringLiteral("Globex")}}})
                    .status == 200);
    }

    void shouldWriteAUserFieldInTheProvidersShape()
    {
        // Capsule keeps custom fields as a list of {definition, value}; the user id round-trips.
        const QByteArray accountId = account(QStringLiteral("capsule"));
        const QString manager = nameOf(accountId, QStringLiteral("contact"), QStringLiteral("Account manager"));
        const QString id = firstRecord("contacts", accountId).value(QLatin1String("id")).toString();
        const SandboxResponse response =
            patchCustomFields("contacts", id, accountId, {{manager, QStringLiteral("63")}});
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value(QLatin1String("custom_fields")).toObject().value(manager).toString(),
                 QStringLiteral("63"));
        // The user exists for the picker.
        QCOMPARE(m_client->get("/unified/crm/users/63?integrated_account_id=" + accountId).status, 200);
    }

    void shouldDropCustomFieldsWhereTheProviderHasNoPlaceForThem()
    {
        // Affinity lists field definitions, but its records take no custom_fields: dropped, not 400.
        const QByteArray accountId = account(QStringLiteral("affinity"));
        const QString id = firstRecord("contacts", accountId).value(QLatin1String("id")).toString();
        const SandboxResponse response =
            patchCustomFields("contacts", id, accountId, {{QStringLiteral("Warm intro"), QStringLiteral("not a bool")}});
        QCOMPARE(response.status, 200);
        QVERIFY(response.header("x-sandbox-ignored-fields").contains("custom_fields"));
    }
};

QTEST_GUILESS_MAIN(TestSandboxCustomFields)
#include "tst_sandboxcustomfields.moc"
