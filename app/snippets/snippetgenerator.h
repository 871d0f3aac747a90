#pragma once

#include "api/apiresult.h"

#include <QJsonObject>
#include <QString>

namespace crmdesk {

// The five forms the Truto API reference shows for every call.
enum class SnippetForm {
    Curl,
    JavaScriptFetch,
    PythonRequests,
    TrutoTypeScriptSdk, // @truto/truto-ts-sdk
    TrutoPythonSdk,     // truto-python-sdk
};

QString toString(SnippetForm form); // "cURL", "JavaScript (fetch)", ...

// A call to turn into code.
struct SnippetRequest
{
    // Method, encoded URL, headers (token redacted or not), body bytes, and the target: the
    // SDK forms name its resource and record id.
    SentRequest request;
    // The query as values ({"integrated_account_id": "…", "truto_exclude_fields": ["id"]}),
    // for the SDK forms, which encode the query themselves. When empty it is decoded from the
    // URL (the inverse of contract §5.3).
    QJsonObject query;
};

// Turns a request into code a person can run outside CRM Desk (product §2, "reproduce or hand
// over a call").
//  * The token is `<your_api_token>` unless the caller explicitly asks to include the real one
//    (product principle 9); any occurrence of the real token elsewhere is replaced as well.
//  * curl, fetch and requests use the exact encoded URL, because the encoding is part of what
//    is being reproduced (contract §5.3); the SDK forms pass the query as values.
//  * JSON bodies are pretty-printed; custom_fields stays an object, never a JSON string as in
//    the docs' own samples (contract §14, §18 item 7).
//  * The TypeScript SDK form uses the real 2.0.12 signature
//    update(id, body, {unified_model, resource, integrated_account_id, …}) (contract §18 item 1).
class SnippetGenerator
{
public:
    static QString placeholderToken(); // "<your_api_token>"

    SnippetGenerator() = default;
    // Puts `token` into snippets; only for an explicit "include my token" action.
    void includeToken(const QString &token) { m_token = token; }
    // Names the token without including it: any occurrence is replaced by the placeholder.
    void setKnownToken(const QString &token) { m_knownToken = token; }

    // False for the SDK forms when the call is not a unified get, list or update, which the
    // SDKs express differently or not at all.
    bool supports(SnippetForm form, const SnippetRequest &request) const;
    // Empty when !supports(form, request).
    QString generate(SnippetForm form, const SnippetRequest &request) const;

    // "a%5B%5D=1&a%5B%5D=2&b%5Bc%5D=x&flag=true" -> {"a": ["1", "2"], "b": {"c": "x"}, "flag": true}
    static QJsonObject decodeQuery(const QByteArray &encodedQuery);

private:
    struct Prepared;
    Prepared prepare(const SnippetRequest &request) const;

    QString curl(const Prepared &p) const;
    QString fetch(const Prepared &p) const;
    QString pythonRequests(const Prepared &p) const;
    QString typeScriptSdk(const Prepared &p) const;
    QString pythonSdk(const Prepared &p) const;

    QString m_token;
    QString m_knownToken;
};

} // namespace crmdesk
