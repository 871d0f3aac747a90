#include "records/recordmodel.h"

#include <QJsonArray>
#include <QUndoCommand>

namespace crmdesk {

// One edit of one field. It stores the field's effective value before and after, not the
// edit state, so that undo still means "put the old value back" after a save.
class SetFieldCommand : public QUndoCommand
{
public:
    SetFieldCommand(RecordModel *model, QString field, QJsonValue before, QJsonValue after)
        : m_model(model), m_field(std::move(field)), m_before(std::move(before)),
          m_after(std::move(after))
    {
        setText(QStringLiteral("Edit %1").arg(m_field));
    }

    void undo() override { m_model->applyValue(m_field, m_before); }
    void redo() override { m_model->applyValue(m_field, m_after); }
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand *other) override
    {
        // Consecutive text edits of the same field (typing) are one step.
        const auto *next = static_cast<const SetFieldCommand *>(other);
        if (next->m_field != m_field || !m_after.isString() || !next->m_after.isString())
            return false;
        m_after = next->m_after;
        return true;
    }

private:
    RecordModel *m_model;
    QString m_field;
    QJsonValue m_before;
    QJsonValue m_after;
};

QString recordDisplayName(const QJsonObject &record)
{
    const QString first = record.value(QLatin1String("first_name")).toString();
    const QString last = record.value(QLatin1String("last_name")).toString();
    if (!first.isEmpty() || !last.isEmpty())
        return QString(first + u' ' + last).trimmed();
    for (const char *key : {"name", "title", "subject", "content"}) {
        const QString text = record.value(QLatin1String(key)).toString().simplified();
        if (!text.isEmpty())
            return text.left(60);
    }
    return record.value(QLatin1String("id")).toVariant().toString();
}

RecordModel::RecordModel(const ResourceSchema &schema, QObject *parent)
    : QObject(parent), m_schema(schema)
{
}

void RecordModel::load(const QJsonObject &record)
{
    const bool wasModified = isModified();
    m_original = record;
    m_edits = {};
    m_undoStack.clear();
    Q_EMIT loaded();
    if (wasModified)
        Q_EMIT modifiedChanged(false);
}

QString RecordModel::id() const
{
    const QJsonValue id = m_original.value(QLatin1String("id"));
    return id.isDouble() ? QString::number(id.toDouble(), 'g', 17) : id.toString();
}

QJsonValue RecordModel::value(const QString &field) const
{
    const auto it = m_edits.constFind(field);
    return it != m_edits.constEnd() ? it.value() : m_original.value(field);
}

QJsonValue RecordModel::originalValue(const QString &field) const
{
    return m_original.value(field);
}

void RecordModel::setValue(const QString &field, const QJsonValue &value)
{
    const QJsonValue before = this->value(field);
    if (before == value && isChanged(field) == (value != m_original.value(field)))
        return;
    m_undoStack.push(new SetFieldCommand(this, field, before, value));
}

void RecordModel::revert(const QString &field)
{
    if (isChanged(field))
        m_undoStack.push(new SetFieldCommand(this, field, value(field), originalValue(field)));
}

void RecordModel::applyValue(const QString &field, const QJsonValue &value)
{
    const bool wasModified = isModified();
    const QJsonValue original = m_original.value(field);
    // A value equal to the loaded one is no edit at all; an absent value over a loaded one
    // is an explicit clear.
    if (value == original || (value.isUndefined() && original.isUndefined())
        || (value.isNull() && original.isUndefined()))
        m_edits.remove(field);
    else
        m_edits.insert(field, value.isUndefined() ? QJsonValue(QJsonValue::Null) : value);
    Q_EMIT valueChanged(field);
    if (wasModified != isModified())
        Q_EMIT modifiedChanged(isModified());
}

QStringList RecordModel::changedFields() const
{
    QStringList out;
    for (const FieldSpec &field : m_schema.body) {
        if (m_edits.contains(field.name))
            out.append(field.name);
    }
    // Edits of fields the schema does not know (from an older draft) stay visible too.
    for (auto it = m_edits.begin(); it != m_edits.end(); ++it) {
        if (!out.contains(it.key()))
            out.append(it.key());
    }
    return out;
}

void RecordModel::restoreEdits(const QJsonObject &edits)
{
    m_undoStack.beginMacro(QStringLiteral("Restore draft"));
    for (auto it = edits.begin(); it != edits.end(); ++it)
        setValue(it.key(), it.value());
    m_undoStack.endMacro();
}

QJsonObject RecordModel::patchBody(const FieldPolicy &policy) const
{
    QJsonObject body;
    for (const QString &field : changedFields()) {
        if (policy.state(field).editable())
            body.insert(field, m_edits.value(field));
    }
    // Contract §16.1: echo the loaded etag unchanged so the provider can detect stale writes.
    const QJsonValue etag = m_original.value(QLatin1String("etag"));
    if (!body.isEmpty() && !isEmptyValue(etag) && !body.contains(QLatin1String("etag"))
        && policy.state(QStringLiteral("etag")).editable())
        body.insert(QStringLiteral("etag"), etag);
    return body;
}

QStringList RecordModel::excludedEdits(const FieldPolicy &policy) const
{
    QStringList out;
    for (const QString &field : changedFields()) {
        if (!policy.state(field).editable())
            out.append(field);
    }
    return out;
}

void RecordModel::acceptSaved(const QJsonObject &savedRecord)
{
    const bool wasModified = isModified();
    m_original = savedRecord;
    m_edits = {};
    Q_EMIT loaded();
    if (wasModified)
        Q_EMIT modifiedChanged(false);
}

} // namespace crmdesk
