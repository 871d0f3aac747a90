#pragma once

#include "records/recordmodel.h"
#include "records/validation.h"
#include "schema/fieldstate.h"

#include <QHash>
#include <QWidget>

namespace crmdesk {

class FieldRow;

// The form of one resource, built from its schema and bound to a RecordModel: editors show
// the model's values, edits go into the model as undoable steps, and the provider's policy
// sets every field's state in one place (applyFieldPolicy).
class RecordForm : public QWidget
{
    Q_OBJECT
public:
    RecordForm(RecordModel *model, QWidget *parent = nullptr);

    RecordModel *model() const { return m_model; }
    // Builds the rows; subclasses choose the order through fieldOrder().
    void build();

    void applyFieldPolicy(const FieldPolicy &policy);
    const FieldPolicy &fieldPolicy() const { return m_policy; }
    // Shows each problem under its field; returns the rows that got one.
    void showIssues(const QList<ValidationIssue> &issues);
    // Marks fields the server said were missing (truto_error_insight) and focuses the first.
    void markMissing(const QStringList &fields);
    FieldRow *row(const QString &field) const { return m_rows.value(field); }
    QStringList fields() const { return m_order; }
    void focusField(const QString &field);

protected:
    // The fields people edit most come first; the rest follow in schema order.
    virtual QStringList fieldOrder() const { return {}; }

private:
    void syncFromModel(const QString &field);
    void syncAllFromModel();

    RecordModel *m_model;
    FieldPolicy m_policy;
    QHash<QString, FieldRow *> m_rows;
    QStringList m_order;
    QString m_editingField; // the field whose editor is writing into the model right now
};

class NotesForm : public RecordForm
{
    Q_OBJECT
public:
    using RecordForm::RecordForm;
protected:
    QStringList fieldOrder() const override;
};

class ContactsForm : public RecordForm
{
    Q_OBJECT
public:
    using RecordForm::RecordForm;
protected:
    QStringList fieldOrder() const override;
};

class LeadsForm : public RecordForm
{
    Q_OBJECT
public:
    using RecordForm::RecordForm;
protected:
    QStringList fieldOrder() const override;
};

class OpportunitiesForm : public RecordForm
{
    Q_OBJECT
public:
    using RecordForm::RecordForm;
protected:
    QStringList fieldOrder() const override;
};

class EngagementsForm : public RecordForm
{
    Q_OBJECT
public:
    using RecordForm::RecordForm;
protected:
    QStringList fieldOrder() const override;
};

// The form class of a resource, built and ready.
RecordForm *createRecordForm(RecordModel *model, QWidget *parent = nullptr);

} // namespace crmdesk
