#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace crmdesk {

// The Truto environment a profile's token belongs to (contract §2.2: a token is bound to one
// environment). Shown as a badge on every Save (product principle 7).
enum class Environment { Production, Staging, Sandbox };

QString toString(Environment environment);               // "production", "staging", "sandbox"
std::optional<Environment> environmentFromString(const QString &text);

// Where and how to reach Truto. Holds no token: the token of a profile lives in the
// SecretStore under the profile's id (product principle 9).
struct ConnectionProfile
{
    static constexpr int kDefaultTransferTimeoutMs = 30000; // contract §10
    static constexpr int kMinTransferTimeoutMs = 1000;
    static constexpr int kMaxTransferTimeoutMs = 600000;

    QString id;   // stable, never shown; a UUID from create()
    QString name; // shown to people: "Acme production"
    QUrl baseUrl = defaultBaseUrl();
    Environment environment = Environment::Production;
    int transferTimeoutMs = kDefaultTransferTimeoutMs;

    // A new profile with a fresh id.
    static ConnectionProfile create(const QString &name, const QUrl &baseUrl = defaultBaseUrl(),
                                    Environment environment = Environment::Production);
    static QUrl defaultBaseUrl(); // https://api.truto.one (contract §2.1)

    // Why a base URL cannot be used, in one sentence; empty when it can. https only, except
    // plain http to this computer (the offline sandbox server, contract §21 item 8); no user
    // name or password in the URL, because that would put a secret in the settings file.
    static QString baseUrlError(const QUrl &url);
    // The first problem with this profile, or empty when it can be used.
    QString validationError() const;
    bool isValid() const { return validationError().isEmpty(); }

    friend bool operator==(const ConnectionProfile &, const ConnectionProfile &) = default;
};

} // namespace crmdesk
