#pragma once

#include "records/recordmodel.h"
#include "records/validation.h"
#include "schema/fieldstate.h"

#include <QHash>
#include <QWidget>

class QToolButton;

namespace crmdesk {

class FieldRow;
class ReferenceDirectory;

// The form of one resource, built from its schema and bound to a RecordModel: editors show
// the model's values, edits go into the model as undoable steps, and the provider's policy
// sets every field's state in one place (applyFieldPolicy). One class serves every resource:
// the field order comes from the schema (form_order in resources/schema/*.json), grouped into
// collapsible sections (Identity, Contact details, Relations, Custom fields, Advanced).
class RecordForm : public QWidget
{
    Q_OBJECT
public:
    explicit RecordForm(RecordModel *model, QWidget *parent = nullptr);

    RecordModel *model() const { return m_model; }

    void applyFieldPolicy(const FieldPolicy &policy);
    const FieldPolicy &fieldPolicy() const { return m_policy; }
    // Shows each problem under its field; returns the rows that got one.
    void showIssues(const QList<ValidationIssue> &issues);
    // Marks fields the server said were missing (truto_error_insight) and focuses the first.
    void markMissing(const QStringList &fields);
    FieldRow *row(const QString &field) const { return m_rows.value(field); }
    QStringList fields() const { return m_order; }
    // Expands the field's section, scrolls to it and focuses its editor.
    void focusField(const QString &field);
    // Reference fields show names read from the account's unified lists.
    void setReferenceSource(ReferenceDirectory *directory, const QString &accountId);

    QStringList sections() const; // section ids, in order
    bool isSectionExpanded(const QString &section) const;
    void setSectionExpanded(const QString &section, bool expanded);
    QStringList collapsedSections() const;
    void setCollapsedSections(const QStringList &sections);

Q_SIGNALS:
    // The user opened or closed a section.
    void sectionsToggled();

private:
    void syncFromModel(const QString &field);
    void syncAllFromModel();

    RecordModel *m_model;
    FieldPolicy m_policy;
    QHash<QString, FieldRow *> m_rows;
    QHash<QString, QString> m_sectionOfField;
    QHash<QString, QToolButton *> m_sectionHeaders;
    QHash<QString, QWidget *> m_sectionBodies;
    QStringList m_sections;
    QStringList m_order;
    QString m_editingField; // the field whose editor is writing into the model right now
};

} // namespace crmdesk
