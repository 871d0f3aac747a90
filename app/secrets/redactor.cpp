#include "secrets/redactor.h"

#include <QRegularExpression>

#include <algorithm>
#include <functional>

namespace crmdesk {

namespace {

// Credential names used by query strings and JSON bodies. Exact names only: a loose match
// ("*token*") would mask Truto's own fields such as next_cursor-like pagination values.
constexpr auto kCredentialNames =
    "access_token|refresh_token|id_token|api_token|api_key|apikey|auth_token|token|"
    "client_secret|secret|password";

QString replaceEach(const QString &text, const QRegularExpression &pattern,
                    const std::function<QString(const QRegularExpressionMatch &)> &replacement)
{
    QString out;
    qsizetype last = 0;
    auto it = pattern.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        out += QStringView(text).mid(last, match.capturedStart() - last);
        out += replacement(match);
        last = match.capturedEnd();
    }
    if (last == 0)
        return text;
    out += QStringView(text).mid(last);
    return out;
}

// The forms in which a secret can appear in a text: raw, and percent-encoded in URLs.
QStringList needlesFor(const QStringList &secrets, bool asLatin1Bytes)
{
    QStringList needles;
    for (const QString &secret : secrets) {
        const QByteArray utf8 = secret.toUtf8();
        const QByteArray encoded = QUrl::toPercentEncoding(secret);
        needles.append(asLatin1Bytes ? QString::fromLatin1(utf8) : secret);
        if (encoded != utf8)
            needles.append(QString::fromLatin1(encoded));
    }
    // Longest first, so that a secret containing another is masked whole.
    std::sort(needles.begin(), needles.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    return needles;
}

QString maskInLatin1(const QString &mask)
{
    return QString::fromLatin1(mask.toUtf8());
}

} // namespace

QString Redactor::mask()
{
    return QStringLiteral("\u2022\u2022\u2022\u2022");
}

QByteArray Redactor::encodedMask()
{
    return QUrl::toPercentEncoding(mask());
}

void Redactor::addSecret(const QString &secret)
{
    if (secret.size() < kMinSecretLength || m_secrets.contains(secret))
        return;
    m_secrets.append(secret);
}

QString Redactor::redactLatin1(QString text, const QString &maskText) const
{
    // Text arrives either as real text, or as bytes viewed one char per byte (Latin-1), which
    // keeps binary bodies byte-exact; the patterns below are all ASCII, so both views match.
    const bool bytesView = maskText != mask();
    for (const QString &needle : needlesFor(m_secrets, bytesView))
        text.replace(needle, maskText);

    // "Authorization: Bearer x", "authorization=x", "\"Authorization\": \"Basic x\"".
    static const QRegularExpression authorization(
        QStringLiteral(R"re(((?:proxy-)?authorization"?[ \t]*[:=][ \t]*"?)(?:(bearer|basic|token|digest)[ \t]+)?([^\s"',;&]+))re"),
        QRegularExpression::CaseInsensitiveOption);
    text = replaceEach(text, authorization, [&](const QRegularExpressionMatch &m) -> QString {
        const QString scheme = m.captured(2);
        return m.captured(1) + (scheme.isEmpty() ? QString() : scheme + u' ') + maskText;
    });

    // A bearer token outside any header line (curl snippets, log lines, error texts).
    static const QRegularExpression bearer(QStringLiteral(R"re(\b(bearer)[ \t]+[A-Za-z0-9\-._~+/]+=*)re"),
                                           QRegularExpression::CaseInsensitiveOption);
    text = replaceEach(text, bearer, [&](const QRegularExpressionMatch &m) -> QString {
        return m.captured(1) + u' ' + maskText;
    });

    // ?access_token=x in URLs.
    static const QRegularExpression queryParameter(
        QStringLiteral(R"re(([?&;](?:%1)=)([^&#\s"']+))re").arg(QLatin1String(kCredentialNames)),
        QRegularExpression::CaseInsensitiveOption);
    text = replaceEach(text, queryParameter, [&](const QRegularExpressionMatch &m) -> QString {
        return m.captured(1) + maskText;
    });

    // "access_token": "x" in JSON bodies, e.g. an integrated account's context.
    static const QRegularExpression jsonField(
        QStringLiteral(R"re(("(?:%1)"\s*:\s*")((?:[^"\\]|\\.)*)("))re").arg(QLatin1String(kCredentialNames)),
        QRegularExpression::CaseInsensitiveOption);
    text = replaceEach(text, jsonField, [&](const QRegularExpressionMatch &m) -> QString {
        return m.captured(1) + (m.captured(2).isEmpty() ? QString() : maskText) + m.captured(3);
    });
    return text;
}

QString Redactor::redact(const QString &text) const
{
    return redactLatin1(text, mask());
}

QByteArray Redactor::redact(const QByteArray &bytes) const
{
    if (bytes.isEmpty())
        return bytes;
    return redactLatin1(QString::fromLatin1(bytes), maskInLatin1(mask())).toLatin1();
}

bool Redactor::isCredentialHeader(const QByteArray &name)
{
    static const QList<QByteArray> names = {
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key",
        "api-key", "x-auth-token", "x-access-token",
    };
    return names.contains(name.trimmed().toLower());
}

HeaderList Redactor::redact(const HeaderList &headers) const
{
    const QByteArray maskBytes = mask().toUtf8();
    HeaderList out;
    out.reserve(headers.size());
    for (const auto &[name, value] : headers) {
        QByteArray redacted = value;
        if (isCredentialHeader(name)) {
            const QByteArray lower = name.trimmed().toLower();
            const qsizetype space = value.trimmed().indexOf(' ');
            const bool keepScheme = lower.endsWith("authorization") && space > 0;
            redacted = keepScheme ? value.trimmed().left(space) + ' ' + maskBytes : maskBytes;
        }
        out.append({name, redact(redacted)});
    }
    return out;
}

QByteArray Redactor::redactUrl(const QUrl &url) const
{
    QUrl copy = url;
    // A token pasted as https://token@host or user:token@host never reaches a store.
    if (!copy.userInfo().isEmpty())
        copy.setUserInfo(mask());
    return redactEncodedUrl(copy.toEncoded());
}

QByteArray Redactor::redactEncodedUrl(const QByteArray &encodedUrl) const
{
    if (encodedUrl.isEmpty())
        return encodedUrl;
    return redactLatin1(QString::fromLatin1(encodedUrl), QString::fromLatin1(encodedMask()))
        .toLatin1();
}

} // namespace crmdesk
