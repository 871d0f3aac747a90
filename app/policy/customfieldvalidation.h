#pragma once

#include "policy/customfield.h"
#include "records/validation.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>

namespace crmdesk {

class RecordModel;

// Checks one custom field value against its definition: the JSON type the kind needs (a number
// for Number and Currency, true/false for Boolean, YYYY-MM-DD for Date, ISO 8601 with a zone for
// DateTime, an option's value for SingleSelect, an array of them for MultiSelect, an id for User
// and Reference). null clears a value and is always of the right type. Issues are at
// "custom_fields.<name>" and name the field by its label.
QList<ValidationIssue> validateCustomFieldValue(const CustomField &field, const QJsonValue &value);

// Checks what would be sent in custom_fields (contract §14): every changed value (edited differs
// from original) by its definition, a change to a read-only field, and every required field of
// the list that is empty in the edited values. Names without a definition are not checked (the
// server drops them, §13).
QList<ValidationIssue> validateCustomFields(const QList<CustomField> &definitions,
                                            const QJsonObject &original,
                                            const QJsonObject &edited);

// The same on a record's form: its custom_fields before and after the edits.
QList<ValidationIssue> validateCustomFields(const QList<CustomField> &definitions,
                                            const RecordModel &model);

} // namespace crmdesk
