#include "editors/fieldrow.h"

#include "editors/fieldeditor.h"

#include <QGridLayout>
#include <QLabel>
#include <QToolButton>

namespace crmdesk {

QString fieldLabel(const QString &name)
{
    QString label = name;
    label.replace(u'_', u' ');
    if (!label.isEmpty())
        label[0] = label.at(0).toUpper();
    return label;
}

FieldRow::FieldRow(const FieldSpec &spec, QWidget *parent)
    : QWidget(parent), m_spec(spec), m_label(new QLabel(this)),
      m_editor(createFieldEditor(spec, this)), m_status(new QLabel(this)), m_issue(new QLabel(this)),
      m_clear(new QToolButton(this)), m_revert(new QToolButton(this))
{
    setObjectName(QStringLiteral("row_") + spec.path);
    m_label->setObjectName(QStringLiteral("label_") + spec.path);
    m_label->setBuddy(m_editor);
    m_label->setMinimumWidth(130);
    m_label->setAlignment(Qt::AlignRight | Qt::AlignTop);
    m_status->setObjectName(QStringLiteral("status_") + spec.path);
    m_status->setWordWrap(true);
    m_issue->setObjectName(QStringLiteral("issue_") + spec.path);
    m_issue->setWordWrap(true);
    m_issue->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_issue->hide();
    m_clear->setObjectName(QStringLiteral("clear_") + spec.path);
    m_clear->setText(tr("Clear"));
    m_clear->setAccessibleName(tr("Clear %1").arg(spec.path));
    m_clear->setToolTip(tr("Send null: clear this field at the provider"));
    m_revert->setObjectName(QStringLiteral("revert_") + spec.path);
    m_revert->setText(tr("Revert"));
    m_revert->setAccessibleName(tr("Revert %1").arg(spec.path));
    m_revert->setToolTip(tr("Drop the edit of this field"));
    m_revert->setEnabled(false);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 2, 0 ,2);
    layout->addWidget(m_label, 0, 0);
    layout->addWidget(m_clear, 0, 2, Qt::AlignTop);
    layout->addWidget(m_revert, 0, 3, Qt::AlignTop);
    if (m_editor->wantsFullWidth()) {
        // A table under its label gets the form's whole width: its columns stay readable
        // on a 1024 px screen.
        m_label->setAlignment(Qt::AlignLeft | Qt::AlignBottom);
        layout->addWidget(m_editor, 1, 0, 1, 4);
        layout->addWidget(m_status, 2, 0, 1, 4);
        layout->addWidget(m_issue, 3, 0, 1, 4);
    } else {
        layout->addWidget(m_editor, 0, 1);
        layout->addWidget(m_status, 1, 1, 1, 3);
        layout->addWidget(m_issue, 2, 1, 1, 3);
    }
    layout->setColumnStretch(1, 1);

    connect(m_clear, &QToolButton::clicked, this, &FieldRow::clearRequested);
    connect(m_revert, &QToolButton::clicked, this, &FieldRow::revertRequested);
    updateLabel();
}

void FieldRow::applyState(const FieldState &state, const QString &provider)
{
    m_state = state;
    m_provider = provider;
    m_editor->applyState(state); // the editor enables itself from the state
    m_clear->setEnabled(state.editable());
    QString tip = m_spec.description;
    if (!state.reason.isEmpty())
        tip += (tip.isEmpty() ? QString() : QStringLiteral("\n\n")) + state.reason
               + QStringLiteral(" (") + toString(state.origin) + u')';
    m_editor->setToolTip(tip);
    m_label->setToolTip(tip);
    updateLabel();
}

void FieldRow::setChangeState(bool changed, bool cleared)
{
    m_changed = changed;
    m_cleared = cleared;
    m_revert->setEnabled(changed);
    updateLabel();
}

void FieldRow::updateLabel()
{
    const QString name = fieldLabel(m_spec.name);
    QString text = m_state.required ? QStringLiteral("<b>%1</b> <span style='color:#b3261e'>*</span>").arg(name.toHtmlEscaped())
                                    : name.toHtmlEscaped();
    if (m_changed)
        text = QStringLiteral("<span style='color:#1f5fae'>●</span> ") + text;
    m_label->setText(text);
    m_label->setAccessibleName(name + (m_state.required ? tr(", required") : QString()));

    QString status;
    QString style = QStringLiteral("color: #5f6368;");
    if (m_state.locked) {
        status = m_state.reason;
    } else if (m_state.support == Support::Unsupported) {
        status = m_state.reason;
        if (m_changed) {
            status = tr("Edited, but %1 does not support this field: it is left out of the request")
                         .arg(m_provider);
            style = QStringLiteral("color: #a05a00; font-weight: bold;");
        }
    } else if (m_state.support == Support::Unknown) {
        status = tr("Support unknown: %1").arg(m_state.reason);
    } else if (m_state.required) {
        status = m_state.reason;
    }
    if (m_cleared && m_state.editable())
        status = tr("Will be cleared (sent as null)") + (status.isEmpty() ? QString() : QStringLiteral(" · ") + status);
    m_status->setText(status);
    m_status->setStyleSheet(style);
    m_status->setVisible(!status.isEmpty());
}

void FieldRow::setIssue(const QString &message)
{
    m_issue->setText(message);
    m_issue->setVisible(!message.isEmpty());
}

QString FieldRow::issue() const
{
    return m_issue->text();
}

} // namespace crmdesk
