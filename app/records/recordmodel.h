#pragma once

#include "schema/fieldstate.h"
#include "schema/jsonvalues.h"
#include "schema/resourceschema.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QStringList>
#include <QUndoStack>

namespace crmdesk {

// One record being edited: the record as loaded by GET and the user's edits on top of it.
// Edits are kept per top-level body field; arrays and objects are replaced whole, because
// that is how they go on the wire (contract §19). A null edit clears the field explicitly.
class RecordModel : public QObject
{
    Q_OBJECT
public:
    explicit RecordModel(const ResourceSchema &schema, QObject *parent = nullptr);

    const ResourceSchema &schema() const { return m_schema; }

    // Starts over from a record loaded by GET: no edits, empty undo history.
    void load(const QJsonObject &record);
    const QJsonObject &original() const { return m_original; }
    QString id() const;
    bool isLoaded() const { return !m_original.isEmpty(); }

    // The value the record will have once sent: the edit if there is one, else the original.
    QJsonValue value(const QString &field) const;
    QJsonValue originalValue(const QString &field) const;
    // Records an edit as one undoable step; typing into one field merges into one step.
    void setValue(const QString &field, const QJsonValue &value);
    void clearValue(const QString &field) { setValue(field, QJsonValue::Null); }
    void revert(const QString &field);

    bool isChanged(const QString &field) const { return m_edits.contains(field); }
    bool isModified() const { return !m_edits.isEmpty(); }
    // Changed fields in the order of the schema.
    QStringList changedFields() const;
    const QJsonObject &edits() const { return m_edits; }
    // Puts back edits kept in a draft, as one undoable step.
    void restoreEdits(const QJsonObject &edits);

    // The PATCH body: changed fields the provider accepts, plus the record's etag (§16.1).
    QJsonObject patchBody(const FieldPolicy &policy) const;
    // Changed fields left out of the body because the provider does not support them.
    QStringList excludedEdits(const FieldPolicy &policy) const;

    // After a successful PATCH the saved record is the new original. Undo history is kept,
    // so a regretted change can still be undone and sent again.
    void acceptSaved(const QJsonObject &savedRecord);

    QUndoStack *undoStack() { return &m_undoStack; }

Q_SIGNALS:
    void loaded();
    void valueChanged(const QString &field);
    void modifiedChanged(bool modified);

private:
    friend class SetFieldCommand;
    // Sets a field's effective value without touching the undo stack.
    void applyValue(const QString &field, const QJsonValue &value);

    const ResourceSchema &m_schema;
    QJsonObject m_original;
    QJsonObject m_edits;
    QUndoStack m_undoStack;
};

// A short label for a record: its person name, name, title, subject or content, else its id.
QString recordDisplayName(const QJsonObject &record);


} // namespace crmdesk
