// What surrounds the body: the error in plain words with its field links, the status line,
// response and request headers, and timing.
#include "inspector/errorsummary.h"
#include "inspector/headersview.h"
#include "inspector/requestview.h"
#include "inspector/responsesummary.h"
#include "inspector/timingview.h"

#include "inspectorfixtures.h"

#include <QApplication>
#include <QClipboard>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace crmdesk;
using namespace Qt::StringLiterals;

class TestInspectorError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shouldDescribeAProviderErrorInSentences();
    void shouldDescribeTrutosOwnRejection();
    void shouldQuoteTheProviderBodyWhenItHasNoMessage();
    void shouldUseTheClientsSentenceForTransportErrors();
    void shouldEmitTheFieldWhenAMissingFieldLinkIsClicked();
    void shouldStayHiddenForSuccess();
    void shouldHighlightRateLimitHeaders();
    void shouldCopySelectedHeaders();
    void shouldSummariseStatusTimingAndRateLimit();
    void shouldShowTheRequestAsSent();
    void shouldListEveryAttempt();
};

void TestInspectorError::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestInspectorError::shouldDescribeAProviderErrorInSentences()
{
    const QStringList sentences = ErrorSummary::sentences(fixtures::providerValidationError());
    QCOMPARE(sentences.value(0),
             u"PATCH /unified/crm/contacts/51 failed with 422 Unprocessable Entity from the provider."_s);
    QCOMPARE(sentences.value(1), u"Truto says: “Phone number is not valid”."_s);
    QCOMPARE(sentences.value(2), u"The provider says: “Property values were not valid: mobilephone”."_s);
    QCOMPARE(sentences.last(),
             u"The provider's validation rejected the change: correct the values and save again."_s);
}

void TestInspectorError::shouldDescribeTrutosOwnRejection()
{
    const QStringList sentences = ErrorSummary::sentences(fixtures::missingFieldsError());
    QCOMPARE(sentences,
             (QStringList{u"PATCH /unified/crm/contacts/51 failed with 400 Bad Request from Truto."_s,
                          u"Truto says: “Missing required fields”."_s,
                          u"Fill in the missing fields and save again."_s}));
}

void TestInspectorError::shouldQuoteTheProviderBodyWhenItHasNoMessage()
{
    ApiResult result = fixtures::jsonResult(R"({"statusCode":409,"error":"Conflict","message":"",
        "truto_is_remote_error":true,"raw_response":{"code":"DUPLICATE","fields":["email"]}})",
                                            "integrated_account_id=acc-1", 409);
    const QStringList sentences = ErrorSummary::sentences(result);
    QCOMPARE(sentences.value(0), u"GET /unified/crm/contacts/51 failed with 409 Conflict from the provider."_s);
    QCOMPARE(sentences.value(1), uR"(The provider says: “{"code":"DUPLICATE","fields":["email"]}”.)"_s);
}

void TestInspectorError::shouldUseTheClientsSentenceForTransportErrors()
{
    ApiResult result;
    result.request.method = "GET";
    result.errorKind = ErrorKind::Timeout;
    result.errorString = u"No answer from api.truto.one within 30 s"_s;
    QCOMPARE(ErrorSummary::sentences(result), QStringList{u"No answer from api.truto.one within 30 s."_s});
}

void TestInspectorError::shouldEmitTheFieldWhenAMissingFieldLinkIsClicked()
{
    ErrorSummary summary;
    summary.setResult(fixtures::providerValidationError());
    summary.show();
    QVERIFY(QTest::qWaitForWindowExposed(&summary));
    QVERIFY(summary.isVisible());
    QVERIFY(summary.text().contains(u"Phone number is not valid"_s));
    QSignalSpy activated(&summary, &ErrorSummary::missingFieldActivated);
    auto *email = summary.findChild<QPushButton *>(u"missingField_email"_s);
    auto *lastName = summary.findChild<QPushButton *>(u"missingField_last_name"_s);
    QVERIFY(email && lastName);
    QTest::mouseClick(lastName, Qt::LeftButton);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().at(0).toString(), u"last_name"_s);
    // The keyboard works too.
    email->setFocus();
    QTest::keyClick(email, Qt::Key_Space);
    QCOMPARE(activated.count(), 2);
    QCOMPARE(activated.last().at(0).toString(), u"email"_s);
}

void TestInspectorError::shouldStayHiddenForSuccess()
{
    ErrorSummary summary;
    summary.show();
    summary.setResult(fixtures::unifiedContactResult());
    QVERIFY(!summary.isVisible());
    QVERIFY(summary.text().isEmpty());
}

void TestInspectorError::shouldHighlightRateLimitHeaders()
{
    HeadersView view;
    HeaderList headers = fixtures::unifiedContactResult().headers;
    headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("10")));
    view.setHeaders(headers);
    QCOMPARE(view.rowCount(), 6);
    QCOMPARE(view.highlightedHeaders(), (QStringList{u"ratelimit-limit"_s, u"ratelimit-remaining"_s,
                                                     u"ratelimit-reset"_s, u"Retry-After"_s}));
    QVERIFY(view.item(1, 0)->font().bold());
    QVERIFY(!view.item(0, 0)->font().bold()); // content-type
}

void TestInspectorError::shouldCopySelectedHeaders()
{
    HeadersView view;
    view.setHeaders(fixtures::unifiedContactResult().headers);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.visualItemRect(view.item(2, 0)).center());
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), u"ratelimit-remaining: 104"_s);
}

void TestInspectorError::shouldSummariseStatusTimingAndRateLimit()
{
    ResponseSummary summary;
    const ApiResult result = fixtures::unifiedContactResult();
    summary.setResult(result);
    QCOMPARE(summary.statusText(), u"200 OK"_s);
    QCOMPARE(summary.timingText(), u"first byte 95 ms · total 182 ms · %1 bytes"_s.arg(result.body.size()));
    QCOMPARE(summary.rateLimitText(), u"Rate limit: 104 of 110 left, resets in 7 s"_s);
    QCOMPARE(ResponseSummary::responseFormat(result.request), u"unified"_s);
    QCOMPARE(ResponseSummary::responseFormat(fixtures::rawContactResult().request), u"raw"_s);
    summary.setResult(fixtures::providerValidationError());
    QCOMPARE(summary.statusText(), u"422 Unprocessable Entity"_s);
}

void TestInspectorError::shouldShowTheRequestAsSent()
{
    RequestView view;
    ApiResult result = fixtures::providerValidationError();
    result.request.url = QUrl::fromEncoded(
        "https://api.truto.one/unified/crm/contacts/51?integrated_account_id=acc-1&remote_query%5Bname%5D=A%20B");
    view.setRequest(result.request);
    QCOMPARE(view.requestLine(),
             u"PATCH https://api.truto.one/unified/crm/contacts/51?integrated_account_id=acc-1&remote_query%5Bname%5D=A%20B"_s);
    auto *query = view.findChild<QTableWidget *>(u"requestQueryTable"_s);
    QCOMPARE(query->rowCount(), 2);
    QCOMPARE(query->item(1, 0)->text(), u"remote_query[name]"_s);
    QCOMPARE(query->item(1, 1)->text(), u"A B"_s);
    QCOMPARE(view.headersView()->item(0, 1)->text(), QString::fromLatin1(kRedactedAuthorization));
    QCOMPARE(view.bodyText(), u"{\n  \"phone_numbers\": [\n    {\n      \"number\": \"12\"\n    }\n  ]\n}"_s);
}

void TestInspectorError::shouldListEveryAttempt()
{
    ApiResult result = fixtures::unifiedContactResult();
    result.timings = {120, 95, 3400, 2};
    result.attemptLog = {{1, 503, ErrorKind::Http, u"503 Service Unavailable"_s, {}, 80, 1000, u"5xx"_s},
                         {2, 200, ErrorKind::None, u"200 OK"_s, {}, 182, -1, {}}};
    TimingView view;
    view.setResult(result);
    QCOMPARE(view.summaryText(),
             u"Queued 120 ms · First byte 95 ms · Download 3.31 s · Total 3.40 s · 2 attempts"_s);
    QCOMPARE(view.attemptRows(), 2);
}

QTEST_MAIN(TestInspectorError)
#include "tst_inspectorerror.moc"
