#include "policy/editpolicy.h"

#include "policy/customfieldvalidation.h"

#include "api/queryoptions.h"
#include "records/recordmodel.h"
#include "records/validation.h"
#include "schema/jsonvalues.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace crmdesk {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("crmdesk::EditPolicy", text);
}

void lockFields(const QList<FieldSpec> &fields, FieldPolicy &policy)
{
    for (const FieldSpec &field : fields) {
        if (field.unnamed) {
            FieldState state = policy.state(field.path);
            state.locked = true;
            state.reason = tr("The documentation lost this field's name; it cannot be edited");
            policy.set(field.path, state);
        }
        lockFields(field.children, policy);
    }
}
} // namespace

bool isUuid(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return shape.match(text).hasMatch();
}

QStringList queryProblems(const QueryOptions &options, const FieldPolicy &policy)
{
    QStringList out;
    if (options.integratedAccountId.isEmpty())
        out.append(tr("integrated_account_id is required"));
    else if (!isUuid(options.integratedAccountId))
        out.append(tr("integrated_account_id must be a UUID, like 62f44730-dd91-461e-bd6a-aedd9e0ad79d"));
    for (const QString &path : policy.paths()) {
        // The resource's own parameters; a sub-field is required only inside its parameter.
        if (!path.startsWith(QLatin1String("query.")) || path.indexOf(u'.', 6) >= 0)
            continue;
        const QString name = path.mid(6);
        if (policy.state(path).required && isEmptyValue(options.resourceQuery.value(name)))
            out.append(tr("The %1 query parameter is required by %2").arg(name, policy.provider()));
    }
    return out;
}

QStringList EditPolicy::sendProblems(const RecordModel &model, const QueryOptions &options) const
{
    QStringList problems;
    if (!sendRefusal.isEmpty())
        problems.append(sendRefusal);
    if (!model.isLoaded())
        problems.append(tr("Load a record first"));
    else if (model.patchBody(fields).isEmpty())
        problems.append(tr("Nothing to send: no supported field has changed"));
    problems.append(queryProblems(options, fields));
    for (const ValidationIssue &issue : validateRecord(model, fields))
        problems.append(issue.message);
    if (model.isLoaded()) {
        for (const ValidationIssue &issue : validateCustomFields(customFields, model))
            problems.append(issue.message);
    }
    return problems;
}

EditPolicyBuilder::EditPolicyBuilder(const ResourceSchema &schema) : m_schema(schema)
{
}

void EditPolicyBuilder::setProvider(const QString &provider)
{
    m_provider = m_schema.canonicalProvider(provider).value_or(QString());
    m_providerChosen = true;
}

void EditPolicyBuilder::setAccount(const AccountCapabilities &account)
{
    if (account.id() != m_account.id())
        m_live.reset(); // live rules belong to the account they were read for
    m_account = account;
}

void EditPolicyBuilder::setLiveRules(const FieldPolicy &merged, const QString &note)
{
    m_live = merged;
    m_liveNote = note;
}

bool EditPolicyBuilder::liveRulesApply() const
{
    if (!m_live)
        return false;
    const QString accountProvider = m_schema.canonicalProvider(m_account.provider()).value_or(QString());
    // "(any provider)" is the account's own only when its provider is not documented for
    // this resource; picked by hand, it means the documented rules.
    return m_provider == accountProvider;
}

void EditPolicyBuilder::lockUnnamedFields(FieldPolicy &policy) const
{
    lockFields(m_schema.body, policy);
}

EditPolicy EditPolicyBuilder::build() const
{
    EditPolicy out;
    if (liveRulesApply()) {
        out.fields = *m_live;
        out.note = m_liveNote;
    } else {
        out.fields = m_schema.policyFor(m_provider);
        if (m_providerChosen && !m_provider.isEmpty())
            out.note = tr("Field rules from the bundled documentation");
    }
    lockUnnamedFields(out.fields);
    if (m_account.isValid())
        out.sendRefusal = m_account.updateRefusal(m_schema.name);
    return out;
}

} // namespace crmdesk
