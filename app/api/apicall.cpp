#include "api/apicall.h"

#include "api/errortext.h"
#include "api/ratelimiter.h"

#include <QDateTime>
#include <QIODevice>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#if QT_CONFIG(ssl)
#include <QSslError>
#endif

namespace crmdesk {

namespace {

// A streamed call keeps a non-2xx body for its error envelope (§7), which is small; anything
// past this is counted but not kept, so a misbehaving server cannot fill memory.
constexpr qsizetype kMaxKeptErrorBody = 1024 * 1024;

bool isSuccess(int status)
{
    return status >= 200 && status < 300;
}

// Qt reports an HTTP error status as a NetworkError too (404 as ContentNotFoundError, ...).
// Those are answers, not transport failures: only connection-level codes (below 200), proxy
// codes and a broken protocol exchange mean the answer itself did not arrive whole.
bool isTransportFailure(QNetworkReply::NetworkError error)
{
    return (error > QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied)
           || error == QNetworkReply::ProtocolFailure || error == QNetworkReply::ProtocolUnknownError;
}

ErrorKind transportKind(QNetworkReply::NetworkError error, bool cancelledByUser, bool headersArrived)
{
    switch (error) {
    case QNetworkReply::OperationCanceledError:
        // Qt ends a reply whose transfer timeout elapsed exactly like an aborted one (checked
        // on Qt 6.4), so "not cancelled by us" is how a timeout is told apart.
        return cancelledByUser ? ErrorKind::Cancelled : ErrorKind::Timeout;
    case QNetworkReply::TimeoutError:
        return ErrorKind::Timeout;
    case QNetworkReply::ConnectionRefusedError:
        return ErrorKind::ConnectionRefused;
    case QNetworkReply::HostNotFoundError:
        return ErrorKind::HostNotFound;
    case QNetworkReply::SslHandshakeFailedError:
        return ErrorKind::Tls;
    case QNetworkReply::RemoteHostClosedError:
        return ErrorKind::ConnectionClosed;
    case QNetworkReply::ProtocolFailure:
        // After the headers, a broken exchange is a body cut short (for example a chunked
        // body without its last chunk).
        return headersArrived ? ErrorKind::ConnectionClosed : ErrorKind::Network;
    default:
        return ErrorKind::Network;
    }
}

} // namespace

ApiCall::ApiCall(QNetworkAccessManager *network, RateLimiter *limiter,
                 const QNetworkRequest &request, const SentRequest &sent, const Options &options,
                 QObject *parent)
    : QObject(parent), m_network(network), m_limiter(limiter), m_request(request), m_sent(sent),
      m_options(options)
{
    m_request.setTransferTimeout(m_options.transferTimeoutMs);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ApiCall::waitForSlot);
}

ApiCall::~ApiCall()
{
    dropReply();
    if (m_limiter && m_ticket)
        m_limiter->withdraw(m_ticket);
}

void ApiCall::setStreamSink(QIODevice *sink)
{
    m_sink = sink;
}

void ApiCall::start()
{
    if (m_started || m_done)
        return;
    m_started = true;
    m_callClock.start();
    waitForSlot();
}

void ApiCall::cancel()
{
    if (m_done)
        return;
    m_cancelled = true;
    m_retryTimer.stop();
    if (m_reply) {
        readResponseHead();
        m_attemptLog.append(attemptRecord(ErrorKind::Cancelled, toString(ErrorKind::Cancelled).toLower()));
    }
    dropReply();
    ApiResult result = emptyResult();
    result.errorKind = ErrorKind::Cancelled;
    errortext::TransportFailure failure;
    failure.kind = ErrorKind::Cancelled;
    result.errorString = errortext::transportError(m_sent, failure);
    finish(result);
}

void ApiCall::waitForSlot()
{
    if (!m_limiter) {
        sendAttempt();
        return;
    }
    m_queueClock.start();
    m_ticket = m_limiter->acquire(m_options.accountId, this, [this] {
        m_ticket = 0;
        m_queuedMs += m_queueClock.elapsed();
        sendAttempt();
    });
}

void ApiCall::sendAttempt()
{
    if (m_done)
        return;
    ++m_attempt;
    m_ticket = 0;
    m_firstByteMs = -1;
    m_status = 0;
    m_reasonPhrase.clear();
    m_headers.clear();
    m_body.clear();
    m_bodySize = 0;
    m_tlsErrors.clear();
    m_attemptClock.start();

    if (!m_network) {
        ApiResult result = emptyResult();
        result.errorKind = ErrorKind::Network;
        errortext::TransportFailure failure;
        failure.detail = QStringLiteral("the network is not available");
        result.errorString = errortext::transportError(m_sent, failure);
        finish(result);
        return;
    }
    QNetworkReply *reply = m_sent.method == "GET"
                               ? m_network->get(m_request)
                               : m_network->sendCustomRequest(m_request, m_sent.method, m_sent.body);
    m_reply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, &ApiCall::readResponseHead);
    connect(reply, &QNetworkReply::readyRead, this, &ApiCall::onReadyRead);
    connect(reply, &QNetworkReply::downloadProgress, this, &ApiCall::downloadProgress);
    connect(reply, &QNetworkReply::finished, this, &ApiCall::onReplyFinished);
#if QT_CONFIG(ssl)
    // Recorded for the error text only. ignoreSslErrors() is never called: a certificate the
    // system does not trust ends the call (the token would otherwise go to an impostor).
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        for (const QSslError &error : errors)
            m_tlsErrors.append(error.errorString());
    });
#endif
}

void ApiCall::readResponseHead()
{
    if (!m_reply)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    if (m_firstByteMs < 0)
        m_firstByteMs = m_attemptClock.elapsed();
    m_status = status.toInt();
    m_reasonPhrase = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    m_headers = m_reply->rawHeaderPairs();
}

void ApiCall::onReadyRead()
{
    if (m_firstByteMs < 0)
        m_firstByteMs = m_attemptClock.elapsed();
    if (!m_options.streaming || !m_reply)
        return; // buffered calls read the whole body once it is complete
    if (m_status == 0)
        readResponseHead();
    deliver(m_reply->readAll());
}

void ApiCall::deliver(const QByteArray &chunk)
{
    if (chunk.isEmpty() || !m_writeError.isEmpty())
        return;
    m_bodySize += chunk.size();
    if (!isSuccess(m_status)) {
        if (m_body.size() < kMaxKeptErrorBody)
            m_body += chunk.left(kMaxKeptErrorBody - m_body.size());
        return;
    }
    m_delivered = true;
    if (m_sink && m_sink->write(chunk) != chunk.size()) {
        m_writeError = m_sink->errorString();
        if (m_reply)
            m_reply->abort(); // finishes the reply at once; onReplyFinished reports the write error
        return;
    }
    Q_EMIT bytesArrived(chunk);
}

void ApiCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply || m_done)
        return;
    readResponseHead();
    // An aborted reply (timeout, sink failure) is closed already and has nothing left to read.
    const QByteArray rest = reply->isOpen() ? reply->readAll() : QByteArray();
    if (m_options.streaming) {
        deliver(rest);
        if (m_done)
            return; // the consumer cancelled while handling the last bytes
    } else {
        m_body = rest;
        m_bodySize = m_body.size();
    }
    const QNetworkReply::NetworkError error = reply->error();
    const QString errorText = reply->errorString();
    dropReply();

    ApiResult result = emptyResult();
    result.httpStatus = m_status;
    result.reasonPhrase = m_reasonPhrase;
    result.headers = m_headers;
    result.body = m_body;
    result.bodySize = m_bodySize;
    classify(result, int(error), errorText);
    retryOrFinish(result);
}

void ApiCall::classify(ApiResult &result, int networkError, const QString &networkErrorText) const
{
    const auto error = QNetworkReply::NetworkError(networkError);
    const QByteArray contentType = result.header("content-type");
    const bool headersArrived = m_status > 0;

    if (!m_writeError.isEmpty()) {
        result.errorKind = ErrorKind::LocalWrite;
        errortext::TransportFailure failure;
        failure.kind = ErrorKind::LocalWrite;
        failure.detail = m_writeError;
        result.errorString = errortext::transportError(m_sent, failure);
        return;
    }
    if (error != QNetworkReply::NoError && (!headersArrived || isTransportFailure(error))) {
        errortext::TransportFailure failure;
        failure.kind = transportKind(error, m_cancelled, headersArrived);
        failure.detail = failure.kind == ErrorKind::Tls && !m_tlsErrors.isEmpty()
                             ? m_tlsErrors.join(QStringLiteral("; "))
                             : networkErrorText;
        failure.answerStarted = headersArrived;
        failure.bytesReceived = m_bodySize;
        failure.timeoutMs = m_options.transferTimeoutMs;
        result.errorKind = failure.kind;
        result.errorString = errortext::transportError(m_sent, failure);
        return;
    }
    // Parse by what the server says the body is, never by the format we asked for (§6.1).
    const bool json = isJsonContentType(contentType);
    if (!isSuccess(m_status)) {
        result.errorKind = ErrorKind::Http;
        result.trutoError = TrutoError::fromBody(result.body);
        if (json)
            result.json = QJsonDocument::fromJson(result.body);
        result.errorString = errortext::httpError(m_sent, m_status, m_reasonPhrase, result.trutoError,
                                                  result.body, contentType);
        return;
    }
    if (!json || m_options.streaming || m_status == 204)
        return; // 204 has no body by definition (§8.1); a streamed body was never kept
    // A DOM of a body this large would freeze the UI thread for seconds and take several times
    // its size; nothing that edits records needs one, and the inspector indexes the bytes itself.
    if (result.body.size() > kMaxParsedJsonBytes)
        return;
    QJsonParseError parseError;
    result.json = QJsonDocument::fromJson(result.body, &parseError);
    if (result.body.isEmpty() || parseError.error != QJsonParseError::NoError) {
        result.json = QJsonDocument();
        result.errorKind = ErrorKind::InvalidResponse;
        const QString where = result.body.isEmpty()
                                  ? QString()
                                  : QStringLiteral("%1 at byte %2")
                                        .arg(parseError.errorString(), QString::number(parseError.offset));
        result.errorString = errortext::invalidJson(m_sent, m_status, m_reasonPhrase, contentType, where);
    }
}

void ApiCall::retryOrFinish(ApiResult result)
{
    const bool answered = result.errorKind == ErrorKind::None || result.errorKind == ErrorKind::Http
                          || result.errorKind == ErrorKind::InvalidResponse;
    AttemptRecord record = attemptRecord(
        result.errorKind, answered ? errortext::statusLine(m_status, m_reasonPhrase, result.trutoError)
                                   : toString(result.errorKind).toLower());

    // Bytes already handed to a stream consumer cannot be taken back, so such a call is final.
    if (!result.ok() && result.errorKind != ErrorKind::Cancelled && !m_delivered) {
        // The policy decides by status only when a complete error answer arrived; anything else
        // (a transfer that broke, a body that does not parse) it judges by the error kind.
        const bool byStatus = result.errorKind == ErrorKind::Http;
        AttemptOutcome outcome;
        outcome.method = m_sent.method;
        outcome.attempt = m_attempt;
        outcome.httpStatus = byStatus ? m_status : 0;
        outcome.headers = m_headers;
        outcome.isRemoteError = result.trutoError && result.trutoError->isRemoteError;
        outcome.transportError = byStatus ? ErrorKind::None : result.errorKind;
        outcome.transportRetries = m_transportRetries;
        const RetryDecision decision = m_options.retryPolicy.decide(
            outcome, QDateTime::currentDateTimeUtc(), QRandomGenerator::global()->generateDouble());
        if (decision.retry) {
            record.retryDelayMs = decision.delayMs;
            record.retryReason = decision.reason;
            m_attemptLog.append(record);
            if (!byStatus)
                ++m_transportRetries;
            Q_EMIT retrying(m_attempt + 1, decision.delayMs, decision.reason);
            if (!m_done && !m_cancelled)
                m_retryTimer.start(decision.delayMs); // waits on the event loop, never blocks
            return;
        }
        record.retryReason = decision.reason;
    }
    m_attemptLog.append(record);
    finish(result);
}

AttemptRecord ApiCall::attemptRecord(ErrorKind kind, const QString &outcome) const
{
    AttemptRecord record;
    record.number = m_attempt;
    record.httpStatus = m_status;
    record.errorKind = kind;
    record.outcome = outcome;
    record.headers = m_headers;
    record.durationMs = m_attemptClock.elapsed();
    return record;
}

ApiResult ApiCall::emptyResult() const
{
    ApiResult result;
    result.request = m_sent;
    result.streamed = m_options.streaming;
    return result;
}

void ApiCall::finish(ApiResult result)
{
    if (m_done)
        return;
    m_done = true;
    m_retryTimer.stop();
    if (m_limiter && m_ticket)
        m_limiter->withdraw(m_ticket);
    m_ticket = 0;

    result.timings.queuedMs = m_queuedMs;
    result.timings.firstByteMs = m_firstByteMs;
    result.timings.totalMs = m_callClock.isValid() ? m_callClock.elapsed() : 0;
    result.timings.attempts = std::max(1, m_attempt);
    result.attemptLog = m_attemptLog;
    if (!result.ok() && result.errorKind != ErrorKind::Cancelled)
        result.errorString += errortext::attemptsNote(m_attempt);
    Q_EMIT finished(result);
    deleteLater();
}

void ApiCall::dropReply()
{
    QNetworkReply *reply = m_reply.data();
    m_reply.clear();
    if (!reply)
        return;
    disconnect(reply, nullptr, this, nullptr);
    if (reply->isRunning())
        reply->abort();
    reply->deleteLater();
}

} // namespace crmdesk
