#include "editors/structurededitors.h"

#include "editors/fieldrow.h"
#include "editors/rowformdialog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace crmdesk {

namespace {
QString cellText(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isObject() || value.isArray())
        return QString::fromUtf8(value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                                                  : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toString();
}

// Text typed into a cell: JSON scalars keep their type where the text is unambiguous.
QJsonValue cellValue(const QString &text)
{
    if (text == QLatin1String("true") || text == QLatin1String("false"))
        return text == QLatin1String("true");
    if (text.startsWith(u'{') || text.startsWith(u'[')) {
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
        if (document.isObject())
            return document.object();
        if (document.isArray())
            return document.array();
    }
    return text;
}

QString prettyJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    return value.isString() ? value.toString() : QString();
}

// Text that must be a JSON object; text that is not stays text so validation can say so.
QJsonValue parsedObject(const QString &text)
{
    if (text.trimmed().isEmpty())
        return QJsonValue::Null;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    return document.isObject() ? QJsonValue(document.object()) : QJsonValue(text);
}

// Tables in a form are as tall as their rows (within limits), so a form reads top to bottom
// without a scroll area inside a scroll area.
void fitTableHeight(QTableWidget *table)
{
    const int rows = qBound(1, table->rowCount(), 8);
    int height = table->horizontalHeader()->sizeHint().height() + rows * table->verticalHeader()->defaultSectionSize()
                 + 2 * table->frameWidth() + 2;
    if (table->horizontalScrollBar()->maximum() > 0) // columns wider than the table: room for the bar
        height += table->horizontalScrollBar()->sizeHint().height();
    table->setFixedHeight(height);
}

// A sub-field with documented values (an e-mail address's type) is chosen, not typed.
class ChoiceDelegate final : public QStyledItemDelegate
{
public:
    ChoiceDelegate(const QStringList &choices, QObject *parent) : QStyledItemDelegate(parent), m_choices(choices) {}

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        auto *combo = new QComboBox(parent);
        combo->setObjectName(QStringLiteral("choiceEditor"));
        combo->addItem(QString());
        combo->addItems(m_choices);
        // A choice is made when it is picked: no Enter needed to keep it.
        connect(combo, &QComboBox::activated, this, [this, combo] {
            Q_EMIT const_cast<ChoiceDelegate *>(this)->commitData(combo);
        });
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        auto *combo = static_cast<QComboBox *>(editor);
        const QString current = index.data().toString();
        if (combo->findText(current) < 0)
            combo->addItem(current); // a loaded value outside the documented ones stays
        combo->setCurrentIndex(combo->findText(current));
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QComboBox *>(editor)->currentText());
    }

private:
    QStringList m_choices;
};

// Columns as wide as their values where the table has room; where it has not, every header
// still reads whole (its label is the minimum) and the rest of the room goes to the columns
// whose values are cut the most. Only when even the labels do not fit does the table scroll.
void fitColumns(QTableWidget *table)
{
    QHeaderView *header = table->horizontalHeader();
    QList<int> visible;
    for (int column = 0; column < table->columnCount(); ++column) {
        if (!table->isColumnHidden(column))
            visible.append(column);
    }
    if (visible.isEmpty())
        return;
    QList<int> labels;
    QList<int> wanted;
    int labelsTotal = 0;
    int wantedTotal = 0;
    for (int column : std::as_const(visible)) {
        const int label = header->sectionSizeHint(column);
        // public in QAbstractItemView, protected in QTableView: the same virtual
        const int want = qMax(label, static_cast<const QAbstractItemView *>(table)->sizeHintForColumn(column));
        labels.append(label);
        wanted.append(want);
        labelsTotal += label;
        wantedTotal += want;
    }
    const int room = table->viewport()->width();
    for (qsizetype i = 0; i < visible.size(); ++i) {
        int width = wanted.at(i);
        if (wantedTotal > room) {
            const int spare = qMax(0, room - labelsTotal);
            const int short_ = wantedTotal - labelsTotal;
            width = labels.at(i) + (short_ > 0 ? spare * (wanted.at(i) - labels.at(i)) / short_ : 0);
        }
        header->resizeSection(visible.at(i), width);
    }
}

// The tables below refit themselves when their model's rows change. The model is the table's
// child, so when the table is destroyed the model is deleted (and reset) after ~QTableWidget has
// run: the refit would then call into a half-destroyed table (UBSan in the sanitizer suite:
// "member call on address ... which does not point to an object of type 'QTableWidget'"). The
// destructor cuts those connections first.
class FittedTable final : public QTableWidget
{
public:
    using QTableWidget::QTableWidget;
    ~FittedTable() override
    {
        QObject::disconnect(model(), nullptr, this, nullptr);
        QObject::disconnect(horizontalScrollBar(), nullptr, this, nullptr);
    }
    // Sizes the columns to what they hold (see fitColumns) on every resize and edit.
    void setFitsColumns(bool fits)
    {
        m_fitsColumns = fits;
        if (!fits)
            return;
        horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
        horizontalHeader()->setStretchLastSection(true);
        const auto refit = [this] { fitColumns(this); };
        QObject::connect(model(), &QAbstractItemModel::dataChanged, this, refit);
        QObject::connect(model(), &QAbstractItemModel::rowsInserted, this, refit);
        QObject::connect(model(), &QAbstractItemModel::modelReset, this, refit);
    }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QTableWidget::resizeEvent(event);
        if (m_fitsColumns)
            fitColumns(this);
    }

private:
    bool m_fitsColumns = false;
};

// A stack as tall as the page it shows: a short table does not take the JSON box's height.
class CurrentPageStack final : public QStackedWidget
{
public:
    using QStackedWidget::QStackedWidget;
    QSize sizeHint() const override
    {
        // Within the page's own limits: a table fitted to its rows has a fixed height.
        const QWidget *page = currentWidget();
        return page ? page->sizeHint().boundedTo(page->maximumSize()).expandedTo(page->minimumSize())
                    : QStackedWidget::sizeHint();
    }
    QSize minimumSizeHint() const override
    {
        return currentWidget() ? currentWidget()->minimumSizeHint() : QStackedWidget::minimumSizeHint();
    }
};

void setUpTable(QTableWidget *table)
{
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    QObject::connect(table->horizontalScrollBar(), &QScrollBar::rangeChanged, table, [table] { fitTableHeight(table); });
    table->verticalHeader()->setVisible(false);
    table->setTabKeyNavigation(false);
    table->setWordWrap(false);
    table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    fitTableHeight(table);
    QObject::connect(table->model(), &QAbstractItemModel::rowsInserted, table, [table] { fitTableHeight(table); });
    QObject::connect(table->model(), &QAbstractItemModel::rowsRemoved, table, [table] { fitTableHeight(table); });
    QObject::connect(table->model(), &QAbstractItemModel::modelReset, table, [table] { fitTableHeight(table); });
}

QPushButton *smallButton(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    button->setAccessibleName(objectName);
    button->setAutoDefault(false);
    return button;
}
} // namespace

ObjectListFieldEditor::ObjectListFieldEditor(const FieldSpec &spec, QWidget *parent)
    : FieldEditor(spec, parent), m_table(new FittedTable(this)),
      m_add(smallButton(tr("Add"), QStringLiteral("field_") + spec.path + QStringLiteral("_add"), this)),
      m_remove(smallButton(tr("Remove"), QStringLiteral("field_") + spec.path + QStringLiteral("_remove"), this)),
      m_editRow(smallButton(tr("Edit…"), QStringLiteral("field_") + spec.path + QStringLiteral("_editRow"), this))
{
    QStringList labels;
    // In the order a person reads an address or a phone number, not the page's alphabetical one.
    static const QStringList readingOrder{QStringLiteral("name"),        QStringLiteral("street_1"),
                                          QStringLiteral("street_2"),    QStringLiteral("city"),
                                          QStringLiteral("state"),       QStringLiteral("postal_code"),
                                          QStringLiteral("country"),     QStringLiteral("email"),
                                          QStringLiteral("number"),      QStringLiteral("extension"),
                                          QStringLiteral("url"),         QStringLiteral("type")};
    QList<FieldSpec> children = spec.children;
    std::stable_sort(children.begin(), children.end(), [](const FieldSpec &a, const FieldSpec &b) {
        const auto rank = [](const QString &name) {
            const qsizetype at = readingOrder.indexOf(name);
            return at < 0 ? readingOrder.size() : at;
        };
        return rank(a.name) < rank(b.name);
    });
    for (const FieldSpec &child : std::as_const(children)) {
        m_columns.append(child.name);
        m_choices.append(child.enumValues);
        labels.append(fieldLabel(child.name));
    }
    if (m_columns.isEmpty()) {
        m_columns.append(QStringLiteral("id"));
        m_choices.append(QStringList());
        labels.append(tr("Id"));
    }
    m_table->setObjectName(QStringLiteral("field_") + spec.path);
    m_table->setAccessibleName(spec.path);
    m_table->setToolTip(spec.description);
    m_table->setColumnCount(int(m_columns.size()));
    m_table->setHorizontalHeaderLabels(labels);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    setUpTable(m_table);
    // Each column as wide as its label and values where there is room, never narrower than
    // its label; Edit… shows a row whose values are cut as a form.
    static_cast<FittedTable *>(m_table)->setFitsColumns(true);
    for (int column = 0; column < m_columns.size(); ++column) {
        if (!m_choices.at(column).isEmpty())
            m_table->setItemDelegateForColumn(column, new ChoiceDelegate(m_choices.at(column), m_table));
    }
    m_editRow->setToolTip(tr("Edit the selected row in a form"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_editRow);
    if (m_columns.contains(QLatin1String("id")) && m_columns.size() > 1) {
        m_showIds = new QToolButton(this);
        m_showIds->setObjectName(QStringLiteral("field_") + spec.path + QStringLiteral("_ids"));
        m_showIds->setText(tr("Ids"));
        m_showIds->setCheckable(true);
        m_showIds->setToolTip(tr("Show the technical id of each item"));
        m_showIds->setAccessibleName(tr("Show ids of %1").arg(spec.path));
        buttons->addWidget(m_showIds);
        connect(m_showIds, &QToolButton::toggled, this, &ObjectListFieldEditor::setIdColumnsShown);
    }
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
    setFocusProxy(m_table);
    setIdColumnsShown(false);
    connect(m_add, &QPushButton::clicked, this, &ObjectListFieldEditor::addRow);
    connect(m_remove, &QPushButton::clicked, this, &ObjectListFieldEditor::removeSelectedRows);
    connect(m_editRow, &QPushButton::clicked, this, &ObjectListFieldEditor::editCurrentRow);
    connect(m_table, &QTableWidget::itemChanged, this, &ObjectListFieldEditor::notifyEdited);
    // The table is the context: it cuts these when it goes (see FittedTable).
    connect(m_table->model(), &QAbstractItemModel::rowsInserted, m_table, [this] { updateButtons(); });
    connect(m_table->model(), &QAbstractItemModel::rowsRemoved, m_table, [this] { updateButtons(); });
    connect(m_table->model(), &QAbstractItemModel::modelReset, m_table, [this] { updateButtons(); });
    updateButtons();
}

void ObjectListFieldEditor::setIdColumnsShown(bool shown)
{
    for (int column = 0; column < m_columns.size(); ++column) {
        if (m_columns.at(column) == QLatin1String("id") && m_columns.size() > 1)
            m_table->setColumnHidden(column, !shown);
    }
    fitColumns(m_table);
    if (m_showIds && m_showIds->isChecked() != shown)
        m_showIds->setChecked(shown);
}

int ObjectListFieldEditor::firstVisibleColumn() const
{
    for (int column = 0; column < m_table->columnCount(); ++column) {
        if (!m_table->isColumnHidden(column))
            return column;
    }
    return 0;
}

void ObjectListFieldEditor::updateButtons()
{
    m_editRow->setEnabled(m_table->rowCount() > 0);
}

QDialog *ObjectListFieldEditor::editCurrentRow()
{
    const int row = m_table->currentRow() >= 0 ? m_table->currentRow() : (m_table->rowCount() > 0 ? 0 : -1);
    if (row < 0)
        return nullptr;
    QList<RowColumn> columns;
    QStringList values;
    for (int column = 0; column < m_columns.size(); ++column) {
        columns.append({m_columns.at(column), m_table->horizontalHeaderItem(column)->text(), m_choices.at(column)});
        const QTableWidgetItem *cell = m_table->item(row, column);
        values.append(cell ? cell->text() : QString());
    }
    auto *dialog = new RowFormDialog(tr("%1, row %2").arg(fieldLabel(spec().name)).arg(row + 1), columns, values, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_rowDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog, row] {
        if (row >= m_table->rowCount())
            return; // the row went while the form was open
        const QStringList edited = dialog->values();
        {
            const QSignalBlocker blocker(m_table);
            for (int column = 0; column < m_columns.size(); ++column) {
                if (!m_table->item(row, column))
                    m_table->setItem(row, column, new QTableWidgetItem);
                m_table->item(row, column)->setText(edited.value(column));
            }
        }
        notifyEdited();
    });
    dialog->open();
    return dialog;
}

void ObjectListFieldEditor::addRow()
{
    const int row = m_table->rowCount();
    {
        const QSignalBlocker blocker(m_table);
        m_table->insertRow(row);
        for (int column = 0; column < m_table->columnCount(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem);
    }
    m_loaded.append(QJsonObject());
    m_table->setCurrentCell(row, firstVisibleColumn());
    m_table->editItem(m_table->item(row, firstVisibleColumn()));
    notifyEdited();
}

void ObjectListFieldEditor::removeSelectedRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedIndexes()) {
        if (!rows.contains(index.row()))
            rows.append(index.row());
    }
    if (rows.isEmpty() && m_table->currentRow() >= 0)
        rows.append(m_table->currentRow());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : rows) {
        m_table->removeRow(row);
        if (row < m_loaded.size())
            m_loaded.removeAt(row);
    }
    if (!rows.isEmpty())
        notifyEdited();
}

QJsonValue ObjectListFieldEditor::value() const
{
    QJsonArray items;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QJsonObject item = row < m_loaded.size() ? m_loaded.at(row).toObject() : QJsonObject();
        bool any = false;
        for (int column = 0; column < m_columns.size(); ++column) {
            const QTableWidgetItem *cell = m_table->item(row, column);
            const QString text = cell ? cell->text() : QString();
            if (text.isEmpty()) {
                item.remove(m_columns.at(column));
            } else {
                item.insert(m_columns.at(column), cellValue(text));
                any = true;
            }
        }
        if (any || !item.isEmpty())
            items.append(item);
    }
    return items;
}

void ObjectListFieldEditor::applyState(const FieldState &state)
{
    FieldEditor::applyState(state);
}

void ObjectListFieldEditor::showValue(const QJsonValue &value)
{
    // The rows are being replaced (a reload, an undo): a row form open on one of them would
    // write into whatever row now has its number.
    if (m_rowDialog)
        m_rowDialog->reject();
    const QSignalBlocker blocker(m_table);
    m_loaded = value.toArray();
    m_table->setRowCount(int(m_loaded.size()));
    for (int row = 0; row < m_loaded.size(); ++row) {
        const QJsonObject item = m_loaded.at(row).toObject();
        for (int column = 0; column < m_columns.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cellText(item.value(m_columns.at(column)))));
    }
}

JsonFieldEditor::JsonFieldEditor(const FieldSpec &spec, QWidget *parent)
    : FieldEditor(spec, parent), m_text(new QPlainTextEdit(this)), m_status(new QLabel(this))
{
    m_text->setObjectName(QStringLiteral("field_") + spec.path);
    m_text->setAccessibleName(spec.path);
    m_text->setToolTip(spec.description);
    m_text->setTabChangesFocus(true);
    m_text->setPlaceholderText(QStringLiteral("{ }"));
    m_text->setFont(QFont(QStringLiteral("monospace")));
    m_text->setMinimumHeight(70);
    m_status->setObjectName(QStringLiteral("field_") + spec.path + QStringLiteral("_status"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    layout->addWidget(m_status);
    setFocusProxy(m_text);
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        const bool valid = value().isObject() || value().isNull();
        m_status->setText(valid ? QString() : tr("Not a JSON object yet"));
        notifyEdited();
    });
}

QJsonValue JsonFieldEditor::value() const
{
    return parsedObject(m_text->toPlainText());
}

void JsonFieldEditor::showValue(const QJsonValue &value)
{
    m_text->setPlainText(prettyJson(value));
}

KeyValueFieldEditor::KeyValueFieldEditor(const FieldSpec &spec, QWidget *parent)
    : FieldEditor(spec, parent), m_stack(new CurrentPageStack(this)), m_table(new FittedTable(0, 2, this)),
      m_json(new QPlainTextEdit(this)),
      m_mode(smallButton(tr("JSON"), QStringLiteral("field_") + spec.path + QStringLiteral("_mode"), this))
{
    m_table->setObjectName(QStringLiteral("field_") + spec.path);
    m_table->setAccessibleName(spec.path);
    m_table->setToolTip(spec.description);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    setUpTable(m_table);
    m_json->setObjectName(QStringLiteral("field_") + spec.path + QStringLiteral("_json"));
    m_json->setAccessibleName(spec.path + QStringLiteral(" JSON"));
    m_json->setTabChangesFocus(true);
    m_json->setFont(QFont(QStringLiteral("monospace")));
    m_mode->setCheckable(true);
    m_mode->setToolTip(tr("Edit the custom fields as JSON, for nested values"));
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_json);
    auto *add = smallButton(tr("Add"), QStringLiteral("field_") + spec.path + QStringLiteral("_add"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_mode);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_stack);
    layout->addLayout(buttons);
    setFocusProxy(m_table);
    connect(add, &QPushButton::clicked, this, [this] {
        setJsonMode(false);
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setCurrentCell(row, 0);
        m_table->editItem(m_table->item(row, 0));
    });
    connect(m_mode, &QPushButton::toggled, this, &KeyValueFieldEditor::setJsonMode);
    connect(m_table, &QTableWidget::itemChanged, this, &KeyValueFieldEditor::notifyEdited);
    connect(m_json, &QPlainTextEdit::textChanged, this, &KeyValueFieldEditor::notifyEdited);
}

bool KeyValueFieldEditor::isJsonMode() const
{
    return m_stack->currentWidget() == m_json;
}

void KeyValueFieldEditor::setJsonMode(bool on)
{
    if (on == isJsonMode())
        return;
    const QSignalBlocker tableBlocker(m_table);
    const QSignalBlocker jsonBlocker(m_json);
    const QSignalBlocker modeBlocker(m_mode);
    if (on) {
        m_json->setPlainText(prettyJson(tableObject()));
    } else {
        // Leaving JSON mode with text that is not an object keeps JSON mode: nothing is lost.
        const QJsonValue parsed = parsedObject(m_json->toPlainText());
        if (!parsed.isObject() && !parsed.isNull()) {
            m_mode->setChecked(true);
            return;
        }
        fillTable(parsed.toObject());
    }
    m_mode->setChecked(on);
    m_stack->setCurrentWidget(on ? static_cast<QWidget *>(m_json) : m_table);
    m_stack->updateGeometry();
    setFocusProxy(m_stack->currentWidget());
}

void KeyValueFieldEditor::setKnownKeys(const QStringList &keys)
{
    const QSignalBlocker blocker(m_table);
    const QJsonObject current = tableObject();
    for (const QString &key : keys) {
        if (current.contains(key))
            continue;
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto *keyItem = new QTableWidgetItem(key);
        m_table->setItem(row, 0, keyItem);
        m_table->setItem(row, 1, new QTableWidgetItem);
    }
}

QJsonObject KeyValueFieldEditor::tableObject() const
{
    QJsonObject object;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *key = m_table->item(row, 0);
        const QTableWidgetItem *value = m_table->item(row, 1);
        if (!key || key->text().trimmed().isEmpty() || !value || value->text().isEmpty())
            continue;
        // A number loaded as 1 stays 1, not "1", while its cell is unchanged.
        const QString name = key->text().trimmed();
        const QJsonValue loaded = m_loaded.value(name);
        object.insert(name, !loaded.isUndefined() && cellText(loaded) == value->text() ? loaded
                                                                                       : cellValue(value->text()));
    }
    return object;
}

void KeyValueFieldEditor::fillTable(const QJsonObject &object)
{
    const QSignalBlocker blocker(m_table);
    m_loaded = object;
    m_table->setRowCount(0);
    for (auto it = object.begin(); it != object.end(); ++it) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_table->setItem(row, 1, new QTableWidgetItem(cellText(it.value())));
    }
}

QJsonValue KeyValueFieldEditor::value() const
{
    if (isJsonMode())
        return parsedObject(m_json->toPlainText());
    const QJsonObject object = tableObject();
    return object.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(object);
}

void KeyValueFieldEditor::showValue(const QJsonValue &value)
{
    const QSignalBlocker jsonBlocker(m_json);
    if (value.isString()) { // unparsable JSON typed earlier stays as typed
        setJsonMode(true);
        m_json->setPlainText(value.toString());
        return;
    }
    fillTable(value.toObject());
    m_json->setPlainText(prettyJson(value));
}

} // namespace crmdesk
