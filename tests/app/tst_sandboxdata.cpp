// The sandbox's seed data and mapping tables, checked against the bundled schema: every provider
// stores what the schema says it supports, every record survives a unified round trip unchanged,
// and records stay in their provider's own shape.

#include "sandbox/datetimeformat.h"
#include "sandbox/jsonpath.h"
#include "sandbox/sandboxdata.h"
#include "schema/schema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace crmdesk;
using namespace crmdesk::sandbox;

class TestSandboxData : public QObject
{
    Q_OBJECT

private:
    std::optional<SandboxData> m_data;

    const Account &accountFor(const QString &provider)
    {
        for (const Account &account : m_data->accounts.accounts()) {
            if (account.provider == provider && !account.isFaultAccount() && !account.isSandbox &&
                account.status == QLatin1String("active") && !account.isBlocked &&
                account.schemaOverrides.isEmpty())
                return account;
        }
        qFatal("no account for %s", qPrintable(provider));
    }

    QStringList seededProviders() const
    {
        QStringList providers;
        for (const Account &account : m_data->accounts.accounts()) {
            if (!providers.contains(account.provider))
                providers.append(account.provider);
        }
        return providers;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_data = SandboxData::load(Schema::bundled(), QStringLiteral(":/sandbox"), &error);
        QVERIFY2(m_data.has_value(), qPrintable(error));
    }

    void shouldSeedAnAccountForEveryProviderTheIssueNames()
    {
        const QStringList wanted{QStringLiteral("HubSpot"),
                                 QStringLiteral("Pipedrive"),
                                 QStringLiteral("Zoho CRM"),
                                 QStringLiteral("Close"),
                                 QStringLiteral("Capsule"),
                                 QStringLiteral("Affinity"),
                                 QStringLiteral("Freshsales"),
                                 QStringLiteral("Insightly"),
                                 QStringLiteral("OnePageCRM"),
                                 QStringLiteral("Zendesk Sell"),
                                 QStringLiteral("Teamleader"),
                                 QStringLiteral("Highlevel"),
                                 QStringLiteral("Microsoft Dynamics 365 Sales")};
        for (const QString &provider : wanted) {
            QVERIFY2(!m_data->accounts.firstActiveAccountFor(provider).isEmpty(),
                     qPrintable(provider));
            // The provider name must be one the schema knows, or nothing would be driven by it.
            QVERIFY2(Schema::bundled().providers().contains(provider), qPrintable(provider));
        }
        bool sandbox = false, reauth = false, overridden = false, blocked = false;
        for (const Account &account : m_data->accounts.accounts()) {
            sandbox |= account.isSandbox;
            reauth |= account.status == QLatin1String("needs_reauth");
            overridden |=
                account.provider == QLatin1String("HubSpot") && !account.schemaOverrides.isEmpty();
            blocked |= account.isBlocked;
        }
        QVERIFY(sandbox);
        QVERIFY(reauth);
        QVERIFY(overridden);
        QVERIFY(blocked);
    }

    void shouldServeEveryResourceTheSchemaListsForASeededProvider()
    {
        const Schema &schema = Schema::bundled();
        for (const QString &provider : seededProviders()) {
            const Account &account = accountFor(provider);
            for (const QString &resourceName : schema.resources()) {
                const ResourceSchema *resource = schema.resource(resourceName);
                const bool listed = resource->allProviders().contains(provider);
                const bool served = m_data->mapping(account, resourceName) != nullptr;
                QVERIFY2(listed == served, qPrintable(provider + u' ' + resourceName));
                if (served)
                    QVERIFY2(!m_data->records.ids(account.id, resourceName).isEmpty(),
                             qPrintable(provider + u' ' + resourceName + u" has no records"));
            }
        }
    }

    void shouldMapEveryBodyFieldTheSchemaSaysTheProviderSupports()
    {
        const Schema &schema = Schema::bundled();
        for (const QString &provider : seededProviders()) {
            const Account &account = accountFor(provider);
            for (const QString &resourceName : schema.resources()) {
                const ProviderMapping *mapping = m_data->mapping(account, resourceName);
                if (!mapping)
                    continue;
                const FieldRules rules = m_data->rules(account, resourceName);
                for (const FieldSpec &field : schema.resource(resourceName)->body) {
                    if (field.isPassThrough())
                        continue;
                    if (rules.bodyState(field.name).support == Support::Supported)
                        QVERIFY2(mapping->maps(field.name),
                                 qPrintable(provider + u' ' + resourceName + u' ' + field.name));
                }
            }
        }
    }

    void shouldGiveEverySeedRecordItsProvidersRequiredFields()
    {
        for (const Account &account : m_data->accounts.accounts()) {
            if (!account.schemaOverrides.isEmpty())
                continue; // that account's extra rule is meant to be missing on some records
            for (const QString &resource : m_data->resourcesOf(account)) {
                const QStringList required = m_data->rules(account, resource).requiredBodyFields();
                for (const StoredRecord &record : m_data->records.records(account.id, resource)) {
                    const QJsonObject unified = m_data->unified(account, resource, record.native);
                    for (const QString &field : required)
                        QVERIFY2(!isEmptyValue(unified.value(field)),
                                 qPrintable(account.provider + u' ' + resource + u' ' + record.id +
                                            u' ' + field));
                }
            }
        }
    }

    void shouldLeaveEveryRecordUnchangedWhenItsUnifiedViewIsWrittenBack()
    {
        // The mapping is used in both directions, so reading a record and writing every field
        // back must give the same native record: no lost keys, no changed types or formats.
        for (const Account &account : m_data->accounts.accounts()) {
            if (account.isFaultAccount())
                continue;
            for (const QString &resource : m_data->resourcesOf(account)) {
                const ProviderMapping *mapping = m_data->mapping(account, resource);
                const QJsonArray customFields = m_data->customFieldsFor(account, resource);
                for (const StoredRecord &record : m_data->records.records(account.id, resource)) {
                    QJsonObject unified = mapping->toUnified(record.native, customFields);
                    unified.remove(QStringLiteral("id"));
                    QJsonObject native = record.native;
                    const ProviderMapping::WriteResult result =
                        mapping->write(native, unified, customFields);
                    QVERIFY2(result.rejection.isEmpty(), qPrintable(result.rejection));
                    QVERIFY2(result.ignored.isEmpty(), qPrintable(result.ignored.join(u',')));
                    if (native != record.native) {
                        qWarning().noquote() << account.provider << resource << record.id
                                             << "\nbefore" << QJsonDocument(record.native).toJson()
                                             << "\nafter " << QJsonDocument(native).toJson();
                    }
                    QVERIFY2(native == record.native,
                             qPrintable(account.provider + u' ' + resource + u' ' + record.id));
                }
            }
        }
    }

    void shouldKeepRecordsInEachProvidersNativeShape()
    {
        const auto native = [this](const QString &provider, const QString &resource) {
            const Account &account = accountFor(provider);
            return m_data->records.records(account.id, resource).first().native;
        };
        QVERIFY(native(QStringLiteral("HubSpot"), QStringLiteral("contacts"))
                    .value(QLatin1String("properties"))
                    .toObject()
                    .contains(QLatin1String("firstname")));
        QVERIFY(native(QStringLiteral("Pipedrive"), QStringLiteral("notes"))
                    .value(QLatin1String("person_id"))
                    .isDouble());
        QVERIFY(native(QStringLiteral("Zoho CRM"), QStringLiteral("contacts"))
                    .value(QLatin1String("Owner"))
                    .toObject()
                    .contains(QLatin1String("name")));
        QVERIFY(native(QStringLiteral("Close"), QStringLiteral("notes"))
                    .contains(QLatin1String("lead_id")));
        QVERIFY(native(QStringLiteral("Capsule"), QStringLiteral("contacts"))
                    .value(QLatin1String("emailAddresses"))
                    .isArray());
        const Account &hubspot = accountFor(QStringLiteral("HubSpot"));
        const QJsonObject unified =
            m_data->unified(hubspot, QStringLiteral("contacts"),
                            native(QStringLiteral("HubSpot"), QStringLiteral("contacts")));
        QCOMPARE(unified.value(QLatin1String("first_name")).toString(), QStringLiteral("Ada"));
        QCOMPARE(unified.value(QLatin1String("email_addresses"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("email"))
                     .toString(),
                 QStringLiteral("ada@analytical-engines.example"));
    }

    void shouldConvertProviderDateFormatsToIsoAndBack_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QJsonValue>("native");
        QTest::addColumn<QString>("unified");
        QTest::newRow("sql") << QStringLiteral("sql")
                             << QJsonValue(QStringLiteral("2024-01-15 10:20:30"))
                             << QStringLiteral("2024-01-15T10:20:30.000Z");
        QTest::newRow("offset keeps +05:30")
            << QStringLiteral("offset") << QJsonValue(QStringLiteral("2024-01-15T15:50:30+05:30"))
            << QStringLiteral("2024-01-15T10:20:30.000Z");
        QTest::newRow("close micro")
            << QStringLiteral("offset_micro")
            << QJsonValue(QStringLiteral("2024-01-15T10:20:30.123000+00:00"))
            << QStringLiteral("2024-01-15T10:20:30.123Z");
        QTest::newRow("epoch ms") << QStringLiteral("epoch_ms") << QJsonValue(1705314030123.0)
                                  << QStringLiteral("2024-01-15T10:20:30.123Z");
        QTest::newRow("date") << QStringLiteral("date") << QJsonValue(QStringLiteral("2024-06-30"))
                              << QStringLiteral("2024-06-30T00:00:00.000Z");
    }

    void shouldConvertProviderDateFormatsToIsoAndBack()
    {
        QFETCH(QString, format);
        QFETCH(QJsonValue, native);
        QFETCH(QString, unified);
        const auto parsed = DateTimeFormat::parseNative(native, format);
        QVERIFY(parsed.has_value());
        QCOMPARE(DateTimeFormat::toUnified(*parsed), unified);
        QCOMPARE(DateTimeFormat::toNative(*DateTimeFormat::parse(unified), format, native), native);
    }
};

QTEST_GUILESS_MAIN(TestSandboxData)
#include "tst_sandboxdata.moc"
