#include "editors/rowformdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace crmdesk {

RowFormDialog::RowFormDialog(const QString &title, const QList<RowColumn> &columns, const QStringList &values,
                             QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("rowForm"));
    setWindowTitle(title);
    auto *form = new QFormLayout;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const RowColumn &column = columns.at(i);
        const QString value = values.value(i);
        QWidget *editor = nullptr;
        if (!column.choices.isEmpty()) {
            auto *combo = new QComboBox(this);
            combo->addItem(tr("(not set)"), QString());
            for (const QString &choice : column.choices)
                combo->addItem(choice, choice);
            if (!value.isEmpty() && combo->findData(value) < 0)
                combo->addItem(tr("%1 (not documented)").arg(value), value);
            combo->setCurrentIndex(qMax(0, combo->findData(value)));
            editor = combo;
        } else {
            auto *line = new QLineEdit(value, this);
            line->setMinimumWidth(260);
            editor = line;
        }
        editor->setObjectName(QStringLiteral("rowForm_") + column.name);
        editor->setAccessibleName(column.label);
        form->addRow(column.label, editor);
        m_editors.append(editor);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("rowFormOk"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("rowFormCancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QStringList RowFormDialog::values() const
{
    QStringList out;
    for (QWidget *editor : m_editors) {
        if (auto *combo = qobject_cast<QComboBox *>(editor))
            out.append(combo->currentData().toString());
        else if (auto *line = qobject_cast<QLineEdit *>(editor))
            out.append(line->text());
    }
    return out;
}

} // namespace crmdesk
