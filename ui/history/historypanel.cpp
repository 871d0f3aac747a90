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
#include <memory>

namespace crmdesk {

namespace {

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

HistoryPanel::HistoryPanel(HistoryService *history, QWidget *parent)
    : QWidget(parent),
      m_history(history),
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
    Q_ASSERT(m_history);
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
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        prefetchSelection();
        updateActions();
    });
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
    connect(m_history, &HistoryService::entryAdded, this, &HistoryPanel::onEntryAdded);
    connect(m_history, &HistoryService::entriesRemoved, this, &HistoryPanel::onEntriesRemoved);
    connect(m_history, &HistoryService::opened, this, &HistoryPanel::reload);

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

void HistoryPanel::showPage(const HistoryPage &page)
{
    m_total = page.total;
    m_totalCapped = page.totalIsCapped;
    updateActions();
    updateStatus();
    Q_EMIT rowsShown();
}

void HistoryPanel::reload()
{
    const quint64 generation = ++m_readGeneration;
    m_history->search(searchText(), 0, qMax(m_pageSize, shownCount()), this,
                      [this, generation, selected = selectedIds()](const HistoryPage &page) {
                          if (generation != m_readGeneration)
                              return;
                          m_model->setRows(page.rows);
                          selectIds(selected);
                          showPage(page);
                      });
}

void HistoryPanel::loadMore()
{
    const quint64 generation = ++m_readGeneration;
    m_history->search(searchText(), shownCount(), m_pageSize, this, [this, generation](const HistoryPage &page) {
        if (generation != m_readGeneration)
            return;
        m_model->appendRows(page.rows);
        showPage(page);
    });
}

void HistoryPanel::onEntryAdded()
{
    if (m_changingStore)
        return;
    const quint64 generation = ++m_readGeneration;
    m_history->search(searchText(), 0, m_pageSize, this, [this, generation](const HistoryPage &page) {
        if (generation != m_readGeneration)
            return;
        // Ids only grow, so what is new sits above everything shown.
        const qint64 newest = m_model->newestId();
        QList<HistorySummary> newer = page.rows;
        newer.removeIf([newest](const HistorySummary &row) { return row.id <= newest; });
        m_model->prependRows(newer);
        showPage(page);
    });
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

void HistoryPanel::withSelectedEntries(std::function<void(const QList<HistoryEntry> &)> act)
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    m_history->fetch(ids, this, std::move(act));
}

void HistoryPanel::prefetchSelection()
{
    m_selectedEntry.reset();
    const QList<qint64> ids = selectedIds();
    if (ids.size() != 1)
        return;
    m_history->fetch(ids, this, [this, id = ids.first()](const QList<HistoryEntry> &entries) {
        const QList<qint64> now = selectedIds();
        if (entries.size() == 1 && now.size() == 1 && now.first() == id) {
            m_selectedEntry = entries.first();
            updateActions();
        }
    });
}

SnippetRequest HistoryPanel::selectedSnippetRequest() const
{
    if (!m_selectedEntry)
        return {};
    SnippetRequest request;
    request.request = toApiResult(*m_selectedEntry).request;
    return request;
}

void HistoryPanel::openSelected()
{
    if (selectedIds().size() != 1)
        return;
    withSelectedEntries([this](const QList<HistoryEntry> &entries) {
        if (entries.isEmpty()) {
            setMessage(tr("That request is no longer in the history."));
            return;
        }
        Q_EMIT openRequested(toApiResult(entries.first()));
    });
}

void HistoryPanel::resendSelected()
{
    if (selectedIds().size() != 1)
        return;
    withSelectedEntries([this](const QList<HistoryEntry> &entries) {
        // Only writes are resent; a GET is simply reopened from the editor.
        if (entries.size() == 1 && entries.first().method == "PATCH")
            Q_EMIT resendRequested(entries.first());
    });
}

void HistoryPanel::compareSelected()
{
    if (selectedIds().size() != 2)
        return;
    withSelectedEntries([this](const QList<HistoryEntry> &entries) {
        if (entries.size() != 2) {
            setMessage(tr("One of the two requests is no longer in the history."));
            return;
        }
        // Ids grow with time: the older one has the smaller id.
        const bool firstIsOlder = entries.at(0).id < entries.at(1).id;
        const HistoryEntry &older = firstIsOlder ? entries.at(0) : entries.at(1);
        const HistoryEntry &newer = firstIsOlder ? entries.at(1) : entries.at(0);
        Q_EMIT compareRequested(toApiResult(older), toApiResult(newer));
    });
}

void HistoryPanel::deleteSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    const int firstRow = m_model->rowOf(ids.first());
    // The store's own "removed" notices come before this answer; they are ours, not news.
    m_changingStore = true;
    m_history->remove(ids, this, [this, ids, firstRow](int removed) {
        m_changingStore = false;
        if (removed != ids.size())
            setMessage(tr("Deleted %1 of %2 requests; the others could not be removed.")
                           .arg(removed)
                           .arg(ids.size()));
        else
            setMessage(removed == 1 ? tr("Deleted 1 request.") : tr("Deleted %1 requests.").arg(removed));
        // The next row takes the place of the deleted ones, so the keyboard can carry on.
        auto selectNext = std::make_shared<QMetaObject::Connection>();
        *selectNext = connect(this, &HistoryPanel::rowsShown, this, [this, firstRow, selectNext] {
            disconnect(*selectNext);
            if (shownCount() > 0) {
                const int row = qBound(0, firstRow, shownCount() - 1);
                m_table->selectionModel()->setCurrentIndex(
                    m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            }
        });
        reload();
    });
}

void HistoryPanel::clearHistory()
{
    m_history->count(this, [this](int count) {
        if (count > 0)
            askToClear(count);
    });
}

void HistoryPanel::askToClear(int count)
{
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
        self->m_history->clear(self, [self](bool cleared) {
            self->m_changingStore = false;
            self->setMessage(cleared ? tr("History cleared.") : tr("The history could not be cleared."));
            self->reload();
        });
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
    // "Copy as" builds the code from the stored request, read when the row was selected.
    const bool copyable = one && m_selectedEntry.has_value();
    m_copyAsMenu->menuAction()->setEnabled(copyable);
    m_copyAsButton->setEnabled(copyable);
    m_deleteAction->setEnabled(!rows.isEmpty());
    m_clearAction->setEnabled(m_history->isOpen() && (m_total > 0 || !searchText().isEmpty()));
    m_loadMore->setEnabled(shownCount() < m_total);
}

QString HistoryPanel::totalText() const
{
    return m_totalCapped ? tr("more than %1").arg(m_total) : QString::number(m_total);
}

void HistoryPanel::updateStatus()
{
    QString text;
    const QString search = searchText();
    if (!m_history->isOpen())
        text = tr("The history is not available.");
    else if (m_total == 0 && search.isEmpty())
        text = tr("No requests yet. Every call CRM Desk sends is listed here.");
    else if (m_total == 0)
        text = tr("No request matches “%1”.").arg(search);
    else if (search.isEmpty())
        text = m_total == 1 ? tr("1 request")
                            : tr("Showing %1 of %2 requests").arg(shownCount()).arg(totalText());
    else
        text = m_total == 1 ? tr("1 request matches “%1”").arg(search)
                            : tr("Showing %1 of %2 requests matching “%3”")
                                  .arg(shownCount())
                                  .arg(totalText(), search);
    if (!m_message.isEmpty())
        text += QStringLiteral("  ·  ") + m_message;
    m_status->setText(text);
}

} // namespace crmdesk
