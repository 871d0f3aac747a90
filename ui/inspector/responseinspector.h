#pragma once

#include "api/apiresult.h"
#include "inspector/savepathchooser.h"

#include <QHash>
#include <QWidget>

#include <memory>

class QTabWidget;

namespace crmdesk {

class BodyLoader;
class BodyViews;
class ErrorSummary;
class HeadersView;
class RequestView;
class ResponseDiffView;
class ResponseSummary;
class StreamView;
class TimingView;
class UnifiedRawView;
struct BodyDocument;

// Everything about one response (product principle 4): status line, timing and size, the body
// as tree, pretty text and raw bytes, unified beside raw, streams as they arrive, headers, the
// request that produced it, the error in plain words, and a diff against another response.
// It renders ApiResult values and never touches the network.
class ResponseInspector : public QWidget
{
    Q_OBJECT
public:
    enum class Page { Body, UnifiedRaw, Stream, Headers, Request, Timing, Compare };

    explicit ResponseInspector(QWidget *parent = nullptr);
    ~ResponseInspector() override;

    void showResult(const ApiResult &result);         // any response, success or error
    void beginStream(const SentRequest &request);      // a stream-format call has started
    void appendStreamBytes(const QByteArray &chunk);   // bytes as they arrive
    void finishStream(const ApiResult &result);        // the call ended (ok, error or cancelled)
    void setLargeBodyThreshold(qint64 bytes);          // above it, pretty text becomes paged
    qint64 largeBodyThreshold() const;
    // Structural diff from other (before) to the shown response (after).
    void compareWith(const ApiResult &other);

    // The same record fetched with truto_response_format=raw, for the side-by-side view
    // (contract §6.2). Call after showResult; the next showResult forgets it.
    void setRawResponse(const ApiResult &rawResult);
    // Provider mapping, unified path -> raw path (relative to the record), e.g.
    // {"first_name", "properties.firstname"}; "[*]" matches any array position.
    void setFieldMapping(const QHash<QString, QString> &unifiedToRaw);
    void setSavePathChooser(SavePathChooser chooser);
    void setStreamRetainLimit(qint64 bytes);

    const ApiResult &result() const { return m_result; }
    void setCurrentPage(Page page);
    Page currentPage() const;
    bool isPageEnabled(Page page) const;

    ResponseSummary *summary() const { return m_summary; }
    ErrorSummary *errorSummary() const { return m_error; }
    BodyViews *bodyViews() const { return m_body; }
    UnifiedRawView *unifiedRawView() const { return m_unifiedRaw; }
    StreamView *streamView() const { return m_stream; }
    HeadersView *headersView() const { return m_headers; }
    RequestView *requestView() const { return m_request; }
    TimingView *timingView() const { return m_timing; }
    ResponseDiffView *diffView() const { return m_diff; }

Q_SIGNALS:
    void missingFieldActivated(const QString &bodyFieldPath); // a missing_required_body_fields link was clicked
    void cancelRequested();                                   // Cancel during a stream
    void bodyLoaded();                                        // the body views are ready

private:
    void showMetadata(const ApiResult &result);
    // Headers, request and timing fill in when their page is shown: hidden pages cost nothing.
    void updateDetailPage();
    void onBodyLoaded();
    void updateUnifiedRawPage();
    void setPageEnabled(Page page, bool enabled);

    ResponseSummary *m_summary;
    ErrorSummary *m_error;
    QTabWidget *m_tabs;
    BodyViews *m_body;
    UnifiedRawView *m_unifiedRaw;
    StreamView *m_stream;
    HeadersView *m_headers;
    RequestView *m_request;
    TimingView *m_timing;
    ResponseDiffView *m_diff;
    BodyLoader *m_rawLoader;

    ApiResult m_result;
    bool m_streaming = false;
    int m_detailsShown = 0; // bit per Page already filled from m_result
    bool m_hasRawCounterpart = false;
    Page m_chosenPage = Page::Body; // the page the user last picked
    bool m_leavingDisabledPage = false;
};

} // namespace crmdesk
