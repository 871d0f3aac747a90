#pragma once

#include "schema/fieldspec.h"
#include "schema/fieldstate.h"

#include <QWidget>

class QLabel;
class QToolButton;

namespace crmdesk {

class FieldEditor;

// One field in a form: its label (with the required mark), its editor, what the provider does
// with it, a Clear button (sends null) and a Revert button, and the problem with its value.
class FieldRow : public QWidget
{
    Q_OBJECT
public:
    FieldRow(const FieldSpec &spec, QWidget *parent = nullptr);

    FieldEditor *editor() const { return m_editor; }
    QLabel *label() const { return m_label; }
    const FieldState &state() const { return m_state; }

    void applyState(const FieldState &state, const QString &provider);
    // Changed and cleared marks; an edit the provider would drop is flagged, never hidden.
    void setChangeState(bool changed, bool cleared);
    void setIssue(const QString &message);
    QString issue() const;

Q_SIGNALS:
    void clearRequested();
    void revertRequested();

private:
    void updateLabel();
    FieldSpec m_spec;
    FieldState m_state;
    QString m_provider;
    bool m_changed = false;
    bool m_cleared = false;
    QLabel *m_label;
    FieldEditor *m_editor;
    QLabel *m_status;
    QLabel *m_issue;
    QToolButton *m_clear;
    QToolButton *m_revert;
};

// "first_name" -> "First name"
QString fieldLabel(const QString &name);

} // namespace crmdesk
