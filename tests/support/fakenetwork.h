#pragma once

#include "api/apiresult.h"

#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

#include <functional>

// A fake network for unit tests of the API client, after the fake manager of the ownCloud
// desktop client (test/testutils/syncenginetestutils.h): each test installs a handler that sees
// every request (operation, request, outgoing body) and answers with a scripted FakeResponse.
// Replies always answer asynchronously, as real ones do.
namespace crmdesk::test {

// One request as the fake server received it.
struct FakeRequest
{
    QNetworkAccessManager::Operation operation = QNetworkAccessManager::UnknownOperation;
    QByteArray verb; // "GET", "PATCH", ...
    QNetworkRequest request;
    QByteArray body;

    QByteArray encodedUrl() const { return request.url().toEncoded(); }
    QByteArray header(const QByteArray &name) const { return request.rawHeader(name); }
};

// What the fake server answers. Start from a named constructor, refine with the with-functions:
//   FakeResponse::json(200, R"({"id":"1"})").chunked(4).droppedAfter(10)
struct FakeResponse
{
    // How the exchange ends once the body (or the part of it given by endAfterBytes) is out.
    enum class Ending {
        Finish, // normally
        Hang,   // never: only the transfer timeout (or abort) ends it, as with a real stalled server
        Drop,   // the server closes the connection (RemoteHostClosedError)
        Fail,   // a transport error before any answer (refused, DNS, TLS, ...)
    };

    int status = 200;
    QByteArray reasonPhrase; // empty, as over HTTP/2
    HeaderList headers;
    QByteArray body;
    bool sendsHeaders = true;
    Ending ending = Ending::Finish;
    qint64 endAfterBytes = -1; // Hang/Drop after this many body bytes; -1: after all of them
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    int delayMs = 0;         // before the headers
    int chunkSize = 0;       // 0: the body in one piece
    int chunkIntervalMs = 0; // between pieces; 0: on the next turn of the event loop

    // `application/json; charset=utf-8`, with the standard reason phrase.
    static FakeResponse json(int status, const QByteArray &body);
    static FakeResponse payload(int status, const QByteArray &contentType, const QByteArray &body);
    // A Truto error envelope (contract §7); extra keys are merged into it.
    static FakeResponse trutoError(int status, const QString &message, bool remote = false,
                                   const QJsonObject &extra = {});
    static FakeResponse networkError(QNetworkReply::NetworkError error, const QString &text);
    // Never answers at all.
    static FakeResponse hanging();

    FakeResponse withHeader(const QByteArray &name, const QByteArray &value) const;
    FakeResponse withReasonPhrase(const QByteArray &phrase) const;
    FakeResponse delayed(int ms) const;
    FakeResponse chunked(int size, int intervalMs = 0) const;
    FakeResponse droppedAfter(qint64 bytes) const;
    FakeResponse stalledAfter(qint64 bytes) const;
};

// Plays one FakeResponse. Like Qt's own HTTP reply it honours the request's transfer timeout
// (restarted by every piece of progress) by aborting, and abort() reports
// OperationCanceledError and emits finished() at once.
class FakeReply : public QNetworkReply
{
    Q_OBJECT
public:
    FakeReply(const FakeRequest &request, const FakeResponse &response, QObject *parent);

    void abort() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }
    // Body bytes made available so far.
    qint64 bytesSent() const { return m_offset; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;

private:
    void begin();
    void sendNextChunk();
    void end();
    void fail(QNetworkReply::NetworkError error, const QString &text);
    void armTransferTimeout();
    qint64 bodyLimit() const;

    FakeResponse m_response;
    QByteArray m_unread;
    qint64 m_offset = 0;
    QTimer m_transferTimeout;
};

class FakeNetworkAccessManager : public QNetworkAccessManager
{
    Q_OBJECT
public:
    using Handler = std::function<FakeResponse(const FakeRequest &)>;

    explicit FakeNetworkAccessManager(QObject *parent = nullptr);

    void setHandler(Handler handler);
    // Answers requests with these responses in order; the last one answers all later requests.
    void respondWith(const QList<FakeResponse> &responses);

    const QList<FakeRequest> &requests() const { return m_requests; }
    FakeReply *lastReply() const { return m_lastReply; }

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    Handler m_handler;
    QList<FakeRequest> m_requests;
    QPointer<FakeReply> m_lastReply;
};

} // namespace crmdesk::test
