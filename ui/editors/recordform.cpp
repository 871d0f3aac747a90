#include "editors/customfieldseditor.h"
#include "editors/recordform.h"

#include "editors/fieldeditor.h"
#include "editors/fieldrow.h"
#include "editors/referenceeditors.h"
#include "schema/formsections.h"

#include <QScrollArea>
#include <QToolButton>

#include <QLabel>
#include <QVBoxLayout>

namespace crmdesk {

RecordForm::RecordForm(RecordModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("form_") + model->schema().name);
    const ResourceSchema &schema = m_model->schema();
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(4);
    for (const FormSection &section : formSections(schema)) {
        auto *header = new QToolButton(this);
        header->setObjectName(QStringLiteral("section_") + section.id);
        header->setText(section.title);
        header->setAccessibleName(section.title);
        header->setCheckable(true);
        header->setChecked(true);
        header->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        header->setArrowType(Qt::DownArrow);
        header->setAutoRaise(true);
        header->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        header->setStyleSheet(QStringLiteral("QToolButton { font-weight: bold; border-bottom: 1px solid #c4c7c5; padding: 3px; }"));
        auto *body = new QWidget(this);
        body->setObjectName(QStringLiteral("section_") + section.id + QStringLiteral("_body"));
        auto *bodyLayout = new QVBoxLayout(body);
        bodyLayout->setContentsMargins(0, 0, 0, 6);
        bodyLayout->setSpacing(4);
        layout->addWidget(header);
        layout->addWidget(body);
        m_sections.append(section.id);
        m_sectionHeaders.insert(section.id, header);
        m_sectionBodies.insert(section.id, body);
        connect(header, &QToolButton::toggled, this, [this, id = section.id](bool expanded) {
            setSectionExpanded(id, expanded);
            Q_EMIT sectionsToggled();
        });
        for (const QString &name : section.fields) {
            const FieldSpec *spec = schema.find(Section::Body, name);
            auto *row = new FieldRow(*spec, body);
            m_rows.insert(name, row);
            m_sectionOfField.insert(name, section.id);
            bodyLayout->addWidget(row);
            m_order.append(name);
            connect(row->editor(), &FieldEditor::edited, this, [this, name, row] {
                m_editingField = name;
                m_model->setValue(name, row->editor()->value());
                m_editingField.clear();
            });
            connect(row, &FieldRow::clearRequested, this, [this, name] { m_model->clearValue(name); });
            connect(row, &FieldRow::revertRequested, this, [this, name] { m_model->revert(name); });
        }
    }
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
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        const QString message = byField.value(it.key()).join(u'\n');
        // A new problem in a closed section opens it: nothing that blocks sending is hidden.
        if (!message.isEmpty() && it.value()->issue().isEmpty())
            setSectionExpanded(m_sectionOfField.value(it.key()), true);
        it.value()->setIssue(message);
    }
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
    FieldRow *row = m_rows.value(field);
    if (!row)
        return;
    setSectionExpanded(m_sectionOfField.value(field), true);
    row->editor()->setFocus(Qt::OtherFocusReason);
    for (QWidget *parent = parentWidget(); parent; parent = parent->parentWidget()) {
        if (auto *scroll = qobject_cast<QScrollArea *>(parent)) {
            scroll->ensureWidgetVisible(row);
            break;
        }
    }
}

void RecordForm::setReferenceSource(ReferenceDirectory *directory, const QString &accountId)
{
    for (FieldRow *row : std::as_const(m_rows)) {
        if (auto *reference = qobject_cast<ReferenceEditorBase *>(row->editor()))
            reference->setSource(directory, accountId);
        else if (auto *custom = qobject_cast<CustomFieldsEditor *>(row->editor()))
            custom->setReferenceSource(directory, accountId);
    }
}

QStringList RecordForm::sections() const
{
    return m_sections;
}

bool RecordForm::isSectionExpanded(const QString &section) const
{
    const QWidget *body = m_sectionBodies.value(section);
    return body && !body->isHidden();
}

void RecordForm::setSectionExpanded(const QString &section, bool expanded)
{
    QWidget *body = m_sectionBodies.value(section);
    QToolButton *header = m_sectionHeaders.value(section);
    if (!body || !header)
        return;
    body->setVisible(expanded);
    const QSignalBlocker blocker(header);
    header->setChecked(expanded);
    header->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
}

QStringList RecordForm::collapsedSections() const
{
    QStringList out;
    for (const QString &section : m_sections) {
        if (!isSectionExpanded(section))
            out.append(section);
    }
    return out;
}

void RecordForm::setCollapsedSections(const QStringList &sections)
{
    for (const QString &section : std::as_const(m_sections))
        setSectionExpanded(section, !sections.contains(section));
}

} // namespace crmdesk
