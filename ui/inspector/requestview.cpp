#include "inspector/requestview.h"

#include "inspector/headersview.h"
#include "inspector/jsonhighlighter.h"
#include "inspect/jsonindex.h"
#include "inspect/jsonprettyprinter.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableWidget>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace crmdesk {

namespace {

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

RequestView::RequestView(QWidget *parent)
    : QWidget(parent)
    , m_requestLine(new QLabel(this))
    , m_query(new QTableWidget(0, 2, this))
    , m_headers(new HeadersView(this))
    , m_body(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("requestView"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_requestLine->setObjectName(QStringLiteral("requestLineLabel"));
    m_requestLine->setAccessibleName(tr("Request line"));
    m_requestLine->setFont(fixed);
    m_requestLine->setWordWrap(true);
    m_requestLine->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_query->setObjectName(QStringLiteral("requestQueryTable"));
    m_query->setAccessibleName(tr("Query parameters"));
    m_query->setHorizontalHeaderLabels({tr("Parameter"), tr("Value")});
    m_query->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_query->horizontalHeader()->setStretchLastSection(true);
    m_query->verticalHeader()->hide();
    m_query->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_query->setShowGrid(false);
    m_query->setFont(fixed);
    m_headers->setObjectName(QStringLiteral("requestHeadersView"));
    m_headers->setAccessibleName(tr("Request headers"));
    m_body->setObjectName(QStringLiteral("requestBodyText"));
    m_body->setAccessibleName(tr("Request body"));
    m_body->setReadOnly(true);
    m_body->setFont(fixed);
    new JsonHighlighter(m_body->document());

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("requestSplitter"));
    splitter->setChildrenCollapsible(false);
    const auto section = [splitter](QLabel *title, QWidget *content) {
        auto *box = new QWidget(splitter);
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 4, 0, 0);
        layout->addWidget(title);
        layout->addWidget(content, 1);
        splitter->addWidget(box);
    };
    section(heading(tr("Query"), this), m_query);
    section(heading(tr("Headers"), this), m_headers);
    section(heading(tr("Body"), this), m_body);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addWidget(m_requestLine);
    layout->addWidget(splitter, 1);
}

void RequestView::setRequest(const SentRequest &request)
{
    m_requestLine->setText(QString::fromLatin1(request.method) + u' '
                           + request.url.toString(QUrl::FullyEncoded));
    const QUrlQuery query(request.url);
    const auto items = query.queryItems(QUrl::FullyDecoded);
    m_query->setRowCount(int(items.size()));
    for (int row = 0; row < items.size(); ++row) {
        m_query->setItem(row, 0, new QTableWidgetItem(items.at(row).first));
        m_query->setItem(row, 1, new QTableWidgetItem(items.at(row).second));
    }
    m_headers->setHeaders(request.headers);
    // Request bodies are small edits: show JSON indented, anything else as it is.
    const JsonIndex index = JsonIndex::build(request.body);
    if (index.isValid())
        m_body->setPlainText(JsonPrettyPrinter::format(request.body, {index.rootBegin(), 0}, 0).text);
    else
        m_body->setPlainText(QString::fromUtf8(request.body));
}

QString RequestView::requestLine() const
{
    return m_requestLine->text();
}

QString RequestView::bodyText() const
{
    return m_body->toPlainText();
}

} // namespace crmdesk
