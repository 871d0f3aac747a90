#pragma once

#include "api/apiresult.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace crmdesk {

// Masks API tokens in everything CRM Desk stores, shows or copies: history, logs, snippets
// and exports (product principle 9). Two layers, so that one miss is caught by the other:
//  * known secrets (the tokens the app holds) are masked wherever they appear, raw or
//    percent-encoded;
//  * credential shapes are masked even when the token is unknown: "Bearer <x>",
//    Authorization/Cookie/API-key header values, and token-like query parameters.
// A value type: cheap to copy, no global state.
class Redactor
{
public:
    // What a secret is replaced with, as text ("••••").
    static QString mask();
    // The mask as it appears in an encoded URL.
    static QByteArray encodedMask();
    // Secrets shorter than this are not matched as substrings: masking every "abc" in a body
    // would destroy the text while protecting nothing (real Truto tokens are UUID-sized).
    static constexpr int kMinSecretLength = 6;

    void addSecret(const QString &secret);
    void clearSecrets() { m_secrets.clear(); }
    const QStringList &secrets() const { return m_secrets; }

    QString redact(const QString &text) const;
    // Bytes may be any encoding or binary; they are scanned byte-for-byte, never re-encoded.
    QByteArray redact(const QByteArray &bytes) const;
    // "Authorization: Bearer abc" -> "Authorization: Bearer ••••"; other credential headers are
    // masked entirely; every value is also scanned for known secrets.
    HeaderList redact(const HeaderList &headers) const;
    // The encoded URL with passwords, token-like query values and known secrets masked.
    QByteArray redactUrl(const QUrl &url) const;
    QByteArray redactEncodedUrl(const QByteArray &encodedUrl) const;

    // Authorization, Proxy-Authorization, Cookie, Set-Cookie, X-Api-Key and similar.
    static bool isCredentialHeader(const QByteArray &name);

private:
    QString redactLatin1(QString text, const QString &maskText) const;

    QStringList m_secrets;
};

} // namespace crmdesk
