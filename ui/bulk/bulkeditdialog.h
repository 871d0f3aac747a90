#pragma once

#include "bulk/bulkplan.h"
#include "bulk/bulktarget.h"
#include "bulk/csvreader.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace crmdesk {

class BulkJob;
class HistoryService;
class TrutoClient;
struct ApiResult;
struct RowResult;

// File → Bulk edit from CSV: pick a resource and account, open a CSV, correct the column match,
// see every problem the dry run finds per row and column, then send through the client's rate
// limiter with Start / Pause / Resume / Cancel, a progress bar with rate and ETA, and a per-row
// report to export and to follow into the history. Non-modal; all rules live in app/bulk and
// app/policy, this only shows them.
class BulkEditDialog : public QDialog
{
    Q_OBJECT
public:
    BulkEditDialog(TrutoClient *client, HistoryService *history, QWidget *parent = nullptr);
    ~BulkEditDialog() override;

    // The account to start on (the main window's current one), once the accounts are listed.
    void setAccountId(const QString &accountId);
    void setResource(const QString &resource);
    // Opens a CSV file as "Open CSV…" does; false (and the reason shown) when it cannot be read.
    bool loadFile(const QString &path);
    bool exportReport(const QString &path);
    // Where job state is kept (default BulkJobStore::defaultDirectory()).
    void setJobDirectory(const QString &directory) { m_jobDirectory = directory; }
    // Labels history entries, as the main window labels a send from the form.
    void setConnectionLabels(const QString &profileId, const QString &environment);

    const BulkPlan &plan() const { return m_plan; }
    BulkJob *job() const { return m_job; }

Q_SIGNALS:
    // The dry run was redone (file, account, resource or column match changed).
    void planChanged();
    void accountsLoaded();
    void jobFinished();
    void historyShown();

private:
    void loadAccounts();
    void onAccounts(const ApiResult &result);
    void loadTarget();
    void showColumns();
    void replan();
    void start();
    void showProgress();
    void showReport();
    void openHistoryEntry();
    void chooseFile();
    void chooseExport();
    void updateButtons();

    QPointer<TrutoClient> m_client;
    QPointer<HistoryService> m_history;
    QString m_jobDirectory;
    QString m_profileId;
    QString m_environment;
    QString m_wantedAccount;

    QComboBox *m_resource;
    QComboBox *m_account;
    QPushButton *m_open;
    QLabel *m_fileInfo;
    QTableWidget *m_columns;
    QPushButton *m_dryRun;
    QLabel *m_summary;
    QTableWidget *m_problems;
    QPushButton *m_start;
    QPushButton *m_pause;
    QPushButton *m_resume;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_rate;
    QTableWidget *m_report;
    QPushButton *m_export;
    QPushButton *m_openHistory;
    QPlainTextEdit *m_historyEntry;

    QString m_path;
    QByteArray m_sha256;
    std::optional<CsvTable> m_table;
    QList<ColumnMatch> m_matches;
    std::optional<BulkTarget> m_target;
    int m_targetRequest = 0; // answers to an older account or resource choice are dropped
    BulkPlan m_plan;
    BulkJob *m_job = nullptr;
};

} // namespace crmdesk
