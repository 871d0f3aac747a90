#pragma once

#include "records/recordmodel.h"
#include "schema/fieldstate.h"

#include <QList>
#include <QString>

namespace crmdesk {

// One problem that blocks sending, tied to the field (dotted path) it is about.
struct ValidationIssue
{
    QString path;    // "email_addresses.0.email"; the top-level field is the part before the dot
    QString message; // a sentence that names the field
    QString field() const { return path.section(u'.', 0, 0); }
    friend bool operator==(const ValidationIssue &, const ValidationIssue &) = default;
};

// Checks what would be sent: the type, format and enum values of every changed field, the
// fields the provider requires, and the resource's own rules (notes: contact, account or
// opportunity). Unchanged values are the server's and are not second-guessed, except that
// required fields must not be empty.
QList<ValidationIssue> validateRecord(const RecordModel &model, const FieldPolicy &policy);

// Checks one value against its field spec (types, date-times, numbers, e-mail shape, JSON
// objects, enum values from the policy). Used for changed fields and by editors as you type.
QList<ValidationIssue> validateValue(const FieldSpec &field, const QJsonValue &value,
                                     const FieldState &state);

bool isIsoDateTime(const QString &text);
bool looksLikeEmail(const QString &text);

} // namespace crmdesk
