#pragma once

// A plain QNetworkAccessManager client for the sandbox tests: real requests over loopback, the
// URL passed exactly as encoded, the reply's bytes counted as they arrive. Deliberately not the
// app's API client, so the sandbox is tested on its own.

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QUrl>

#include <utility>

struct SandboxResponse
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    QList<QNetworkReply::RawHeaderPair> headers;
    int reads = 0; // readyRead signals that brought bytes
    bool finished = false;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonObject insight() const
    {
        return json().value(QLatin1String("truto_error_insight")).toObject();
    }
};

class SandboxTestClient
{
public:
    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    SandboxTestClient(QUrl baseUrl, QString token)
        : m_baseUrl(std::move(baseUrl)), m_token(std::move(token))
    {
    }

    void setToken(const QString &token) { m_token = token; }
    QNetworkAccessManager &network() { return m_network; }

    // pathAndQuery is used exactly as written: "/unified/crm/contacts?a%5B%5D=b".
    QUrl url(const QByteArray &pathAndQuery) const
    {
        return QUrl::fromEncoded(m_baseUrl.toEncoded(QUrl::StripTrailingSlash) + pathAndQuery);
    }

    SandboxResponse get(const QByteArray &pathAndQuery, const Headers &headers = {},
                        int transferTimeoutMs = 0)
    {
        return send("GET", pathAndQuery, {}, headers, transferTimeoutMs);
    }

    SandboxResponse patch(const QByteArray &pathAndQuery, const QByteArray &body,
                          const Headers &headers = {}, int transferTimeoutMs = 0)
    {
        return send("PATCH", pathAndQuery, body, headers, transferTimeoutMs);
    }

    SandboxResponse send(const QByteArray &method, const QByteArray &pathAndQuery,
                         const QByteArray &body, const Headers &headers, int transferTimeoutMs = 0)
    {
        QNetworkRequest request(url(pathAndQuery));
        if (!m_token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
        request.setRawHeader("Accept", "application/json");
        if (!body.isNull())
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/json"));
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        if (transferTimeoutMs > 0)
            request.setTransferTimeout(transferTimeoutMs);

        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        SandboxResponse response;
        QObject::connect(reply, &QNetworkReply::readyRead, reply, [reply, &response] {
            const QByteArray bytes = reply->readAll();
            if (!bytes.isEmpty()) {
                ++response.reads;
                response.body += bytes;
            }
        });
        QSignalSpy finished(reply, &QNetworkReply::finished);
        response.finished = finished.count() > 0 || finished.wait(60000);
        if (reply->isOpen())
            response.body += reply->readAll();
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.error = reply->error();
        response.errorString = reply->errorString();
        response.headers = reply->rawHeaderPairs();
        reply->disconnect();
        reply->deleteLater();
        return response;
    }

private:
    QNetworkAccessManager m_network;
    QUrl m_baseUrl;
    QString m_token;
};
