#include "settings/connectionprofile.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QUuid>

namespace crmdesk {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("crmdesk::ConnectionProfile", text);
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}
} // namespace

QString toString(Environment environment)
{
    switch (environment) {
    case Environment::Staging:
        return QStringLiteral("staging");
    case Environment::Sandbox:
        return QStringLiteral("sandbox");
    case Environment::Production:
        break;
    }
    return QStringLiteral("production");
}

std::optional<Environment> environmentFromString(const QString &text)
{
    for (Environment environment :
         {Environment::Production, Environment::Staging, Environment::Sandbox}) {
        if (text.compare(toString(environment), Qt::CaseInsensitive) == 0)
            return environment;
    }
    return std::nullopt;
}

ConnectionProfile ConnectionProfile::create(const QString &name, const QUrl &baseUrl,
                                            Environment environment)
{
    ConnectionProfile profile;
    profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    profile.name = name;
    profile.baseUrl = baseUrl;
    profile.environment = environment;
    return profile;
}

QUrl ConnectionProfile::defaultBaseUrl()
{
    return QUrl(QStringLiteral("https://api.truto.one"));
}

QString ConnectionProfile::baseUrlError(const QUrl &url)
{
    if (url.isEmpty())
        return tr("Enter a base URL, for example https://api.truto.one.");
    if (!url.isValid())
        return tr("The base URL is not a valid URL: %1").arg(url.errorString());
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return tr("The base URL must start with https://.");
    if (url.host().isEmpty())
        return tr("The base URL has no host name.");
    if (!url.userInfo().isEmpty())
        return tr("The base URL must not contain a user name or password; the API token is "
                  "kept in the system keychain.");
    if (url.hasQuery() || url.hasFragment())
        return tr("The base URL must not contain a query (?…) or a fragment (#…).");
    if (scheme == QLatin1String("http") && !isLoopbackHost(url.host()))
        return tr("Plain http:// is allowed only for this computer (localhost, 127.0.0.1 or ::1). "
                  "Use https:// for %1 so that the API token is never sent unencrypted.")
            .arg(url.host());
    return {};
}

QString ConnectionProfile::validationError() const
{
    if (id.trimmed().isEmpty())
        return tr("The profile has no id.");
    if (name.trimmed().isEmpty())
        return tr("Give the profile a name.");
    if (const QString error = baseUrlError(baseUrl); !error.isEmpty())
        return error;
    if (transferTimeoutMs < kMinTransferTimeoutMs || transferTimeoutMs > kMaxTransferTimeoutMs)
        return tr("The transfer timeout must be between %1 and %2 seconds.")
            .arg(kMinTransferTimeoutMs / 1000)
            .arg(kMaxTransferTimeoutMs / 1000);
    return {};
}

} // namespace crmdesk
