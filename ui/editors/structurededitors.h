#pragma once

#include "editors/fieldeditor.h"

#include <QJsonArray>
#include <QPointer>

class QPlainTextEdit;
class QPushButton;
class QToolButton;
class QStackedWidget;
class QTableWidget;
class QLabel;
class QDialog;

namespace crmdesk {

// An editable list of objects: addresses, e-mail addresses, phone numbers, tags, urls. One row
// per item, one column per documented sub-field, labelled in words and as wide as its content;
// a sub-field with documented values is a choice. Technical `id` columns are hidden unless
// asked for, and a row can be edited in a small form when the table is too narrow. Keys the
// page does not document but the record carries are kept as they were loaded.
class ObjectListFieldEditor : public FieldEditor
{
    Q_OBJECT
public:
    explicit ObjectListFieldEditor(const FieldSpec &spec, QWidget *parent = nullptr);
    QJsonValue value() const override;
    void applyState(const FieldState &state) override;
    bool wantsFullWidth() const override { return true; }
    QTableWidget *table() const { return m_table; }
    void setIdColumnsShown(bool shown);
    // Opens the current row in a small form (window-modal, without a nested event loop);
    // returns it for tests.
    QDialog *editCurrentRow();

protected:
    void showValue(const QJsonValue &value) override;

private:
    void addRow();
    void removeSelectedRows();
    void updateButtons();
    int firstVisibleColumn() const;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_editRow;
    QToolButton *m_showIds = nullptr; // only when there is an id column
    QStringList m_columns;
    QList<QStringList> m_choices; // per column: documented values, empty for free text
    QJsonArray m_loaded; // for keeping undocumented keys of each item
    QPointer<QDialog> m_rowDialog;
};

// Free-form JSON object (remote_data): text that must parse as an object.
class JsonFieldEditor : public FieldEditor
{
    Q_OBJECT
public:
    explicit JsonFieldEditor(const FieldSpec &spec, QWidget *parent = nullptr);
    QJsonValue value() const override;

protected:
    void showValue(const QJsonValue &value) override;

private:
    QPlainTextEdit *m_text;
    QLabel *m_status;
};

// custom_fields: a key-value table for the common case, and a JSON mode for nested values.
class KeyValueFieldEditor : public FieldEditor
{
    Q_OBJECT
public:
    explicit KeyValueFieldEditor(const FieldSpec &spec, QWidget *parent = nullptr);
    QJsonValue value() const override;
    bool isJsonMode() const;
    bool wantsFullWidth() const override { return true; }
    void setJsonMode(bool on);
    // Offers the account's custom field names as rows to fill (from /unified/crm/fields).
    void setKnownKeys(const QStringList &keys);

protected:
    void showValue(const QJsonValue &value) override;

private:
    QJsonObject tableObject() const;
    void fillTable(const QJsonObject &object);
    QStackedWidget *m_stack;
    QTableWidget *m_table;
    QPlainTextEdit *m_json;
    QPushButton *m_mode;
    QJsonObject m_loaded; // what the table was filled with: unchanged cells keep their JSON type
};

} // namespace crmdesk
