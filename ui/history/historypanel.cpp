#include "history/historypanel.h"

#include "history/historytablemodel.h"
#include "snippets/copyasmenu.h"
#include "history/historyresult.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelection>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace crmdesk {

namespace {

// What the store returns in one read at most (HistoryStore::browse/search).
constexpr int kStoreReadLimit = 1000;
// Typing pauses this long before the store is searched; Enter searches at once.
constexpr int kSearchDelayMs = 250;

QToolButton *actionButton(QAction *action, const QString &objectName, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setObjectName(objectName);
    button->setAccessibleName(action->text().remove(u'&').remove(QStringLiteral("…")));
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

QAction *makeAction(const QString &text, const QString &objectName, QObject *parent)
{
    auto *action = new QAction(text, parent);
    action->setObjectName(objectName);
    return action;
}

} // namespace

HistoryPanel::HistoryPanel(HistoryStore *store, QWidget *parent)
    : QWidget(parent),
      m_store(store),
      m_model(new HistoryTableModel(this)),
      m_confirm(messageBoxConfirmation(this)),
      m_search(new QLineEdit(this)),
      m_searchDelay(new QTimer(this)),
      m_table(new QTableView(this)),
      m_openAction(makeAction(tr("&Open in inspector"), QStringLiteral("openAction"), this)),
      m_resendAction(makeAction(tr("&Resend"), QStringLiteral("resendAction"), this)),
      m_compareAction(makeAction(tr("Co&mpare"), QStringLiteral("compareAction"), this)),
      m_deleteAction(makeAction(tr("&Delete"), QStringLiteral("deleteAction"), this)),
      m_clearAction(makeAction(tr("C&lear history…"), QStringLiteral("clearAction"), this)),
      m_copyAsMenu(new CopyAsMenu([this] { return selectedSnippetRequest(); }, this)),
      m_loadMore(new QPushButton(tr("Load &more"), this)),
      m_status(new QLabel(this))
{
    Q_ASSERT(m_store);
    setObjectName(QStringLiteral("historyPanel"));
    setAccessibleName(tr("Request history"));

    m_search->setObjectName(QStringLiteral("historySearch"));
    m_search->setAccessibleName(tr("Search history"));
    m_search->setPlaceholderText(tr("Search URL, record id or body…"));
    m_search->setClearButtonEnabled(true);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(kSearchDelayMs);

    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setAccessibleName(tr("Requests, newest first"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    // Fixed widths from the font, not ResizeToContents, which measures every row.
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    const auto width = [this](const QString &sample) {
        return fontMetrics().horizontalAdvance(sample) + 24;
    };
    m_table->setColumnWidth(HistoryTableModel::TimeColumn, width(QStringLiteral("2026-12-31 23:59:59")));
    m_table->setColumnWidth(HistoryTableModel::MethodColumn, width(QStringLiteral("PATCH")));
    m_table->setColumnWidth(HistoryTableModel::StatusColumn, width(tr("no answer")));
    m_table->setColumnWidth(HistoryTableModel::ResourceColumn, width(QStringLiteral("opportunities")));
    m_table->setColumnWidth(HistoryTableModel::RecordIdColumn, width(QStringLiteral("0123456789abcdef")));
    m_table->setColumnWidth(HistoryTableModel::DurationColumn, width(QStringLiteral("99,999 ms")));

    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_deleteAction->setToolTip(tr("Delete the selected requests from the history"));
    m_openAction->setToolTip(tr("Show the selected request and its response in the inspector"));
    m_clearAction->setToolTip(tr("Delete every request in the history"));
    m_copyAsMenu->setTitle(tr("Copy &as"));

    m_openButton = actionButton(m_openAction, QStringLiteral("openButton"), this);
    m_resendButton = actionButton(m_resendAction, QStringLiteral("resendButton"), this);
    m_compareButton = actionButton(m_compareAction, QStringLiteral("compareButton"), this);
    m_deleteButton = actionButton(m_deleteAction, QStringLiteral("deleteButton"), this);
    m_clearButton = actionButton(m_clearAction, QStringLiteral("clearButton"), this);
    // A push button draws its menu arrow beside the text; a tool button squeezes it in.
    m_copyAsButton = new QPushButton(this);
    m_copyAsButton->setObjectName(QStringLiteral("copyAsButton"));
    m_copyAsButton->setText(tr("Copy &as"));
    m_copyAsButton->setAccessibleName(tr("Copy as"));
    m_copyAsButton->setToolTip(tr("Copy the selected request as code; the API token is redacted"));
    m_copyAsButton->setMenu(m_copyAsMenu);

    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    m_table->addActions({m_openAction, m_resendAction, m_compareAction, m_copyAsMenu->menuAction(),
                         separator, m_deleteAction});

    m_loadMore->setObjectName(QStringLiteral("loadMoreButton"));
    m_loadMore->setAccessibleName(tr("Load more requests"));
    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_status->setAccessibleName(tr("History status"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *actions = new QHBoxLayout;
    actions->setSpacing(4);
    actions->addWidget(m_openButton);
    actions->addWidget(m_resendButton);
    actions->addWidget(m_compareButton);
    actions->addWidget(m_copyAsButton);
    actions->addStretch(1);
    actions->addWidget(m_deleteButton);
    actions->addWidget(m_clearButton);

    auto *footer = new QHBoxLayout;
    footer->addWidget(m_status, 1);
    footer->addWidget(m_loadMore);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(6);
    layout->addWidget(m_search);
    layout->addLayout(actions);
    layout->addWidget(m_table, 1);
    layout->addLayout(footer);

    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchDelay->start(); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        m_model->setRows({});
        reload();
    });
    connect(m_searchDelay, &QTimer::timeout, this, [this] {
        m_model->setRows({}); // a new search starts at its first page
        reload();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryPanel::updateActions);
    connect(m_table, &QTableView::activated, this, [this] {
        if (m_openAction->isEnabled())
            openSelected();
    });
    connect(m_openAction, &QAction::triggered, this, &HistoryPanel::openSelected);
    connect(m_resendAction, &QAction::triggered, this, &HistoryPanel::resendSelected);
    connect(m_compareAction, &QAction::triggered, this, &HistoryPanel::compareSelected);
    connect(m_deleteAction, &QAction::triggered, this, &HistoryPanel::deleteSelected);
    connect(m_clearAction, &QAction::triggered, this, &HistoryPanel::clearHistory);
    connect(m_loadMore, &QPushButton::clicked, this, &HistoryPanel::loadMore);
    connect(m_copyAsMenu, &CopyAsMenu::copied, this, [this](SnippetForm form) {
        setMessage(tr("Copied as %1, token redacted.").arg(toString(form)));
    });
    connect(m_copyAsMenu, &CopyAsMenu::copyFailed, this, &HistoryPanel::setMessage);
    connect(m_store, &HistoryStore::entryAdded, this, &HistoryPanel::onEntryAdded);
    connect(m_store, &HistoryStore::entriesRemoved, this, &HistoryPanel::onEntriesRemoved);

    reload();
}

void HistoryPanel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
}

void HistoryPanel::setConfirmation(Confirmation confirmation)
{
    m_confirm = std::move(confirmation);
}

QString HistoryPanel::searchText() const
{
    return m_search->text().trimmed();
}

int HistoryPanel::shownCount() const
{
    return m_model->rowCount();
}

QList<HistorySummary> HistoryPanel::readRows(int offset, int count) const
{
    QList<HistorySummary> rows;
    const QString text = searchText();
    while (count > 0) {
        const int chunk = qMin(count, kStoreReadLimit);
        const QList<HistorySummary> part = m_store->search(text, offset, chunk);
        rows.append(part);
        if (part.size() < chunk)
            break;
        offset += chunk;
        count -= chunk;
    }
    return rows;
}

void HistoryPanel::reload()
{
    const QList<qint64> selected = selectedIds();
    m_total = m_store->countMatching(searchText());
    m_model->setRows(readRows(0, qMax(m_pageSize, shownCount())));
    selectIds(selected);
    updateActions();
    updateStatus();
}

void HistoryPanel::loadMore()
{
    m_model->appendRows(readRows(shownCount(), m_pageSize));
    m_total = m_store->countMatching(searchText());
    updateActions();
    updateStatus();
}

void HistoryPanel::onEntryAdded()
{
    if (m_changingStore)
        return;
    // Ids only grow, so what is new sits above everything shown.
    const qint64 newest = m_model->newestId();
    QList<HistorySummary> newer = readRows(0, m_pageSize);
    newer.removeIf([newest](const HistorySummary &row) { return row.id <= newest; });
    m_model->prependRows(newer);
    m_total = m_store->countMatching(searchText());
    updateActions();
    updateStatus();
}

void HistoryPanel::onEntriesRemoved()
{
    if (!m_changingStore)
        reload();
}

QList<qint64> HistoryPanel::selectedIds() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<qint64> ids;
    for (const QModelIndex &index : std::as_const(rows))
        ids.append(index.data(HistoryTableModel::IdRole).toLongLong());
    return ids;
}

void HistoryPanel::selectIds(const QList<qint64> &ids)
{
    QItemSelection selection;
    int first = -1;
    for (qint64 id : ids) {
        const int row = m_model->rowOf(id);
        if (row < 0)
            continue;
        selection.select(m_model->index(row, 0), m_model->index(row, HistoryTableModel::ColumnCount - 1));
        first = first < 0 ? row : qMin(first, row);
    }
    QItemSelectionModel *model = m_table->selectionModel();
    model->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (first >= 0)
        model->setCurrentIndex(m_model->index(first, 0), QItemSelectionModel::NoUpdate);
}

std::optional<HistoryEntry> HistoryPanel::selectedEntry() const
{
    const QList<qint64> ids = selectedIds();
    if (ids.size() != 1)
        return std::nullopt;
    return m_store->fetch(ids.first());
}

SnippetRequest HistoryPanel::selectedSnippetRequest() const
{
    const std::optional<HistoryEntry> entry = selectedEntry();
    if (!entry)
        return {};
    SnippetRequest request;
    request.request = toApiResult(*entry).request;
    return request;
}

void HistoryPanel::openSelected()
{
    const std::optional<HistoryEntry> entry = selectedEntry();
    if (!entry) {
        setMessage(tr("That request is no longer in the history."));
        return;
    }
    Q_EMIT openRequested(toApiResult(*entry));
}

void HistoryPanel::resendSelected()
{
    const std::optional<HistoryEntry> entry = selectedEntry();
    // Only writes are resent; a GET is simply reopened from the editor.
    if (!entry || entry->method != "PATCH")
        return;
    Q_EMIT resendRequested(*entry);
}

void HistoryPanel::compareSelected()
{
    QList<qint64> ids = selectedIds();
    if (ids.size() != 2)
        return;
    std::sort(ids.begin(), ids.end()); // ids grow with time: older first
    const std::optional<HistoryEntry> older = m_store->fetch(ids.at(0));
    const std::optional<HistoryEntry> newer = m_store->fetch(ids.at(1));
    if (!older || !newer) {
        setMessage(tr("One of the two requests is no longer in the history."));
        return;
    }
    Q_EMIT compareRequested(toApiResult(*older), toApiResult(*newer));
}

void HistoryPanel::deleteSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    const int firstRow = m_model->rowOf(ids.first());
    int removed = 0;
    m_changingStore = true;
    for (qint64 id : ids)
        removed += m_store->remove(id) ? 1 : 0;
    m_changingStore = false;
    reload();
    // The next row takes the place of the deleted ones, so the keyboard can carry on.
    if (shownCount() > 0) {
        const int row = qBound(0, firstRow, shownCount() - 1);
        m_table->selectionModel()->setCurrentIndex(
            m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    if (removed != ids.size())
        setMessage(tr("Deleted %1 of %2 requests; the others could not be removed.")
                       .arg(removed)
                       .arg(ids.size()));
    else
        setMessage(removed == 1 ? tr("Deleted 1 request.") : tr("Deleted %1 requests.").arg(removed));
}

void HistoryPanel::clearHistory()
{
    const int count = m_store->count();
    if (count == 0)
        return;
    const Question question{tr("Clear history"),
                            count == 1 ? tr("Delete the 1 request in the history? This cannot "
                                            "be undone.")
                                       : tr("Delete all %1 requests in the history, not only those "
                                            "shown? This cannot be undone.")
                                             .arg(count),
                            tr("Clear history")};
    m_confirm(question, [self = QPointer<HistoryPanel>(this)](bool accepted) {
        if (!self || !accepted)
            return;
        self->m_changingStore = true;
        const bool cleared = self->m_store->clear();
        self->m_changingStore = false;
        self->reload();
        self->setMessage(cleared ? tr("History cleared.") : tr("The history could not be cleared."));
    });
}

void HistoryPanel::setMessage(const QString &message)
{
    m_message = message;
    updateStatus();
}

void HistoryPanel::updateActions()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const bool one = rows.size() == 1;
    const bool patch = one && rows.first().data(HistoryTableModel::MethodRole).toByteArray() == "PATCH";
    m_openAction->setEnabled(one);
    m_resendAction->setEnabled(patch);
    m_resendAction->setToolTip(patch ? tr("Send this PATCH again")
                                     : tr("Select one PATCH request to resend it"));
    m_compareAction->setEnabled(rows.size() == 2);
    m_compareAction->setToolTip(rows.size() == 2 ? tr("Show the differences between the two responses")
                                                 : tr("Select exactly two requests to compare them"));
    m_copyAsMenu->menuAction()->setEnabled(one);
    m_copyAsButton->setEnabled(one);
    m_deleteAction->setEnabled(!rows.isEmpty());
    m_clearAction->setEnabled(m_store->isOpen() && (m_total > 0 || !searchText().isEmpty()));
    m_loadMore->setEnabled(shownCount() < m_total);
}

void HistoryPanel::updateStatus()
{
    QString text;
    const QString search = searchText();
    if (!m_store->isOpen())
        text = tr("The history is not available.");
    else if (m_total == 0 && search.isEmpty())
        text = tr("No requests yet. Every call CRM Desk sends is listed here.");
    else if (m_total == 0)
        text = tr("No request matches “%1”.").arg(search);
    else if (search.isEmpty())
        text = m_total == 1 ? tr("1 request") : tr("Showing %1 of %2 requests").arg(shownCount()).arg(m_total);
    else
        text = m_total == 1 ? tr("1 request matches “%1”").arg(search)
                            : tr("Showing %1 of %2 requests matching “%3”")
                                  .arg(shownCount())
                                  .arg(m_total)
                                  .arg(search);
    if (!m_message.isEmpty())
        text += QStringLiteral("  ·  ") + m_message;
    m_status->setText(text);
}

} // namespace crmdesk
