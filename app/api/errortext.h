#pragma once

#include "api/apiresult.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <optional>

// The sentences a person reads when a call fails. Pure functions, so that every wording can be
// checked without a network.
namespace crmdesk::errortext {

// "Unprocessable Entity" for 422; empty for codes without a registered name. HTTP/2 carries no
// reason phrase, so the status line is rebuilt from this table.
QString standardReasonPhrase(int status);

// "422 Unprocessable Entity": the reply's phrase, else the envelope's `error`, else the table.
QString statusLine(int status, const QByteArray &reasonPhrase, const std::optional<TrutoError> &error);

// What to do about a status, per contract §8.1; empty when there is nothing useful to add.
QString statusAdvice(int status, const std::optional<TrutoError> &error);

// Server replied "422 Unprocessable Entity" to "PATCH /unified/crm/contacts/42": Phone number
// is not valid. <missing fields> <advice>
QString httpError(const SentRequest &request, int status, const QByteArray &reasonPhrase,
                  const std::optional<TrutoError> &error, const QByteArray &body,
                  const QByteArray &contentType);

// A 2xx whose body does not parse although its Content-Type says JSON.
QString invalidJson(const SentRequest &request, int status, const QByteArray &reasonPhrase,
                    const QByteArray &contentType, const QString &parseError);

// Transport failures: timeout, refused, DNS, TLS, closed mid-body, cancelled, other.
struct TransportFailure
{
    ErrorKind kind = ErrorKind::Network;
    QString detail;            // Qt's or the TLS layer's own text
    bool answerStarted = false; // the status line had arrived
    qint64 bytesReceived = 0;  // body bytes that did arrive
    int timeoutMs = 0;
};
QString transportError(const SentRequest &request, const TransportFailure &failure);

// " Tried 3 times." after the sentence of a call that was retried.
QString attemptsNote(int attempts);

// A readable message inside a provider body: the usual message-like fields, searched the way
// Truto searches them when it fills `message` (contract §7). Empty when none is found.
QString messageInJson(const QJsonValue &value);

// Text quoted into a sentence: whitespace collapsed and cut to a readable length.
QString quotable(const QString &text);

} // namespace crmdesk::errortext
