#include "sandbox/sandboxserver.h"

#include "sandbox/loopbackhttpserver.h"
#include "sandbox/recordpersistence.h"
#include "sandbox/sandboxapi.h"
#include "sandbox/sandboxdata.h"
#include "sandbox/sandboxusage.h"
#include "schema/schema.h"

#include <QRandomGenerator>

namespace crmdesk {

using namespace crmdesk::sandbox;

namespace {
QString randomToken()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / int(sizeof(quint32)));
    return QStringLiteral("sbx_") +
           QString::fromLatin1(
               bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}
} // namespace

SandboxServer::SandboxServer(QObject *parent) : SandboxServer(Schema::bundled(), parent) {}

SandboxServer::SandboxServer(const Schema &schema, QObject *parent)
    : QObject(parent), m_token(randomToken())
{
    std::optional<SandboxData> data =
        SandboxData::load(schema, QStringLiteral(":/sandbox"), &m_error);
    m_data = std::make_unique<SandboxData>(data ? std::move(*data) : SandboxData());
    if (!m_data->schema)
        m_data->schema = &schema;
    m_api = std::make_unique<SandboxApi>(
        *m_data, [this](const Account &account, const QString &resource, const QString &id) {
            recordsChanged(account.id, resource, id);
        });
    m_api->addToken(m_token);
    m_http = new LoopbackHttpServer(
        [this](const SandboxRequest &request) { return m_api->handle(request); }, this);
}

SandboxServer::~SandboxServer() = default;

void SandboxServer::setDataDirectory(const QString &directory)
{
    m_persistence = directory.isEmpty() ? nullptr : std::make_unique<RecordPersistence>(directory);
    if (!m_persistence)
        return;
    for (const Account &account : m_data->accounts.accounts()) {
        QString error;
        const std::optional<QJsonObject> saved = m_persistence->load(account.id, &error);
        if (saved && !m_data->restoreRecords(account, *saved, &error))
            m_error = error;
        else if (!error.isEmpty())
            m_error = error;
    }
}

QString SandboxServer::dataDirectory() const
{
    return m_persistence ? m_persistence->directory() : QString();
}

bool SandboxServer::listen(quint16 port)
{
    if (m_data->accounts.accounts().isEmpty()) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("The sandbox seed data did not load");
        return false;
    }
    if (isListening())
        return true;
    return m_http->listenOnLoopback(port, &m_error);
}

bool SandboxServer::isListening() const
{
    return m_http->port() != 0;
}

QString SandboxServer::errorString() const
{
    return m_error;
}

QUrl SandboxServer::baseUrl() const
{
    if (!isListening())
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_http->port());
    return url;
}

QString SandboxServer::token() const
{
    return m_token;
}

void SandboxServer::addToken(const QString &token)
{
    m_api->addToken(token);
}

void SandboxServer::setStrictQueryEncoding(bool strict)
{
    m_api->setStrictQuery(strict);
}

void SandboxServer::setEnforceRateLimit(bool enforce)
{
    m_api->setEnforceRateLimit(enforce);
}

void SandboxServer::setRateLimit(int perAccount, int windowSeconds)
{
    m_api->setRateLimit(perAccount, windowSeconds);
}

void SandboxServer::setTimeouts(int requestMs, int idleMs)
{
    m_http->setTimeouts(requestMs, idleMs);
}

QJsonArray SandboxServer::accounts() const
{
    return m_data->accounts.toJson();
}

QString SandboxServer::accountIdFor(const QString &provider) const
{
    return m_data->accounts.firstActiveAccountFor(provider);
}

QJsonObject SandboxServer::nativeRecord(const QString &accountId, const QString &resource,
                                        const QString &id) const
{
    return m_data->records.find(accountId, resource, id).value_or(QJsonObject());
}

QJsonObject SandboxServer::unifiedRecord(const QString &accountId, const QString &resource,
                                         const QString &id) const
{
    const Account *account = m_data->accounts.find(accountId);
    const std::optional<QJsonObject> native = m_data->records.find(accountId, resource, id);
    if (!account || !native)
        return {};
    return m_data->unified(*account, resource, *native);
}

QStringList SandboxServer::recordIds(const QString &accountId, const QString &resource) const
{
    return m_data->records.ids(accountId, resource);
}

QJsonObject SandboxServer::mappingTables() const
{
    return m_data->mappings.toJson();
}

QJsonObject SandboxServer::mappingTable(const QString &provider, const QString &resource) const
{
    const ProviderMapping *mapping = m_data->mappings.find(provider, resource);
    return mapping ? mapping->toJson() : QJsonObject();
}

QString SandboxServer::usageText() const
{
    return SandboxUsage::text(*m_data, baseUrl(), m_token);
}

void SandboxServer::recordsChanged(const QString &accountId, const QString &resource,
                                   const QString &id)
{
    if (m_persistence) {
        QString error;
        const Account *account = m_data->accounts.find(accountId);
        if (account && !m_persistence->save(accountId, m_data->recordsOf(*account), &error)) {
            m_error = error;
            Q_EMIT persistenceFailed(error);
        }
    }
    Q_EMIT recordChanged(accountId, resource, id);
}

} // namespace crmdesk
