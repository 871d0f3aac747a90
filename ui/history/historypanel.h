#pragma once

#include "api/apiresult.h"
#include "dialogs/confirmation.h"
#include "history/historyservice.h"
#include "snippets/snippetgenerator.h"

#include <QList>
#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;
class QToolButton;

namespace crmdesk {

class CopyAsMenu;
class HistoryTableModel;

// The request history (product §5 item 5): every call with its request, newest first, a page
// at a time, searchable through HistoryStore::search. From a row the user can open it in the
// inspector, resend a PATCH, compare two rows, copy a row as code (token redacted), delete rows
// or clear everything (after a confirmation).
//
// Every read and write goes through HistoryService, on its worker thread: the panel asks and
// shows the answer when it comes, so a large history never stalls the window. An answer to a
// question that has since been replaced (a newer search) is dropped.
class HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kDefaultPageSize = 100;

    // history must outlive the panel.
    explicit HistoryPanel(HistoryService *history, QWidget *parent = nullptr);

    // Rows read per page ("Load more"); at least 1.
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }
    // Replaces the message box asked before "Clear history"; for tests.
    void setConfirmation(Confirmation confirmation);

    // Reads the first rows again for the current search, keeping as many rows as are shown;
    // rowsShown() follows.
    void reload();
    // Reads the next page below the rows shown.
    void loadMore();
    // Rows shown, and rows the store holds for the current search.
    int shownCount() const;
    int totalCount() const { return m_total; }

    // Store ids of the selected rows, newest first.
    QList<qint64> selectedIds() const;
    void selectIds(const QList<qint64> &ids);

    // The actions the panel's buttons and context menu run.
    void openSelected();
    void resendSelected();
    void compareSelected();
    void deleteSelected();
    void clearHistory();

Q_SIGNALS:
    // Show this stored call in the response inspector.
    void openRequested(const crmdesk::ApiResult &result);
    // Send this PATCH again (only ever emitted for PATCH entries). Its headers are the redacted
    // copies; the receiver sends it with the current token and a new Idempotency-Key, since
    // the stored key would only replay Truto's cached response (contract §9).
    void resendRequested(const crmdesk::HistoryEntry &entry);
    // Diff two stored calls, the older one first.
    void compareRequested(const crmdesk::ApiResult &older, const crmdesk::ApiResult &newer);
    // The rows of a reload, a page or a new entry are shown.
    void rowsShown();

private:
    void onEntryAdded();
    void onEntriesRemoved();
    void updateActions();
    void updateStatus();
    void setMessage(const QString &message);
    void showPage(const HistoryPage &page);
    void askToClear(int count);
    QString totalText() const;
    // Fetches the selected entries, then runs act with those still stored (newest first).
    void withSelectedEntries(std::function<void(const QList<HistoryEntry> &)> act);
    void prefetchSelection();
    SnippetRequest selectedSnippetRequest() const;
    QString searchText() const;

    HistoryService *m_history;
    HistoryTableModel *m_model;
    Confirmation m_confirm;
    int m_pageSize = kDefaultPageSize;
    int m_total = 0;
    bool m_totalCapped = false;
    quint64 m_readGeneration = 0; // answers to older reads than this are dropped
    std::optional<HistoryEntry> m_selectedEntry; // for "Copy as", fetched when selected
    bool m_changingStore = false; // our own delete/clear: one reload afterwards, not one per row
    QString m_message;            // the outcome of the last action, shown next to the counts

    QLineEdit *m_search;
    QTimer *m_searchDelay;
    QTableView *m_table;
    QAction *m_openAction;
    QAction *m_resendAction;
    QAction *m_compareAction;
    QAction *m_deleteAction;
    QAction *m_clearAction;
    CopyAsMenu *m_copyAsMenu;
    QToolButton *m_openButton;
    QToolButton *m_resendButton;
    QToolButton *m_compareButton;
    QPushButton *m_copyAsButton;
    QToolButton *m_deleteButton;
    QToolButton *m_clearButton;
    QPushButton *m_loadMore;
    QLabel *m_status;
};

} // namespace crmdesk
