#pragma once

#include "bulk/columnmatch.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace crmdesk {

struct CsvTable;
struct EditPolicy;
class ResourceSchema;

// The cell that clears a field (sends null). Case-sensitive, so a person called "Null" is safe;
// an empty cell leaves the field unchanged.
inline constexpr char kClearCell[] = "NULL";

// One problem that keeps a row from being sent, tied to the column it is about (-1: the row).
struct BulkProblem
{
    int column = -1;
    QString message;
    friend bool operator==(const BulkProblem &, const BulkProblem &) = default;
};

// One data row of the file as a PATCH: its record, its body and what is wrong with it.
struct BulkRow
{
    int number = 0; // 1-based data row (the header is row 0)
    int line = 0;   // 1-based line of the file the row starts on
    QString recordId;
    QJsonObject body; // only the non-empty cells, nested paths built into their objects
    QList<BulkProblem> problems;

    bool hasChanges() const { return !body.isEmpty(); }
    // Rows with problems or without changes are skipped, never sent.
    bool isSendable() const { return problems.isEmpty() && hasChanges() && !recordId.isEmpty(); }
};

// The dry run: every row of a CSV file turned into the body the form would send and checked
// with the form's own rules (EditPolicy's field states and records/validation's value checks),
// before anything is sent. What the form also checks but a file cannot show without reading
// every record first (required fields the file leaves unchanged, the notes "one of contact,
// account or opportunity" rule) is left to the server, whose refusal the report carries.
class BulkPlan
{
public:
    // customFieldNames: the account's editable custom fields; empty when unknown (any name).
    static BulkPlan build(const CsvTable &table, const QList<ColumnMatch> &columns,
                          const ResourceSchema &schema, const EditPolicy &policy,
                          const QStringList &customFieldNames = {});

    QList<ColumnMatch> columns;
    QList<BulkRow> rows;
    // Problems of the whole file or account (no id column, the account refuses writes): while
    // there are any, nothing is sent.
    QStringList fileProblems;

    int problemCount() const;
    int sendableCount() const;
    // "row 4 (line 5), column email_addresses.email: ..." for each problem, in file order.
    QStringList problemLines() const;
};

} // namespace crmdesk
