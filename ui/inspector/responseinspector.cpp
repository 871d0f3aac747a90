#include "inspector/responseinspector.h"

#include "inspect/bodydocument.h"
#include "inspector/bodyviews.h"
#include "inspector/errorsummary.h"
#include "inspector/headersview.h"
#include "inspect/inspectorformat.h"
#include "inspector/requestview.h"
#include "inspector/responsediffview.h"
#include "inspector/responsesummary.h"
#include "inspector/streamview.h"
#include "inspector/timingview.h"
#include "inspector/unifiedrawview.h"

#include <QTabWidget>
#include <QVBoxLayout>

namespace crmdesk {

ResponseInspector::ResponseInspector(QWidget *parent)
    : QWidget(parent)
    , m_summary(new ResponseSummary(this))
    , m_error(new ErrorSummary(this))
    , m_tabs(new QTabWidget(this))
    , m_body(new BodyViews(this))
    , m_unifiedRaw(new UnifiedRawView(this))
    , m_stream(new StreamView(this))
    , m_headers(new HeadersView(this))
    , m_request(new RequestView(this))
    , m_timing(new TimingView(this))
    , m_diff(new ResponseDiffView(this))
    , m_rawLoader(new BodyLoader(this))
{
    setObjectName(QStringLiteral("responseInspector"));
    setAccessibleName(tr("Response inspector"));
    m_tabs->setObjectName(QStringLiteral("inspectorTabs"));
    m_tabs->setAccessibleName(tr("Response details"));
    m_headers->setObjectName(QStringLiteral("responseHeadersView"));
    m_headers->setAccessibleName(tr("Response headers"));

    // Tab order follows Page.
    m_tabs->addTab(m_body, tr("Body"));
    m_tabs->addTab(m_unifiedRaw, tr("Unified ↔ Raw"));
    m_tabs->addTab(m_stream, tr("Stream"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_request, tr("Request"));
    m_tabs->addTab(m_timing, tr("Timing"));
    m_tabs->addTab(m_diff, tr("Compare"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);
    layout->addWidget(m_summary);
    layout->addWidget(m_error);
    layout->addWidget(m_tabs, 1);

    connect(m_error, &ErrorSummary::missingFieldActivated, this,
            &ResponseInspector::missingFieldActivated);
    connect(m_stream, &StreamView::cancelRequested, this, &ResponseInspector::cancelRequested);
    connect(m_stream, &StreamView::progress, this, [this](qint64 bytes, double rate) {
        if (m_streaming)
            m_summary->setStreaming(m_result.request, bytes, rate);
    });
    connect(m_body, &BodyViews::bodyLoaded, this, &ResponseInspector::onBodyLoaded);
    connect(m_tabs, &QTabWidget::currentChanged, this, &ResponseInspector::updateDetailPage);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (!m_leavingDisabledPage)
            m_chosenPage = Page(index);
    });
    connect(m_rawLoader, &BodyLoader::loaded, this,
            [this](const std::shared_ptr<const BodyDocument> &document) {
                m_unifiedRaw->setRawDocument(document);
                updateUnifiedRawPage();
            });

    for (Page page : {Page::UnifiedRaw, Page::Stream, Page::Compare})
        setPageEnabled(page, false);
}

ResponseInspector::~ResponseInspector() = default;

void ResponseInspector::setPageEnabled(Page page, bool enabled)
{
    // QTabWidget moves off a disabled current tab to its neighbour; the body is the better place.
    if (m_tabs->isTabEnabled(int(page)) == enabled)
        return; // the tab bar repaints on every call, changed or not
    const bool leaving = !enabled && currentPage() == page;
    // Moving off a page only while the next response loads is not the user's choice: the page
    // they chose comes back with it. (QTabWidget itself moves off a tab as it is disabled.)
    m_leavingDisabledPage = true;
    m_tabs->setTabEnabled(int(page), enabled);
    if (leaving)
        setCurrentPage(Page::Body);
    m_leavingDisabledPage = false;
    if (enabled && page == m_chosenPage)
        setCurrentPage(page);
}

bool ResponseInspector::isPageEnabled(Page page) const
{
    return m_tabs->isTabEnabled(int(page));
}

void ResponseInspector::setCurrentPage(Page page)
{
    m_tabs->setCurrentIndex(int(page));
}

ResponseInspector::Page ResponseInspector::currentPage() const
{
    return Page(m_tabs->currentIndex());
}

void ResponseInspector::showMetadata(const ApiResult &result)
{
    m_result = result;
    m_summary->setResult(result);
    m_error->setResult(result);
    const QString headers = tr("Headers (%1)").arg(result.headers.size());
    if (m_tabs->tabText(int(Page::Headers)) != headers) // a new tab text relayouts the tab bar
        m_tabs->setTabText(int(Page::Headers), headers);
    m_detailsShown = 0;
    updateDetailPage();
}

void ResponseInspector::updateDetailPage()
{
    const Page page = currentPage();
    const int bit = 1 << int(page);
    if (m_detailsShown & bit)
        return;
    switch (page) {
    case Page::Headers:
        m_headers->setHeaders(m_result.headers);
        break;
    case Page::Request:
        m_request->setRequest(m_result.request);
        break;
    case Page::Timing:
        m_timing->setResult(m_result);
        break;
    default:
        return;
    }
    m_detailsShown |= bit;
}

void ResponseInspector::showResult(const ApiResult &result)
{
    m_streaming = false;
    m_hasRawCounterpart = false;
    // The body goes to its worker thread first, so it is parsed while the rest is filled in.
    if (result.streamed && result.body.isEmpty())
        m_body->setPlaceholder(tr("The body (%1) was streamed and not kept.")
                                   .arg(inspectorformat::bytes(result.bodySize)));
    else
        m_body->setBody(result.body, result.header("content-type"));
    m_rawLoader->cancel();
    m_unifiedRaw->setRawDocument(nullptr);
    m_unifiedRaw->setUnifiedDocument(nullptr);
    updateUnifiedRawPage();
    showMetadata(result);
    setPageEnabled(Page::Stream, false);
}

void ResponseInspector::onBodyLoaded()
{
    const QString format = ResponseSummary::responseFormat(m_result.request);
    // normalized renders like unified (contract §6.1 says nothing more about it).
    const bool unifiedLike = format == QLatin1String("unified") || format == QLatin1String("normalized");
    // Cheap while the side-by-side view is hidden: it only finds the record and its raw side.
    m_unifiedRaw->setUnifiedDocument(unifiedLike || m_hasRawCounterpart ? m_body->document() : nullptr);
    updateUnifiedRawPage();
    Q_EMIT bodyLoaded();
}

void ResponseInspector::updateUnifiedRawPage()
{
    setPageEnabled(Page::UnifiedRaw, m_unifiedRaw->isAvailable());
}

void ResponseInspector::setRawResponse(const ApiResult &rawResult)
{
    m_hasRawCounterpart = true;
    if (m_body->document() && !m_body->isLoading())
        m_unifiedRaw->setUnifiedDocument(m_body->document());
    m_rawLoader->load(rawResult.body, rawResult.header("content-type"));
}

void ResponseInspector::setFieldMapping(const QHash<QString, QString> &unifiedToRaw)
{
    m_unifiedRaw->setFieldMapping(unifiedToRaw);
}

void ResponseInspector::setSavePathChooser(SavePathChooser chooser)
{
    m_body->setSavePathChooser(chooser);
    m_stream->setSavePathChooser(std::move(chooser));
}

void ResponseInspector::setStreamRetainLimit(qint64 bytes)
{
    m_stream->setRetainLimit(bytes);
}

void ResponseInspector::setLargeBodyThreshold(qint64 bytes)
{
    m_body->setLargeBodyThreshold(bytes);
}

qint64 ResponseInspector::largeBodyThreshold() const
{
    return m_body->largeBodyThreshold();
}

void ResponseInspector::beginStream(const SentRequest &request)
{
    m_streaming = true;
    m_hasRawCounterpart = false;
    ApiResult pending;
    pending.request = request;
    m_result = pending;
    m_summary->setStreaming(request, 0, 0);
    m_error->setResult(pending);
    m_tabs->setTabText(int(Page::Headers), tr("Headers"));
    m_detailsShown = 0;
    updateDetailPage();
    m_body->setPlaceholder(tr("The body is arriving as a stream: see the Stream tab."));
    m_unifiedRaw->setUnifiedDocument(nullptr);
    updateUnifiedRawPage();
    m_stream->begin(request);
    setPageEnabled(Page::Stream, true);
    setCurrentPage(Page::Stream);
}

void ResponseInspector::appendStreamBytes(const QByteArray &chunk)
{
    if (m_streaming)
        m_stream->append(chunk);
}

void ResponseInspector::finishStream(const ApiResult &result)
{
    m_streaming = false;
    m_stream->finish(result);
    showMetadata(result);
    // A small stream was kept whole: the body views can show it too.
    const StreamRecorder &recorder = m_stream->recorder();
    if (!result.body.isEmpty())
        m_body->setBody(result.body, result.header("content-type"));
    else if (recorder.bytesReceived() > 0 && recorder.keptEverything())
        m_body->setBody(recorder.keptBytes(), result.header("content-type"));
    else if (recorder.bytesReceived() > 0)
        m_body->setPlaceholder(tr("The stream (%1) was larger than what is kept in memory (%2). "
                                  "Save it from the Stream tab while it runs to keep all of it.")
                                   .arg(inspectorformat::bytes(recorder.bytesReceived()),
                                        inspectorformat::bytes(recorder.keptBytes().size())));
    else
        m_body->setPlaceholder(tr("The stream ended without a body."));
}

void ResponseInspector::compareWith(const ApiResult &other)
{
    m_diff->compare(other, m_result);
    setPageEnabled(Page::Compare, true);
    setCurrentPage(Page::Compare);
}

} // namespace crmdesk
