#include "secrets/redactor.h"

#include <QTest>

using namespace crmdesk;

namespace {
const QString kToken = QStringLiteral("tr_live_9f8e7d6c5b4a");
} // namespace

class TestRedactor : public QObject
{
    Q_OBJECT

private slots:
    void shouldMaskBearerTokenButKeepTheScheme()
    {
        const Redactor redactor;
        const HeaderList headers = redactor.redact(HeaderList{
            {"Authorization", "Bearer " + kToken.toLatin1()},
            {"Content-Type", "application/json"},
        });
        QCOMPARE(headers.at(0).second, QByteArray("Bearer ") + Redactor::mask().toUtf8());
        QCOMPARE(headers.at(1).second, QByteArray("application/json"));
    }

    void shouldMaskOtherCredentialHeadersEntirely_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::newRow("x-api-key") << QByteArray("X-Api-Key");
        QTest::newRow("cookie") << QByteArray("Cookie");
        QTest::newRow("proxy-authorization") << QByteArray("Proxy-Authorization");
    }

    void shouldMaskOtherCredentialHeadersEntirely()
    {
        QFETCH(QByteArray, name);
        const HeaderList headers = Redactor().redact(HeaderList{{name, "sessionid=abcdef1234"}});
        QVERIFY(!headers.at(0).second.contains("abcdef1234"));
    }

    void shouldMaskKnownTokenAnywhereInText()
    {
        Redactor redactor;
        redactor.addSecret(kToken);
        const QString text = u"Token " + kToken + u" was rejected for account 42";
        const QString redacted = redactor.redact(text);
        QVERIFY(!redacted.contains(kToken));
        QVERIFY(redacted.contains(Redactor::mask()));
        QVERIFY(redacted.endsWith(QLatin1String("was rejected for account 42")));
    }

    void shouldMaskKnownTokenInUrlsRawOrPercentEncoded()
    {
        const QString token = QStringLiteral("abc+def/ghi=");
        Redactor redactor;
        redactor.addSecret(token);
        const QUrl url = QUrl::fromEncoded("https://api.truto.one/unified/crm/contacts?key="
                                           + QUrl::toPercentEncoding(token) + "&limit=10");
        const QByteArray redacted = redactor.redactUrl(url);
        QVERIFY(!redacted.contains(QUrl::toPercentEncoding(token)));
        QVERIFY(!redacted.contains(token.toLatin1()));
        QVERIFY(redacted.contains("&limit=10"));
    }

    void shouldMaskTokenLikeQueryParametersEvenWhenTheTokenIsUnknown()
    {
        const QByteArray redacted = Redactor().redactUrl(QUrl::fromEncoded(
            "https://api.truto.one/unified/crm/contacts?access_token=s3cr3t-value&limit=10"));
        QVERIFY(!redacted.contains("s3cr3t-value"));
        QVERIFY(redacted.contains(QByteArray("access_token=").append(Redactor::encodedMask())));
        QVERIFY(redacted.contains("limit=10"));
    }

    void shouldRemoveCredentialsFromTheUserInfoOfAUrl()
    {
        const QByteArray redacted =
            Redactor().redactUrl(QUrl(QStringLiteral("https://me:hunter2-pass@api.truto.one/x")));
        QVERIFY(!redacted.contains("hunter2-pass"));
        QVERIFY(redacted.contains("api.truto.one/x"));
    }

    void shouldMaskCredentialFieldsInJsonBodies()
    {
        const QByteArray body =
            R"({"id":"acc-1","context":{"oauth":{"access_token":"ya29.provider-secret","expires_in":3600}}})";
        const QByteArray redacted = Redactor().redact(body);
        QVERIFY(!redacted.contains("ya29.provider-secret"));
        QVERIFY(redacted.contains(R"("id":"acc-1")"));
        QVERIFY(redacted.contains(R"("expires_in":3600)"));
    }

    void shouldLeaveBinaryBodiesByteExactAroundTheToken()
    {
        Redactor redactor;
        redactor.addSecret(kToken);
        QByteArray prefix;
        for (int i = 0; i < 256; ++i)
            prefix.append(char(i));
        const QByteArray suffix("\xff\xfe\x00tail", 7);
        const QByteArray redacted = redactor.redact(prefix + kToken.toLatin1() + suffix);
        QCOMPARE(redacted, prefix + Redactor::mask().toUtf8() + suffix);
    }

    void shouldLeaveOrdinaryTextUnchanged()
    {
        Redactor redactor;
        redactor.addSecret(kToken);
        const QString text = QStringLiteral("Server replied \"422 Unprocessable Entity\" to "
                                            "\"PATCH /unified/crm/contacts/42\"");
        QCOMPARE(redactor.redact(text), text);
    }

    void shouldIgnoreSecretsTooShortToMatchSafely()
    {
        Redactor redactor;
        redactor.addSecret(QStringLiteral("abc"));
        QCOMPARE(redactor.redact(QStringLiteral("abcdef")), QStringLiteral("abcdef"));
        QVERIFY(redactor.secrets().isEmpty());
    }

    void shouldGiveTheSameResultWhenAppliedTwice()
    {
        Redactor redactor;
        redactor.addSecret(kToken);
        const QString text = u"Authorization: Bearer " + kToken + u"\nx-other: 1";
        const QString once = redactor.redact(text);
        QCOMPARE(redactor.redact(once), once);
        QCOMPARE(once, u"Authorization: Bearer " + Redactor::mask() + u"\nx-other: 1");
    }
};

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
