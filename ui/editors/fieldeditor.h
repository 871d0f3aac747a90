#pragma once

#include "schema/fieldspec.h"
#include "schema/fieldstate.h"

#include <QJsonValue>
#include <QWidget>

namespace crmdesk {

// The editor of one body field. Every editor speaks JSON values: it shows the value it is given
// and reports what the user typed. Input it cannot turn into the field's type is still reported
// (as text), so validation can name the problem and nothing the user typed is lost.
class FieldEditor : public QWidget
{
    Q_OBJECT
public:
    explicit FieldEditor(const FieldSpec &spec, QWidget *parent = nullptr);

    const FieldSpec &spec() const { return m_spec; }
    // Shows a value without reporting it as an edit.
    void setValue(const QJsonValue &value);
    virtual QJsonValue value() const = 0;
    // Choices and state for the current provider: enum values, and disabled unless the state
    // is editable (the one place a field's editor is enabled or disabled).
    virtual void applyState(const FieldState &state);
    // Tables and lists take the form's whole width, under their label.
    virtual bool wantsFullWidth() const { return false; }

Q_SIGNALS:
    void edited(); // the user changed the value

protected:
    virtual void showValue(const QJsonValue &value) = 0;
    // Called by subclasses when their widgets change; ignored while a value is being shown.
    void notifyEdited();

private:
    FieldSpec m_spec;
    bool m_showing = false;
};

// Creates the editor that suits a field's type and name.
FieldEditor *createFieldEditor(const FieldSpec &spec, QWidget *parent = nullptr);

} // namespace crmdesk
