#pragma once

#include "policy/accountcapabilities.h"
#include "policy/customfield.h"
#include "schema/fieldstate.h"
#include "schema/resourceschema.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace crmdesk {

class RecordModel;
struct QueryOptions;

// Everything that decides what a person may edit and send in one record's form: the state of
// every field and the record-level reason why nothing can be sent. Forms only display it.
struct EditPolicy
{
    FieldPolicy fields;
    QString note;          // where the field rules came from, for the status line
    QString sendRefusal;   // the account refuses writes of this resource; empty when it does not
    // The account's custom field definitions for this resource's entity (contract §14), set by
    // whoever has read /unified/crm/fields; empty: custom_fields values are not checked.
    QList<CustomField> customFields;

    // Every reason the form's request cannot be sent now: the account's refusal, no record,
    // nothing changed, the query options, every invalid value and every custom field problem
    // (wrong type, required and empty, read-only changed), in that order.
    QStringList sendProblems(const RecordModel &model, const QueryOptions &options) const;
};

// Builds the EditPolicy of one resource from its inputs, each of which may change on its own:
//  * the bundled documentation, for the provider chosen in the form;
//  * the live account's meta/update merged over it (LiveMetaMerger), which applies only while
//    the chosen provider is the account's own: a provider picked by hand for a demo (or "any
//    provider") keeps the documented rules;
//  * fields the documentation lost the name of, which are never editable;
//  * the account's capabilities (read-only sandbox, blocked, update not allowed).
class EditPolicyBuilder
{
public:
    explicit EditPolicyBuilder(const ResourceSchema &schema);

    // The provider whose rules apply, matched to the documented name case-insensitively.
    // Empty (or not documented for this resource): any provider.
    void setProvider(const QString &provider);
    QString provider() const { return m_provider; }
    void setAccount(const AccountCapabilities &account);
    const AccountCapabilities &account() const { return m_account; }
    // The account's live rules for its own provider, and where they came from.
    void setLiveRules(const FieldPolicy &merged, const QString &note);

    EditPolicy build() const;

private:
    bool liveRulesApply() const;
    void lockUnnamedFields(FieldPolicy &policy) const;

    const ResourceSchema &m_schema;
    QString m_provider;
    bool m_providerChosen = false; // a provider was set after construction
    AccountCapabilities m_account;
    std::optional<FieldPolicy> m_live;
    QString m_liveNote;
};

// The problems with the query options that the options themselves show: a missing or malformed
// integrated_account_id and a resource query parameter the provider requires.
QStringList queryProblems(const QueryOptions &options, const FieldPolicy &policy);

bool isUuid(const QString &text);

} // namespace crmdesk
