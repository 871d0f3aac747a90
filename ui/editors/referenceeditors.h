#pragma once

#include "editors/fieldeditor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>

class QCompleter;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStandardItemModel;

namespace crmdesk {

class ReferenceDirectory;
struct ReferenceChoice;

// What reference pickers share: where names come from (the account's unified list of the
// referenced resource), a search box that completes on names, and typed ids still accepted.
class ReferenceEditorBase : public FieldEditor
{
    Q_OBJECT
public:
    ReferenceEditorBase(const FieldSpec &spec, const QString &resource, QWidget *parent);

    QString referencedResource() const { return m_resource; }
    // Names are read from the directory for this account; without one, ids show as they are.
    void setSource(ReferenceDirectory *directory, const QString &accountId);

protected:
    // Turns what the user typed into an id: a name from the list (exactly, or the only one that
    // contains the text) or, failing that, the text itself, so a typed id always works.
    QString resolveTyped(const QString &text) const;
    std::optional<ReferenceChoice> choice(const QString &id) const;
    // The names are still being read (or not asked for yet).
    bool namesLoading() const;
    // A note under the field when names cannot be shown: loading, offline, not in the list.
    QString namesNote(const QString &id) const;
    void attachCompleter(QLineEdit *line);
    virtual void namesChanged() = 0;
    // The completer picked a record.
    virtual void picked(const QString &id) = 0;

    QPointer<ReferenceDirectory> m_directory;
    QString m_accountId;

private:
    void fillCompletions();
    QString m_resource;
    QString m_typed; // what the completions were searched for
    QCompleter *m_completer = nullptr;
    QStandardItemModel *m_completions = nullptr;
};

// One reference ({"id": ...}): the record's name in the box, its id in small text beside it.
class ReferenceFieldEditor : public ReferenceEditorBase
{
    Q_OBJECT
public:
    ReferenceFieldEditor(const FieldSpec &spec, const QString &resource, QWidget *parent = nullptr);
    QJsonValue value() const override;
    QString currentId() const { return m_id; }

protected:
    void showValue(const QJsonValue &value) override;
    void namesChanged() override;
    void picked(const QString &id) override;

private:
    void commitTyped();
    void setId(const QString &id);
    QLineEdit *m_line;
    QLabel *m_idLabel;
    QString m_id;
    bool m_rendering = false; // the box is being filled, not typed in
    QString m_pendingTyped;   // typed before the names arrived; resolved when they do
    QJsonObject m_object; // the rest of the reference object, kept as loaded
};

// Many references ([{"id": ...}, ...]), such as a note's contacts: a list of names with their
// ids, a search box to add one, and Remove.
class ReferenceListFieldEditor : public ReferenceEditorBase
{
    Q_OBJECT
public:
    ReferenceListFieldEditor(const FieldSpec &spec, const QString &resource, QWidget *parent = nullptr);
    QJsonValue value() const override;
    bool wantsFullWidth() const override { return true; }
    QStringList ids() const;

protected:
    void showValue(const QJsonValue &value) override;
    void namesChanged() override;
    void picked(const QString &id) override;

private:
    void addTyped();
    void removeSelected();
    void fillList();
    void fitHeight();
    QListWidget *m_list;
    QLineEdit *m_search;
    QPushButton *m_remove;
    QLabel *m_note;
    QJsonArray m_items; // each {"id": ...} with whatever else it was loaded with
};

} // namespace crmdesk
