#include "coverage/coverageview.h"

#include "coverage/coveragemodel.h"
#include "files/storefiles.h"
#include "schema/schema.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace crmdesk {

namespace {

// Rows whose field path contains the search text and, when a state is chosen, that have it
// for at least one provider.
class CoverageFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setSearch(const QString &text)
    {
        m_search = text.trimmed();
        invalidateFilter();
    }
    void setState(const QString &word)
    {
        m_state = word;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QAbstractItemModel *model = sourceModel();
        const QString field = model->headerData(row, Qt::Vertical).toString();
        if (!m_search.isEmpty() && !field.contains(m_search, Qt::CaseInsensitive))
            return false;
        if (m_state.isEmpty())
            return true;
        for (int column = 0; column < model->columnCount(parent); ++column) {
            if (model->index(row, column, parent).data(CoverageModel::StateRole).toString() == m_state)
                return true;
        }
        return false;
    }

private:
    QString m_search;
    QString m_state;
};

} // namespace

CoverageView::CoverageView(const Schema &schema, QWidget *parent)
    : QWidget(parent), m_schema(schema), m_model(new CoverageModel(this)), m_proxy(new CoverageFilter(this)),
      m_resource(new QComboBox(this)), m_search(new QLineEdit(this)), m_stateFilter(new QComboBox(this)),
      m_table(new QTableView(this)), m_exportCsv(new QPushButton(tr("Export &CSV…"), this)),
      m_exportPng(new QPushButton(tr("Export &PNG…"), this)), m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("coverageView"));
    setAccessibleName(tr("Coverage grid"));
    m_resource->setObjectName(QStringLiteral("coverageResource"));
    m_resource->setAccessibleName(tr("Resource"));
    for (const QString &name : m_schema.resources()) {
        const ResourceSchema *resource = m_schema.resource(name);
        m_resource->addItem(resource ? resource->label : name, name);
    }
    m_search->setObjectName(QStringLiteral("coverageSearch"));
    m_search->setAccessibleName(tr("Search fields"));
    m_search->setPlaceholderText(tr("Search fields…"));
    m_search->setClearButtonEnabled(true);
    m_stateFilter->setObjectName(QStringLiteral("coverageStateFilter"));
    m_stateFilter->setAccessibleName(tr("Show fields"));
    m_stateFilter->addItem(tr("All fields"), QString());
    m_stateFilter->addItem(tr("Required by some provider"), QStringLiteral("required"));
    m_stateFilter->addItem(tr("Supported by some provider"), QStringLiteral("supported"));
    m_stateFilter->addItem(tr("Unsupported by some provider"), QStringLiteral("unsupported"));
    m_stateFilter->addItem(tr("Unknown for some provider"), QStringLiteral("unknown"));
    m_exportCsv->setObjectName(QStringLiteral("coverageExportCsv"));
    m_exportPng->setObjectName(QStringLiteral("coverageExportPng"));
    m_summary->setObjectName(QStringLiteral("coverageSummary"));

    m_proxy->setSourceModel(m_model);
    m_table->setObjectName(QStringLiteral("coverageTable"));
    m_table->setAccessibleName(tr("Fields by provider"));
    m_table->setModel(m_proxy);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setToolTip(tr("Click a cell to open the form for that provider with the field focused"));

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Resource:"), this));
    controls->addWidget(m_resource);
    controls->addWidget(m_search, 1);
    controls->addWidget(m_stateFilter);
    controls->addWidget(m_exportCsv);
    controls->addWidget(m_exportPng);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);

    connect(m_resource, &QComboBox::currentIndexChanged, this, &CoverageView::rebuild);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        static_cast<CoverageFilter *>(m_proxy)->setSearch(text);
        updateSummary();
    });
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, [this] {
        static_cast<CoverageFilter *>(m_proxy)->setState(m_stateFilter->currentData().toString());
        updateSummary();
    });
    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex &index) {
        const QModelIndex source = m_proxy->mapToSource(index);
        Q_EMIT fieldActivated(resource(), m_model->grid().providers().value(source.column()),
                              m_model->grid().fields().value(source.row()));
    });
    connect(m_exportCsv, &QPushButton::clicked, this, [this] {
        askForFile(tr("Export the coverage grid as CSV"), tr("CSV files (*.csv)"), QStringLiteral("csv"),
                   &CoverageView::exportCsv);
    });
    connect(m_exportPng, &QPushButton::clicked, this, [this] {
        askForFile(tr("Export the coverage grid as PNG"), tr("PNG images (*.png)"), QStringLiteral("png"),
                   &CoverageView::exportPng);
    });
    rebuild();
}

void CoverageView::setResource(const QString &resource)
{
    const int index = m_resource->findData(resource);
    if (index >= 0)
        m_resource->setCurrentIndex(index);
}

QString CoverageView::resource() const
{
    return m_resource->currentData().toString();
}

void CoverageView::setLiveRules(const FieldPolicy &live)
{
    m_live.insert(live.resource(), live);
    if (live.resource() == resource())
        rebuild();
}

void CoverageView::rebuild()
{
    const ResourceSchema *schema = m_schema.resource(resource());
    if (!schema)
        return;
    CoverageGrid grid = CoverageGrid::fromSchema(*schema);
    if (m_live.contains(resource()))
        grid.applyLive(m_live.value(resource()));
    m_model->setGrid(std::move(grid));
    updateSummary();
}

void CoverageView::updateSummary()
{
    const CoverageGrid &grid = m_model->grid();
    const FieldPolicy live = m_live.value(resource());
    const QString source = live.provider().isEmpty()
                               ? tr("from the bundled documentation")
                               : tr("from the bundled documentation, and %1's from the connected account")
                                     .arg(live.provider());
    m_summary->setText(tr("%1 of %2 fields × %3 providers, %4.")
                           .arg(m_proxy->rowCount())
                           .arg(grid.fields().size())
                           .arg(grid.providers().size())
                           .arg(source));
}

bool CoverageView::exportCsv(const QString &path, QString *error) const
{
    return writeFileAtomically(path, m_model->grid().toCsv(), error);
}

bool CoverageView::exportPng(const QString &path, QString *error) const
{
    // The whole table as shown (search and filter applied), not just the part scrolled to.
    const QSize full(m_table->verticalHeader()->width() + m_table->horizontalHeader()->length() + 2,
                     m_table->horizontalHeader()->height() + m_table->verticalHeader()->length() + 2);
    QTableView copy;
    copy.setModel(m_table->model());
    copy.horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    copy.verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    copy.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    copy.setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    copy.resize(full);
    copy.setAttribute(Qt::WA_DontShowOnScreen);
    copy.show();
    const QPixmap image = copy.grab();
    if (image.isNull() || !image.save(path, "PNG")) {
        if (error)
            *error = tr("Cannot write %1").arg(path);
        return false;
    }
    return true;
}

void CoverageView::askForFile(const QString &title, const QString &filter, const QString &suffix,
                              bool (CoverageView::*write)(const QString &, QString *) const)
{
    // Non-modal: the app's event loop keeps running while the dialog is open.
    auto *dialog = new QFileDialog(this, title, QStringLiteral("coverage-%1.%2").arg(resource(), suffix), filter);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(suffix);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this, write](const QString &path) {
        QString error;
        m_summary->setText((this->*write)(path, &error) ? tr("Saved %1.").arg(path) : error);
    });
    dialog->open();
}

} // namespace crmdesk
