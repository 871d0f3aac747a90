#include "editors/recordform.h"

#include "editors/fieldeditor.h"
#include "editors/fieldrow.h"

#include <QLabel>
#include <QVBoxLayout>

namespace crmdesk {

RecordForm::RecordForm(RecordModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("form_") + model->schema().name);
    const ResourceSchema &schema = m_model->schema();
    m_order = schema.formOrder;
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(4);
    for (const QString &name : std::as_const(m_order)) {
        const FieldSpec *spec = schema.find(Section::Body, name);
        if (!spec)
            continue;
        auto *row = new FieldRow(*spec, this);
        m_rows.insert(name, row);
        layout->addWidget(row);
        connect(row->editor(), &FieldEditor::edited, this, [this, name, row] {
            m_editingField = name;
            m_model->setValue(name, row->editor()->value());
            m_editingField.clear();
        });
        connect(row, &FieldRow::clearRequested, this, [this, name] { m_model->clearValue(name); });
        connect(row, &FieldRow::revertRequested, this, [this, name] { m_model->revert(name); });
    }
    m_order.removeIf([this](const QString &name) { return !m_rows.contains(name); });
    layout->addStretch();
    connect(m_model, &RecordModel::valueChanged, this, &RecordForm::syncFromModel);
    connect(m_model, &RecordModel::loaded, this, &RecordForm::syncAllFromModel);
    applyFieldPolicy(schema.policyFor({}));
    syncAllFromModel();
}

void RecordForm::syncFromModel(const QString &field)
{
    FieldRow *row = m_rows.value(field);
    if (!row)
        return;
    // The editor the user is typing in already shows its value; re-setting it would move the
    // cursor. Every other change (undo, clear, revert, draft restore) is shown.
    if (field != m_editingField)
        row->editor()->setValue(m_model->value(field));
    row->setChangeState(m_model->isChanged(field), m_model->isChanged(field) && m_model->value(field).isNull());
}

void RecordForm::syncAllFromModel()
{
    for (const QString &field : std::as_const(m_order))
        syncFromModel(field);
}

void RecordForm::applyFieldPolicy(const FieldPolicy &policy)
{
    m_policy = policy;
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it)
        it.value()->applyState(policy.state(it.key()), policy.provider());
    syncAllFromModel();
}

void RecordForm::showIssues(const QList<ValidationIssue> &issues)
{
    QHash<QString, QStringList> byField;
    for (const ValidationIssue &issue : issues)
        byField[issue.field()].append(issue.message);
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it)
        it.value()->setIssue(byField.value(it.key()).join(u'\n'));
}

void RecordForm::markMissing(const QStringList &fields)
{
    for (const QString &field : fields) {
        if (FieldRow *row = m_rows.value(field.section(u'.', 0, 0)))
            row->setIssue(tr("%1 is required by the provider (the server said it is missing)").arg(field));
    }
    if (!fields.isEmpty())
        focusField(fields.first().section(u'.', 0, 0));
}

void RecordForm::focusField(const QString &field)
{
    if (FieldRow *row = m_rows.value(field)) {
        row->editor()->setFocus(Qt::OtherFocusReason);
    }
}

} // namespace crmdesk
