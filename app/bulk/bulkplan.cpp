#include "bulk/bulkplan.h"

#include "bulk/csvreader.h"
#include "policy/customfieldvalidation.h"
#include "policy/editpolicy.h"
#include "records/validation.h"
#include "schema/jsonvalues.h"
#include "schema/resourceschema.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace crmdesk {

namespace {

// What the plan knows about one column, worked out once for all rows.
struct ColumnInfo
{
    ColumnMatch match;
    const FieldSpec *top = nullptr;  // the top-level body field
    const FieldSpec *leaf = nullptr; // the field the cell is the value of
    QStringList parts;               // the path in the body, item indexes made explicit
};

// The cell as the JSON value its field's type asks for. A cell that cannot be read as that type
// stays text, so the form's validation names the wrong type just as it would in the form.
QJsonValue cellValue(const QString &cell, const FieldSpec *leaf)
{
    if (cell == QLatin1String(kClearCell))
        return QJsonValue::Null;
    const QString type = leaf ? leaf->type : QString();
    const QString trimmed = cell.trimmed();
    if (type == QLatin1String("number")) {
        bool ok = false;
        const double number = trimmed.toDouble(&ok);
        return ok ? QJsonValue(number) : QJsonValue(cell);
    }
    if (type == QLatin1String("boolean")) {
        const QString lower = trimmed.toLower();
        if (lower == QLatin1String("true") || lower == QLatin1String("yes") || lower == QLatin1String("1"))
            return true;
        if (lower == QLatin1String("false") || lower == QLatin1String("no") || lower == QLatin1String("0"))
            return false;
        return cell;
    }
    const bool structured = leaf && (leaf->isArray() || leaf->isObject() || leaf->isFreeForm());
    if (structured && (trimmed.startsWith(u'[') || trimmed.startsWith(u'{'))) {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
        if (error.error == QJsonParseError::NoError)
            return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
        return cell;
    }
    if (leaf && leaf->type == QLatin1String("string[]"))
        return QJsonArray{cell}; // one value; several are written as a JSON list
    return cell;
}

// Sets value at parts (numeric parts index arrays) inside target.
QJsonValue withValueAt(QJsonValue target, const QStringList &parts, qsizetype at, const QJsonValue &value)
{
    if (at == parts.size())
        return value;
    bool isIndex = false;
    const int index = parts.at(at).toInt(&isIndex);
    if (isIndex) {
        QJsonArray array = target.toArray();
        while (array.size() <= index)
            array.append(QJsonObject());
        array[index] = withValueAt(array.at(index), parts, at + 1, value);
        return array;
    }
    QJsonObject object = target.toObject();
    object.insert(parts.at(at), withValueAt(object.value(parts.at(at)), parts, at + 1, value));
    return object;
}

QList<ColumnInfo> describeColumns(const QList<ColumnMatch> &columns, const ResourceSchema &schema)
{
    QList<ColumnInfo> out;
    for (const ColumnMatch &match : columns) {
        ColumnInfo info;
        info.match = match;
        if (match.kind == ColumnMatch::Kind::Field) {
            const QStringList given = match.path.split(u'.');
            info.top = schema.find(Section::Body, given.first());
            // Walk the path, making the item index of an object[] explicit (0 when left out).
            const FieldSpec *spec = info.top;
            info.parts.append(given.first());
            QString schemaPath = given.first();
            bool indexed = false; // the previous part was an explicit item index
            for (qsizetype i = 1; i < given.size(); ++i) {
                bool isIndex = false;
                given.at(i).toInt(&isIndex);
                if (isIndex) {
                    info.parts.append(given.at(i));
                    indexed = true;
                    continue;
                }
                if (spec && spec->isArray() && !indexed)
                    info.parts.append(QStringLiteral("0"));
                indexed = false;
                info.parts.append(given.at(i));
                schemaPath += u'.' + given.at(i);
                spec = schema.find(Section::Body, schemaPath);
            }
            info.leaf = spec;
        } else if (match.kind == ColumnMatch::Kind::CustomField) {
            info.top = schema.find(Section::Body, QStringLiteral("custom_fields"));
            info.parts = QStringList{QStringLiteral("custom_fields"), match.path};
        }
        out.append(info);
    }
    return out;
}

// The column a validation issue is about: the one with its exact path, else the first column
// of its top-level field.
int columnOf(const QString &path, const QList<ColumnInfo> &columns)
{
    int firstOfField = -1;
    const QString field = path.section(u'.', 0, 0);
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (columns.at(i).parts.isEmpty())
            continue;
        if (columns.at(i).parts.join(u'.') == path)
            return int(i);
        if (firstOfField < 0 && columns.at(i).parts.first() == field)
            firstOfField = int(i);
    }
    return firstOfField;
}

// A cell of a custom field column, typed by the account's definition of that field: numbers and
// amounts as numbers, yes/no as booleans, a multi-select as the values separated by ';'.
QJsonValue customCellValue(const QString &cell, const CustomField &field)
{
    if (cell == QLatin1String(kClearCell))
        return QJsonValue::Null;
    const QString trimmed = cell.trimmed();
    switch (field.kind) {
    case CustomField::Kind::Number:
    case CustomField::Kind::Currency: {
        bool ok = false;
        const double number = trimmed.toDouble(&ok);
        return ok ? QJsonValue(number) : QJsonValue(cell);
    }
    case CustomField::Kind::Boolean: {
        const QString lower = trimmed.toLower();
        if (lower == QLatin1String("true") || lower == QLatin1String("yes") || lower == QLatin1String("1"))
            return true;
        if (lower == QLatin1String("false") || lower == QLatin1String("no") || lower == QLatin1String("0"))
            return false;
        return cell;
    }
    case CustomField::Kind::MultiSelect: {
        QJsonArray values;
        for (const QString &value : trimmed.split(u';', Qt::SkipEmptyParts))
            values.append(value.trimmed());
        return values;
    }
    default:
        return cell;
    }
}

const CustomField *definitionOf(const QList<CustomField> &definitions, const QString &name)
{
    for (const CustomField &field : definitions) {
        if (field.name == name)
            return &field;
    }
    return nullptr;
}

} // namespace

BulkPlan BulkPlan::build(const CsvTable &table, const QList<ColumnMatch> &columns,
                         const ResourceSchema &schema, const EditPolicy &policy,
                         const QStringList &customFieldNames)
{
    BulkPlan plan;
    plan.columns = columns;
    const QList<ColumnInfo> infos = describeColumns(columns, schema);
    int idColumn = -1;
    for (qsizetype i = 0; i < infos.size(); ++i) {
        if (infos.at(i).match.kind == ColumnMatch::Kind::RecordId && idColumn < 0)
            idColumn = int(i);
    }
    if (idColumn < 0)
        plan.fileProblems.append(QStringLiteral("The file has no id column: each row needs the id of the record it changes"));
    if (!policy.sendRefusal.isEmpty())
        plan.fileProblems.append(policy.sendRefusal);

    // Field states and specs are the same for every row: look them up once.
    QHash<QString, FieldState> states;
    for (const ColumnInfo &info : infos) {
        if (info.top && !states.contains(info.top->name))
            states.insert(info.top->name, policy.fields.state(info.top->name));
    }
    const QString provider = policy.fields.provider().isEmpty() ? QStringLiteral("the provider")
                                                                : policy.fields.provider();
    QHash<QString, int> firstRowOfId;
    plan.rows.reserve(table.rows.size());
    for (qsizetype r = 0; r < table.rows.size(); ++r) {
        const QStringList &cells = table.rows.at(r);
        BulkRow row;
        row.number = int(r + 1);
        row.line = table.lines.value(r);
        if (cells.size() > infos.size()) {
            row.problems.append({-1, QStringLiteral("The row has %1 cells; the header has %2 columns")
                                         .arg(cells.size()).arg(infos.size())});
        }
        QHash<QString, int> columnOfField; // top-level field -> first column that set it
        for (qsizetype c = 0; c < infos.size() && c < cells.size(); ++c) {
            const ColumnInfo &info = infos.at(c);
            const QString &cell = cells.at(c);
            if (info.match.kind == ColumnMatch::Kind::RecordId) {
                row.recordId = cell.trimmed();
                continue;
            }
            if (info.parts.isEmpty() || cell.isEmpty())
                continue; // ignored column, or "leave unchanged"
            const QString &field = info.parts.first();
            if (!columnOfField.contains(field))
                columnOfField.insert(field, int(c));
            // A custom field the account defines is typed and checked as the form checks it.
            const CustomField *definition = info.match.kind == ColumnMatch::Kind::CustomField
                                                ? definitionOf(policy.customFields, info.match.path)
                                                : nullptr;
            const QJsonValue value = definition ? customCellValue(cell, *definition) : cellValue(cell, info.leaf);
            if (!definition && info.match.kind == ColumnMatch::Kind::CustomField && !customFieldNames.isEmpty()
                && !customFieldNames.contains(info.match.path)) {
                row.problems.append({int(c), QStringLiteral("%1 has no editable custom field \"%2\"")
                                                 .arg(provider, info.match.path)});
            }
            if (definition && definition->readOnly) {
                row.problems.append({int(c), QStringLiteral("%1 is read-only: %2")
                                                 .arg(definition->displayName(), definition->readOnlyReason)});
            } else if (definition) {
                for (const ValidationIssue &issue : validateCustomFieldValue(*definition, value))
                    row.problems.append({int(c), issue.message});
            }
            row.body.insert(field, withValueAt(row.body.value(field), info.parts, 1, value));
        }
        if (idColumn >= 0) {
            if (row.recordId.isEmpty() && row.hasChanges()) {
                row.problems.append({idColumn, QStringLiteral("The record id is empty")});
            } else if (!row.recordId.isEmpty()) {
                const auto seen = firstRowOfId.constFind(row.recordId);
                if (seen != firstRowOfId.cend())
                    row.problems.append({idColumn, QStringLiteral("Record %1 is also changed by row %2; "
                                                                  "put its changes on one row")
                                                       .arg(row.recordId).arg(*seen)});
                else
                    firstRowOfId.insert(row.recordId, row.number);
            }
        }
        // The form's rules, field by field (RecordEditorView: EditPolicy + validateValue).
        for (auto it = row.body.constBegin(); it != row.body.constEnd(); ++it) {
            const FieldSpec *spec = schema.find(Section::Body, it.key());
            const FieldState state = states.value(it.key());
            const int column = columnOfField.value(it.key(), -1);
            if (!spec)
                continue;
            if (!state.editable()) {
                row.problems.append({column, QStringLiteral("%1 is not sent to %2: %3")
                                                 .arg(it.key(), provider,
                                                      state.reason.isEmpty() ? QStringLiteral("not supported")
                                                                             : state.reason)});
                continue;
            }
            for (const ValidationIssue &issue : validateValue(*spec, it.value(), state)) {
                const int at = columnOf(issue.path, infos);
                row.problems.append({at < 0 ? column : at, issue.message});
            }
            if (state.required && isEmptyValue(it.value()))
                row.problems.append({column, QStringLiteral("%1 is required by %2; it cannot be cleared")
                                                 .arg(it.key(), provider)});
        }
        // In the order of the file's columns, as a person reads the row.
        std::stable_sort(row.problems.begin(), row.problems.end(),
                         [](const BulkProblem &a, const BulkProblem &b) { return a.column < b.column; });
        plan.rows.append(std::move(row));
    }
    return plan;
}

int BulkPlan::problemCount() const
{
    int count = int(fileProblems.size());
    for (const BulkRow &row : rows)
        count += int(row.problems.size());
    return count;
}

int BulkPlan::sendableCount() const
{
    if (!fileProblems.isEmpty())
        return 0;
    return int(std::count_if(rows.cbegin(), rows.cend(), [](const BulkRow &row) { return row.isSendable(); }));
}

QStringList BulkPlan::problemLines() const
{
    QStringList out = fileProblems;
    for (const BulkRow &row : rows) {
        for (const BulkProblem &problem : row.problems) {
            const QString where = problem.column >= 0 && problem.column < columns.size()
                                      ? QStringLiteral(", column %1").arg(columns.at(problem.column).header)
                                      : QString();
            out.append(QStringLiteral("row %1 (line %2)%3: %4")
                           .arg(row.number).arg(row.line).arg(where, problem.message));
        }
    }
    return out;
}

} // namespace crmdesk
