#include "fakenetwork.h"

#include "api/errortext.h"

#include <QJsonDocument>

#include <algorithm>
#include <memory>

namespace crmdesk::test {

namespace {

// The NetworkError Qt's HTTP backend sets for an error status, so that the client under test
// sees what it would see from a real server.
QNetworkReply::NetworkError networkErrorForStatus(int status)
{
    switch (status) {
    case 400: return QNetworkReply::ProtocolInvalidOperationError;
    case 401: return QNetworkReply::AuthenticationRequiredError;
    case 403: return QNetworkReply::ContentAccessDenied;
    case 404: return QNetworkReply::ContentNotFoundError;
    case 405: return QNetworkReply::ContentOperationNotPermittedError;
    case 407: return QNetworkReply::ProxyAuthenticationRequiredError;
    case 409: return QNetworkReply::ContentConflictError;
    case 410: return QNetworkReply::ContentGoneError;
    case 500: return QNetworkReply::InternalServerError;
    case 501: return QNetworkReply::OperationNotImplementedError;
    case 503: return QNetworkReply::ServiceUnavailableError;
    default:
        if (status >= 500)
            return QNetworkReply::UnknownServerError;
        if (status >= 400)
            return QNetworkReply::UnknownContentError;
        return QNetworkReply::NoError;
    }
}

QByteArray verbOf(QNetworkAccessManager::Operation operation, const QNetworkRequest &request)
{
    switch (operation) {
    case QNetworkAccessManager::HeadOperation: return "HEAD";
    case QNetworkAccessManager::GetOperation: return "GET";
    case QNetworkAccessManager::PutOperation: return "PUT";
    case QNetworkAccessManager::PostOperation: return "POST";
    case QNetworkAccessManager::DeleteOperation: return "DELETE";
    case QNetworkAccessManager::CustomOperation:
        return request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
    default: return {};
    }
}

} // namespace

FakeResponse FakeResponse::json(int status, const QByteArray &body)
{
    return payload(status, "application/json; charset=utf-8", body);
}

FakeResponse FakeResponse::payload(int status, const QByteArray &contentType, const QByteArray &body)
{
    FakeResponse response;
    response.status = status;
    response.reasonPhrase = errortext::standardReasonPhrase(status).toLatin1();
    if (!contentType.isEmpty())
        response.headers.append({QByteArray("Content-Type"), contentType});
    response.body = body;
    return response;
}

FakeResponse FakeResponse::trutoError(int status, const QString &message, bool remote,
                                      const QJsonObject &extra)
{
    QJsonObject envelope{{QStringLiteral("statusCode"), status},
                         {QStringLiteral("error"), errortext::standardReasonPhrase(status)},
                         {QStringLiteral("message"), message}};
    if (remote)
        envelope.insert(QStringLiteral("truto_is_remote_error"), true);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        envelope.insert(it.key(), it.value());
    return json(status, QJsonDocument(envelope).toJson(QJsonDocument::Compact));
}

FakeResponse FakeResponse::networkError(QNetworkReply::NetworkError error, const QString &text)
{
    FakeResponse response;
    response.sendsHeaders = false;
    response.ending = Ending::Fail;
    response.error = error;
    response.errorString = text;
    return response;
}

FakeResponse FakeResponse::hanging()
{
    FakeResponse response;
    response.sendsHeaders = false;
    response.ending = Ending::Hang;
    return response;
}

FakeResponse FakeResponse::withHeader(const QByteArray &name, const QByteArray &value) const
{
    FakeResponse copy = *this;
    copy.headers.append({name, value});
    return copy;
}

FakeResponse FakeResponse::withReasonPhrase(const QByteArray &phrase) const
{
    FakeResponse copy = *this;
    copy.reasonPhrase = phrase;
    return copy;
}

FakeResponse FakeResponse::delayed(int ms) const
{
    FakeResponse copy = *this;
    copy.delayMs = ms;
    return copy;
}

FakeResponse FakeResponse::chunked(int size, int intervalMs) const
{
    FakeResponse copy = *this;
    copy.chunkSize = size;
    copy.chunkIntervalMs = intervalMs;
    return copy;
}

FakeResponse FakeResponse::droppedAfter(qint64 bytes) const
{
    FakeResponse copy = *this;
    copy.ending = Ending::Drop;
    copy.endAfterBytes = bytes;
    return copy;
}

FakeResponse FakeResponse::stalledAfter(qint64 bytes) const
{
    FakeResponse copy = *this;
    copy.ending = Ending::Hang;
    copy.endAfterBytes = bytes;
    return copy;
}

FakeReply::FakeReply(const FakeRequest &request, const FakeResponse &response, QObject *parent)
    : QNetworkReply(parent), m_response(response)
{
    setRequest(request.request);
    setUrl(request.request.url());
    setOperation(request.operation);
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    m_transferTimeout.setSingleShot(true);
    connect(&m_transferTimeout, &QTimer::timeout, this, &FakeReply::abort);
    armTransferTimeout();
    QTimer::singleShot(m_response.delayMs, this, &FakeReply::begin);
}

void FakeReply::abort()
{
    if (isFinished())
        return;
    close();
    fail(QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
}

qint64 FakeReply::bytesAvailable() const
{
    return m_unread.size() + QNetworkReply::bytesAvailable();
}

qint64 FakeReply::readData(char *data, qint64 maxSize)
{
    const qint64 count = std::min<qint64>(maxSize, m_unread.size());
    std::copy_n(m_unread.constData(), count, data);
    m_unread.remove(0, count);
    return count;
}

void FakeReply::begin()
{
    if (isFinished())
        return;
    if (!m_response.sendsHeaders) {
        if (m_response.ending == FakeResponse::Ending::Fail)
            fail(m_response.error, m_response.errorString);
        return; // Hang: only the transfer timeout or abort() ends it
    }
    armTransferTimeout();
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_response.status);
    if (!m_response.reasonPhrase.isEmpty())
        setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, m_response.reasonPhrase);
    for (const auto &[name, value] : m_response.headers)
        setRawHeader(name, value);
    Q_EMIT metaDataChanged();
    sendNextChunk();
}

void FakeReply::sendNextChunk()
{
    if (isFinished())
        return;
    const qint64 limit = bodyLimit();
    if (m_offset < limit) {
        const qint64 size = m_response.chunkSize > 0 ? std::min<qint64>(m_response.chunkSize, limit - m_offset)
                                                     : limit - m_offset;
        m_unread += m_response.body.mid(m_offset, size);
        m_offset += size;
        armTransferTimeout();
        Q_EMIT downloadProgress(m_offset, m_response.body.size());
        Q_EMIT readyRead();
    }
    const int wait = m_offset < limit ? m_response.chunkIntervalMs : 0;
    QTimer::singleShot(wait, this, m_offset < limit ? &FakeReply::sendNextChunk : &FakeReply::end);
}

void FakeReply::end()
{
    if (isFinished())
        return;
    switch (m_response.ending) {
    case FakeResponse::Ending::Hang:
        return;
    case FakeResponse::Ending::Drop:
        fail(QNetworkReply::RemoteHostClosedError, QStringLiteral("Connection closed"));
        return;
    case FakeResponse::Ending::Fail:
        fail(m_response.error, m_response.errorString);
        return;
    case FakeResponse::Ending::Finish:
        break;
    }
    const QNetworkReply::NetworkError error = networkErrorForStatus(m_response.status);
    if (error != QNetworkReply::NoError) {
        fail(error, QStringLiteral("Error transferring %1 - server replied: %2")
                        .arg(url().toString(), QString::fromLatin1(m_response.reasonPhrase)));
        return;
    }
    m_transferTimeout.stop();
    setFinished(true);
    Q_EMIT finished();
}

void FakeReply::fail(QNetworkReply::NetworkError error, const QString &text)
{
    m_transferTimeout.stop();
    setError(error, text);
    Q_EMIT errorOccurred(error);
    setFinished(true);
    Q_EMIT finished();
}

void FakeReply::armTransferTimeout()
{
    const int timeout = request().transferTimeout();
    if (timeout > 0)
        m_transferTimeout.start(timeout);
}

qint64 FakeReply::bodyLimit() const
{
    const qint64 size = m_response.body.size();
    return m_response.endAfterBytes >= 0 ? std::min(m_response.endAfterBytes, size) : size;
}

FakeNetworkAccessManager::FakeNetworkAccessManager(QObject *parent) : QNetworkAccessManager(parent)
{
}

void FakeNetworkAccessManager::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

void FakeNetworkAccessManager::respondWith(const QList<FakeResponse> &responses)
{
    auto queue = std::make_shared<QList<FakeResponse>>(responses);
    m_handler = [queue](const FakeRequest &) {
        return queue->size() > 1 ? queue->takeFirst() : queue->first();
    };
}

QNetworkReply *FakeNetworkAccessManager::createRequest(Operation operation,
                                                       const QNetworkRequest &request,
                                                       QIODevice *outgoingData)
{
    FakeRequest received;
    received.operation = operation;
    received.verb = verbOf(operation, request);
    received.request = request;
    if (outgoingData)
        received.body = outgoingData->readAll();
    m_requests.append(received);

    // No handler means the test did not expect a request: answer loudly rather than hang.
    const FakeResponse response =
        m_handler ? m_handler(received)
                  : FakeResponse::payload(501, "text/plain",
                                          "FakeNetworkAccessManager: no handler for " + received.verb
                                              + ' ' + received.encodedUrl());
    auto *reply = new FakeReply(received, response, this);
    m_lastReply = reply;
    return reply;
}

} // namespace crmdesk::test
