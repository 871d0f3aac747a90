#pragma once

#include "api/apiresult.h"
#include "api/retrypolicy.h"

#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

class QIODevice;
class QNetworkAccessManager;
class QNetworkReply;

namespace crmdesk {

class RateLimiter;

// One API call, from its first attempt to its final answer: throttle, send, retry, classify.
// Emits finished() exactly once, with a result or an error, and then deletes itself.
class ApiCall : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int transferTimeoutMs = 30000;
        RetryPolicy retryPolicy;
        bool streaming = false; // deliver the body through bytesArrived(), never buffer it whole
        QString accountId;      // throttle key: integrated_account_id, empty for platform calls
    };

    // request is what goes on the wire, credentials included; sent is the same request with the
    // credentials redacted, the only form that leaves this object.
    ApiCall(QNetworkAccessManager *network, RateLimiter *limiter, const QNetworkRequest &request,
            const SentRequest &sent, const Options &options, QObject *parent = nullptr);
    ~ApiCall() override;

    const SentRequest &sentRequest() const { return m_sent; }
    bool isStreaming() const { return m_options.streaming; }
    bool isFinished() const { return m_done; }
    // A streamed body is also written here as it arrives. Not owned; set it before start().
    void setStreamSink(QIODevice *sink);

public Q_SLOTS:
    // TrutoClient queues start(), so whoever receives the call can connect and set a sink first.
    void start();
    // Stops the call wherever it is; finished() with ErrorKind::Cancelled is emitted before
    // cancel() returns. Does nothing once finished.
    void cancel();

Q_SIGNALS:
    void finished(const crmdesk::ApiResult &result);
    // attempt: the number of the attempt that will follow after delayMs.
    void retrying(int attempt, int delayMs, const QString &reason);
    void downloadProgress(qint64 received, qint64 total);
    // Streamed calls only: each piece of a 2xx body as it arrives.
    void bytesArrived(const QByteArray &chunk);

private:
    void waitForSlot();
    void sendAttempt();
    void readResponseHead();
    void onReadyRead();
    void onReplyFinished();
    void deliver(const QByteArray &chunk);
    void classify(ApiResult &result, int networkError, const QString &networkErrorText) const;
    void retryOrFinish(ApiResult result);
    AttemptRecord attemptRecord(ErrorKind kind, const QString &outcome) const;
    ApiResult emptyResult() const;
    void finish(ApiResult result);
    void dropReply();

    QPointer<QNetworkAccessManager> m_network;
    QPointer<RateLimiter> m_limiter;
    QNetworkRequest m_request;
    SentRequest m_sent;
    Options m_options;
    QPointer<QNetworkReply> m_reply;
    QPointer<QIODevice> m_sink;
    QTimer m_retryTimer;
    quint64 m_ticket = 0;
    bool m_started = false;
    bool m_done = false;
    bool m_cancelled = false;

    // Across attempts.
    int m_attempt = 0;
    int m_transportRetries = 0;
    QList<AttemptRecord> m_attemptLog;
    QElapsedTimer m_callClock;
    QElapsedTimer m_queueClock;
    qint64 m_queuedMs = 0;

    // The attempt in flight.
    QElapsedTimer m_attemptClock;
    qint64 m_firstByteMs = -1;
    int m_status = 0;
    QByteArray m_reasonPhrase;
    HeaderList m_headers;
    QByteArray m_body;       // whole body, or for a streamed call a non-2xx body kept for its error
    qint64 m_bodySize = 0;
    bool m_delivered = false; // streamed bytes reached the consumer: a retry could not undo that
    QStringList m_tlsErrors;
    QString m_writeError;
};

} // namespace crmdesk
