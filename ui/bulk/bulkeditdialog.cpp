#include "bulk/bulkeditdialog.h"

#include "api/apicall.h"
#include "api/listpage.h"
#include "api/trutoclient.h"
#include "bulk/bulkjob.h"
#include "bulk/bulkreport.h"
#include "history/historyservice.h"
#include "schema/schema.h"

#include <QComboBox>
#include <QCryptographicHash>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace crmdesk {

namespace {
QPushButton *button(const QString &text, const QString &name, QWidget *parent)
{
    auto *out = new QPushButton(text, parent);
    out->setObjectName(name);
    out->setAccessibleName(QString(text).remove(u'&').remove(u'…'));
    return out;
}

QTableWidget *table(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *out = new QTableWidget(0, int(headers.size()), parent);
    out->setObjectName(name);
    out->setHorizontalHeaderLabels(headers);
    out->verticalHeader()->hide();
    out->horizontalHeader()->setStretchLastSection(true);
    out->setEditTriggers(QAbstractItemView::NoEditTriggers);
    out->setSelectionBehavior(QAbstractItemView::SelectRows);
    out->setSelectionMode(QAbstractItemView::SingleSelection);
    return out;
}

QLabel *label(const QString &text, const QString &name, QWidget *buddy, QWidget *parent)
{
    auto *out = new QLabel(text, parent);
    out->setObjectName(name);
    out->setBuddy(buddy);
    return out;
}

QTableWidgetItem *item(const QString &text)
{
    return new QTableWidgetItem(text);
}

QString duration(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("?");
    const qint64 seconds = (ms + 999) / 1000;
    return seconds < 60 ? QStringLiteral("%1 s").arg(seconds)
                        : QStringLiteral("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
}
} // namespace

BulkEditDialog::BulkEditDialog(TrutoClient *client, HistoryService *history, QWidget *parent)
    : QDialog(parent), m_client(client), m_history(history), m_jobDirectory(BulkJobStore::defaultDirectory()),
      m_resource(new QComboBox(this)), m_account(new QComboBox(this)),
      m_open(button(tr("&Open CSV…"), QStringLiteral("bulkOpenCsv"), this)), m_fileInfo(new QLabel(this)),
      m_columns(table({tr("CSV column"), tr("Unified field"), tr("First value")}, QStringLiteral("bulkColumns"), this)),
      m_dryRun(button(tr("&Check (dry run)"), QStringLiteral("bulkDryRun"), this)), m_summary(new QLabel(this)),
      m_problems(table({tr("Row"), tr("Line"), tr("Column"), tr("Problem")}, QStringLiteral("bulkProblems"), this)),
      m_start(button(tr("&Start"), QStringLiteral("bulkStart"), this)),
      m_pause(button(tr("&Pause"), QStringLiteral("bulkPause"), this)),
      m_resume(button(tr("&Resume"), QStringLiteral("bulkResume"), this)),
      m_cancel(button(tr("Cance&l run"), QStringLiteral("bulkCancel"), this)), m_progress(new QProgressBar(this)),
      m_rate(new QLabel(this)),
      m_report(table({tr("Row"), tr("Id"), tr("Outcome"), tr("HTTP"), tr("Message"), tr("History")},
                     QStringLiteral("bulkReport"), this)),
      m_export(button(tr("E&xport CSV…"), QStringLiteral("bulkExport"), this)),
      m_openHistory(button(tr("Open &history entry"), QStringLiteral("bulkOpenHistory"), this)),
      m_historyEntry(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("bulkEditDialog"));
    setWindowTitle(tr("Bulk edit from CSV"));
    setAccessibleName(windowTitle());
    m_resource->setObjectName(QStringLiteral("bulkResource"));
    m_resource->setAccessibleName(tr("Resource"));
    m_account->setObjectName(QStringLiteral("bulkAccount"));
    m_account->setAccessibleName(tr("Integrated account"));
    m_fileInfo->setObjectName(QStringLiteral("bulkFileInfo"));
    m_fileInfo->setAccessibleName(tr("File"));
    m_summary->setAccessibleName(tr("Dry run summary"));
    m_rate->setAccessibleName(tr("Rate and time left"));
    m_summary->setObjectName(QStringLiteral("bulkSummary"));
    m_summary->setWordWrap(true);
    m_progress->setObjectName(QStringLiteral("bulkProgress"));
    m_progress->setAccessibleName(tr("Progress"));
    m_rate->setObjectName(QStringLiteral("bulkRate"));
    m_historyEntry->setObjectName(QStringLiteral("bulkHistoryEntry"));
    m_historyEntry->setAccessibleName(tr("History entry"));
    m_historyEntry->setReadOnly(true);
    m_historyEntry->setPlaceholderText(tr("Select a report row and open its history entry."));
    m_columns->setAccessibleName(tr("Column match"));
    m_problems->setAccessibleName(tr("Problems"));
    m_report->setAccessibleName(tr("Report"));

    for (const QString &name : Schema::bundled().resources())
        m_resource->addItem(Schema::bundled().resource(name)->label, name);
    setResource(QStringLiteral("contacts"));

    auto *top = new QHBoxLayout;
    top->addWidget(label(tr("R&esource:"), QStringLiteral("bulkResourceLabel"), m_resource, this));
    top->addWidget(m_resource);
    top->addWidget(label(tr("Acco&unt:"), QStringLiteral("bulkAccountLabel"), m_account, this));
    top->addWidget(m_account, 1);
    top->addWidget(m_open);

    auto *matchBox = new QGroupBox(tr("Columns (correct a match with its combo)"), this);
    matchBox->setObjectName(QStringLiteral("bulkColumnsBox"));
    auto *matchLayout = new QVBoxLayout(matchBox);
    matchLayout->addWidget(m_fileInfo);
    matchLayout->addWidget(m_columns);

    auto *problemBox = new QGroupBox(tr("Dry run"), this);
    problemBox->setObjectName(QStringLiteral("bulkDryRunBox"));
    auto *problemLayout = new QVBoxLayout(problemBox);
    auto *checkRow = new QHBoxLayout;
    checkRow->addWidget(m_summary, 1);
    checkRow->addWidget(m_dryRun);
    problemLayout->addLayout(checkRow);
    problemLayout->addWidget(m_problems);

    auto *runBox = new QGroupBox(tr("Sending"), this);
    runBox->setObjectName(QStringLiteral("bulkRunBox"));
    auto *runLayout = new QVBoxLayout(runBox);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_start);
    controls->addWidget(m_pause);
    controls->addWidget(m_resume);
    controls->addWidget(m_cancel);
    controls->addWidget(m_progress, 1);
    controls->addWidget(m_rate);
    runLayout->addLayout(controls);
    runLayout->addWidget(m_report, 2);
    auto *reportButtons = new QHBoxLayout;
    reportButtons->addStretch(1);
    reportButtons->addWidget(m_openHistory);
    reportButtons->addWidget(m_export);
    runLayout->addLayout(reportButtons);
    runLayout->addWidget(m_historyEntry, 1);

    auto *upper = new QSplitter(Qt::Horizontal, this);
    upper->setObjectName(QStringLiteral("bulkUpperSplitter"));
    upper->addWidget(matchBox);
    upper->addWidget(problemBox);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("bulkSplitter"));
    splitter->addWidget(upper);
    splitter->addWidget(runBox);
    splitter->setSizes({440, 400});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    resize(1400, 900);

    connect(m_resource, &QComboBox::currentIndexChanged, this, [this] {
        showColumns();
        loadTarget();
    });
    connect(m_account, &QComboBox::currentIndexChanged, this, &BulkEditDialog::loadTarget);
    connect(m_open, &QPushButton::clicked, this, &BulkEditDialog::chooseFile);
    connect(m_dryRun, &QPushButton::clicked, this, &BulkEditDialog::replan);
    connect(m_start, &QPushButton::clicked, this, &BulkEditDialog::start);
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->pause();
    });
    connect(m_resume, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->start();
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
    });
    connect(m_export, &QPushButton::clicked, this, &BulkEditDialog::chooseExport);
    connect(m_openHistory, &QPushButton::clicked, this, &BulkEditDialog::openHistoryEntry);
    connect(m_report, &QTableWidget::itemSelectionChanged, this, &BulkEditDialog::updateButtons);
    updateButtons();
    loadAccounts();
}

BulkEditDialog::~BulkEditDialog() = default;

void BulkEditDialog::setAccountId(const QString &accountId)
{
    m_wantedAccount = accountId;
    const int index = m_account->findData(accountId);
    if (index >= 0)
        m_account->setCurrentIndex(index);
}

void BulkEditDialog::setResource(const QString &resource)
{
    const int index = m_resource->findData(resource);
    if (index >= 0)
        m_resource->setCurrentIndex(index);
}

void BulkEditDialog::setConnectionLabels(const QString &profileId, const QString &environment)
{
    m_profileId = profileId;
    m_environment = environment;
}

void BulkEditDialog::loadAccounts()
{
    if (!m_client)
        return;
    QueryOptions options;
    options.limit = 100;
    connect(m_client->listIntegratedAccounts(options), &ApiCall::finished, this, &BulkEditDialog::onAccounts);
}

void BulkEditDialog::onAccounts(const ApiResult &result)
{
    const std::optional<ListPage> page = result.ok() ? ListPage::fromJson(result.json) : std::nullopt;
    if (!page) {
        m_summary->setText(tr("Could not list the accounts: %1").arg(result.errorString));
        return;
    }
    const QSignalBlocker blocker(m_account);
    for (const QJsonValue &value : page->records) {
        const AccountCapabilities account = AccountCapabilities::fromAccount(value.toObject());
        if (account.isValid())
            m_account->addItem(QStringLiteral("%1 · %2").arg(account.summary(), account.id()), account.id());
    }
    const int wanted = m_account->findData(m_wantedAccount);
    m_account->setCurrentIndex(wanted >= 0 ? wanted : 0);
    loadTarget();
    Q_EMIT accountsLoaded();
}

void BulkEditDialog::loadTarget()
{
    m_target.reset();
    const QString accountId = m_account->currentData().toString();
    const ResourceSchema *schema = Schema::bundled().resource(m_resource->currentData().toString());
    if (!m_client || accountId.isEmpty() || !schema) {
        replan();
        return;
    }
    const int request = ++m_targetRequest;
    m_summary->setText(tr("Reading the rules of account %1…").arg(accountId));
    loadBulkTarget(m_client, *schema, accountId, this, [this, request](const BulkTarget &target) {
        if (request != m_targetRequest)
            return;
        m_target = target;
        replan();
    });
    replan();
}

bool BulkEditDialog::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_fileInfo->setText(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    const QByteArray bytes = file.readAll();
    QString error;
    std::optional<CsvTable> table = readCsv(bytes, &error);
    if (!table) {
        m_fileInfo->setText(tr("%1: %2").arg(QFileInfo(path).fileName(), error));
        return false;
    }
    m_path = path;
    m_sha256 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
    m_table = std::move(table);
    delete m_job;
    m_job = nullptr;
    m_report->setRowCount(0);
    m_fileInfo->setText(tr("%1: %n row(s), %2, '%3' separated", nullptr, int(m_table->rows.size()))
                            .arg(QFileInfo(path).fileName(), m_table->encoding, QString(m_table->delimiter)));
    showColumns();
    return true;
}

void BulkEditDialog::showColumns()
{
    const ResourceSchema *schema = Schema::bundled().resource(m_resource->currentData().toString());
    m_columns->setRowCount(0);
    if (!m_table || !schema) {
        m_matches.clear();
        replan();
        return;
    }
    m_matches = matchColumns(m_table->header, *schema);
    const QStringList targets = columnTargets(*schema);
    m_columns->setRowCount(int(m_matches.size()));
    for (qsizetype i = 0; i < m_matches.size(); ++i) {
        const ColumnMatch &match = m_matches.at(i);
        m_columns->setItem(int(i), 0, item(match.header));
        auto *combo = new QComboBox(m_columns);
        combo->setObjectName(QStringLiteral("bulkColumnTarget%1").arg(i));
        combo->setAccessibleName(tr("Field for column %1").arg(match.header));
        combo->addItem(tr("(ignore)"), QString());
        for (const QString &target : targets)
            combo->addItem(target, target);
        if (match.kind == ColumnMatch::Kind::CustomField)
            combo->addItem(match.target(), match.target());
        const int current = combo->findData(match.target());
        combo->setCurrentIndex(current >= 0 ? current : 0);
        if (match.kind == ColumnMatch::Kind::Ignored)
            combo->setToolTip(match.note);
        connect(combo, &QComboBox::currentIndexChanged, this, [this, combo, i, schema] {
            m_matches[i] = matchTarget(m_matches.at(i).header, combo->currentData().toString(), *schema);
            replan();
        });
        m_columns->setCellWidget(int(i), 1, combo);
        m_columns->setItem(int(i), 2, item(m_table->rows.isEmpty() ? QString() : m_table->rows.first().value(i)));
    }
    m_columns->resizeColumnsToContents();
    replan();
}

void BulkEditDialog::replan()
{
    const ResourceSchema *schema = Schema::bundled().resource(m_resource->currentData().toString());
    m_problems->setRowCount(0);
    m_plan = BulkPlan();
    if (!m_table || !schema || !m_target) {
        if (!m_table)
            m_summary->setText(tr("Open a CSV file: an id column and one column per field to change."));
        updateButtons();
        return;
    }
    if (!m_target->error.isEmpty()) {
        m_summary->setText(m_target->error);
        updateButtons();
        return;
    }
    m_plan = BulkPlan::build(*m_table, m_matches, *schema, m_target->policy, m_target->customFieldNames);
    int at = 0;
    m_problems->setRowCount(m_plan.problemCount());
    for (const QString &problem : std::as_const(m_plan.fileProblems)) {
        m_problems->setItem(at, 0, item(QString()));
        m_problems->setItem(at, 1, item(QString()));
        m_problems->setItem(at, 2, item(QString()));
        m_problems->setItem(at++, 3, item(problem));
    }
    for (const BulkRow &row : std::as_const(m_plan.rows)) {
        for (const BulkProblem &problem : row.problems) {
            m_problems->setItem(at, 0, item(QString::number(row.number)));
            m_problems->setItem(at, 1, item(QString::number(row.line)));
            m_problems->setItem(at, 2, item(problem.column >= 0 ? m_matches.value(problem.column).header : QString()));
            m_problems->setItem(at++, 3, item(problem.message));
        }
    }
    for (int column = 0; column < 3; ++column)
        m_problems->resizeColumnToContents(column); // the problem text takes the rest
    m_summary->setText(tr("%1 for %2: %n row(s), %3 to send, %4 problem(s). Rows with problems are skipped.",
                          nullptr, int(m_plan.rows.size()))
                           .arg(m_target->account.provider(), schema->label)
                           .arg(m_plan.sendableCount())
                           .arg(m_plan.problemCount()));
    updateButtons();
    Q_EMIT planChanged();
}

void BulkEditDialog::start()
{
    if (m_job || m_plan.sendableCount() == 0 || !m_target)
        return;
    QStringList targets;
    for (const ColumnMatch &match : std::as_const(m_matches))
        targets.append(match.target());
    const QString accountId = m_account->currentData().toString();
    const QString resource = m_resource->currentData().toString();
    QString error;
    std::optional<BulkJobStore> store;
    // The same file, account and column match as an unfinished job: carry on with it, so no
    // row it already sent is sent again.
    if (const auto unfinished = BulkJobStore::findUnfinished(m_jobDirectory, m_sha256, resource, accountId)) {
        store = BulkJobStore::open(*unfinished, &error);
        if (store && store->spec().columnTargets != targets)
            store.reset();
    }
    if (!store) {
        BulkJobSpec spec;
        spec.resource = resource;
        spec.accountId = accountId;
        spec.provider = m_target->account.provider();
        spec.csvPath = m_path;
        spec.csvSha256 = m_sha256;
        spec.columnTargets = targets;
        spec.rowCount = int(m_plan.rows.size());
        store = BulkJobStore::create(m_jobDirectory, spec, &error);
    }
    if (!store) {
        m_rate->setText(error);
        return;
    }
    m_job = new BulkJob(m_client, std::move(*store), m_plan.rows, this);
    m_job->setHistory(m_history, m_profileId, m_environment);
    connect(m_job, &BulkJob::progress, this, &BulkEditDialog::showProgress);
    connect(m_job, &BulkJob::rowAnswered, this, &BulkEditDialog::showReport);
    connect(m_job, &BulkJob::historyLinked, this, &BulkEditDialog::showReport);
    connect(m_job, &BulkJob::stateChanged, this, &BulkEditDialog::updateButtons);
    connect(m_job, &BulkJob::finished, this, [this] {
        showProgress();
        showReport();
        updateButtons();
        if (!m_job->errorString().isEmpty())
            m_rate->setText(m_job->errorString());
        Q_EMIT jobFinished();
    });
    m_progress->setRange(0, m_job->totalRows());
    showReport();
    m_job->start();
    updateButtons();
}

void BulkEditDialog::showProgress()
{
    if (!m_job)
        return;
    m_progress->setValue(m_job->answeredRows());
    const bool done = m_job->answeredRows() == m_job->totalRows();
    m_rate->setText(tr("%1 / %2 rows · %3 rows/s · ETA %4")
                        .arg(m_job->answeredRows())
                        .arg(m_job->totalRows())
                        .arg(m_job->rowsPerSecond(), 0, 'f', 1)
                        .arg(done ? tr("done") : duration(m_job->etaMs())));
}

void BulkEditDialog::showReport()
{
    if (!m_job)
        return;
    const QList<RowResult> report = m_job->report();
    const int selected = m_report->currentRow();
    m_report->setRowCount(int(report.size()));
    for (qsizetype i = 0; i < report.size(); ++i) {
        const RowResult &row = report.at(i);
        m_report->setItem(int(i), 0, item(QString::number(row.row)));
        m_report->setItem(int(i), 1, item(row.recordId));
        m_report->setItem(int(i), 2, item(toString(row.outcome)));
        m_report->setItem(int(i), 3, item(row.httpStatus ? QString::number(row.httpStatus) : QString()));
        m_report->setItem(int(i), 4, item(row.message));
        auto *history = item(row.historyId ? QString::number(row.historyId) : QString());
        history->setData(Qt::UserRole, row.historyId);
        m_report->setItem(int(i), 5, history);
    }
    if (selected >= 0)
        m_report->setCurrentCell(selected, 0);
    updateButtons();
}

void BulkEditDialog::openHistoryEntry()
{
    const int row = m_report->currentRow();
    const QTableWidgetItem *cell = row >= 0 ? m_report->item(row, 5) : nullptr;
    const qint64 id = cell ? cell->data(Qt::UserRole).toLongLong() : 0;
    if (!m_history || id <= 0)
        return;
    m_history->fetch({id}, this, [this](const QList<HistoryEntry> &entries) {
        if (entries.isEmpty()) {
            m_historyEntry->setPlainText(tr("That history entry is no longer stored."));
        } else {
            const HistoryEntry &entry = entries.first();
            m_historyEntry->setPlainText(
                tr("History entry %1, %2\n%3 %4\nIdempotency-Key: %5\n\n%6\n\n→ %7 (%8 ms)\n%9")
                    .arg(entry.id)
                    .arg(entry.sentAt.toLocalTime().toString(Qt::ISODate), QString::fromLatin1(entry.method),
                         QString::fromLatin1(entry.url), entry.idempotencyKey, QString::fromUtf8(entry.requestBody))
                    .arg(entry.status)
                    .arg(entry.durationMs)
                    .arg(QString::fromUtf8(entry.responseBody.left(4000))));
        }
        Q_EMIT historyShown();
    });
}

bool BulkEditDialog::exportReport(const QString &path)
{
    if (!m_job)
        return false;
    QHash<int, int> lines;
    for (const BulkRow &row : std::as_const(m_plan.rows))
        lines.insert(row.number, row.line);
    QString error;
    const bool ok = writeReport(path, m_job->report(), lines, &error);
    m_rate->setText(ok ? tr("Report saved to %1").arg(path) : error);
    return ok;
}

void BulkEditDialog::chooseFile()
{
    auto *dialog = new QFileDialog(this, tr("Open a CSV file"), QString(), tr("CSV files (*.csv *.txt);;All files (*)"));
    dialog->setObjectName(QStringLiteral("bulkOpenFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) { loadFile(path); });
    dialog->open();
}

void BulkEditDialog::chooseExport()
{
    auto *dialog = new QFileDialog(this, tr("Export the report"), QStringLiteral("bulk-report.csv"), tr("CSV files (*.csv)"));
    dialog->setObjectName(QStringLiteral("bulkExportFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) { exportReport(path); });
    dialog->open();
}

void BulkEditDialog::updateButtons()
{
    const BulkJob::State state = m_job ? m_job->state() : BulkJob::State::Ready;
    const bool running = state == BulkJob::State::Running || state == BulkJob::State::Pausing;
    const bool paused = state == BulkJob::State::Paused || state == BulkJob::State::Stopped;
    const bool ended = state == BulkJob::State::Finished || state == BulkJob::State::Cancelled;
    m_start->setEnabled(!m_job && m_plan.fileProblems.isEmpty() && m_plan.sendableCount() > 0);
    m_pause->setEnabled(state == BulkJob::State::Running);
    m_resume->setEnabled(paused);
    m_cancel->setEnabled(running || paused);
    m_dryRun->setEnabled(m_table.has_value() && !m_job);
    m_resource->setEnabled(!m_job || ended);
    m_account->setEnabled(!m_job || ended);
    m_open->setEnabled(!m_job || ended);
    m_columns->setEnabled(!m_job);
    m_export->setEnabled(m_job != nullptr);
    const int row = m_report->currentRow();
    const QTableWidgetItem *history = row >= 0 ? m_report->item(row, 5) : nullptr;
    m_openHistory->setEnabled(history && history->data(Qt::UserRole).toLongLong() > 0);
}

} // namespace crmdesk
