#pragma once

#include "editors/fieldeditor.h"
#include "policy/customfield.h"
#include "records/validation.h"

#include <QJsonObject>
#include <QList>
#include <QPointer>

class QFormLayout;
class QLabel;

namespace crmdesk {

class KeyValueFieldEditor;
class ReferenceDirectory;

// The editor of one custom field, chosen by its definition's kind. It keeps the value it was
// shown until the user changes something, so a value it cannot display (a date in another
// shape, an option the list no longer has) is sent back as loaded, never lost.
class CustomFieldInput : public QWidget
{
    Q_OBJECT
public:
    CustomFieldInput(const CustomField &field, QWidget *parent);

    const CustomField &field() const { return m_field; }
    // What goes in custom_fields: undefined when the record had no value and none was set
    // (no key); null when a value the record had was unset (clears it).
    QJsonValue value() const;
    // Undefined: not set.
    void show(const QJsonValue &value);
    // A problem with the value (from validation), shown under the editor.
    void setIssue(const QString &message);
    QString issue() const;
    virtual void setSource(ReferenceDirectory *, const QString &) {}

Q_SIGNALS:
    void edited();

protected:
    // The value the widgets hold now; undefined when they hold none.
    virtual QJsonValue current() const = 0;
    virtual void display(const QJsonValue &value) = 0;
    // Widgets call this when the user changed them.
    void changed();
    // The input's own message (a number that is not one), shown before any validation issue.
    void setOwnMessage(const QString &message);

private:
    void updateMessage();
    CustomField m_field;
    QJsonValue m_loaded = QJsonValue(QJsonValue::Undefined);
    bool m_touched = false;
    bool m_displaying = false;
    QString m_own;
    QString m_issue;
    QLabel *m_message;

protected:
    QWidget *m_body; // subclasses put their widgets in it
};

// custom_fields with the account's definitions (contract §14): one labelled, typed editor per
// definition of the resource's entity, and the Name/Value table (with its JSON mode) for keys
// the record carries that no definition names. Without definitions it is the table alone.
// Reports one object: the keys the record had or the user set, nothing for an unset editor.
class CustomFieldsEditor : public FieldEditor
{
    Q_OBJECT
public:
    explicit CustomFieldsEditor(const FieldSpec &spec, QWidget *parent = nullptr);

    QJsonValue value() const override;
    void applyState(const FieldState &state) override;
    bool wantsFullWidth() const override { return true; }

    // The definitions of this resource's entity; the current value stays as it is.
    void setDefinitions(const QList<CustomField> &definitions);
    const QList<CustomField> &definitions() const { return m_definitions; }
    // User and reference fields read names from the account's lists.
    void setReferenceSource(ReferenceDirectory *directory, const QString &accountId);
    // Shows each custom_fields.<name> problem under that field's editor.
    void showIssues(const QList<ValidationIssue> &issues);

    CustomFieldInput *input(const QString &name) const;
    KeyValueFieldEditor *otherFields() const { return m_other; }

protected:
    void showValue(const QJsonValue &value) override;

private:
    void rebuild();
    QList<CustomField> m_definitions;
    QList<CustomFieldInput *> m_inputs;
    QWidget *m_typed;
    QFormLayout *m_typedLayout;
    QLabel *m_otherLabel;
    KeyValueFieldEditor *m_other;
    QPointer<ReferenceDirectory> m_directory;
    QString m_accountId;
};

} // namespace crmdesk
