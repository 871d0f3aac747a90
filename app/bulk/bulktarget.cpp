#include "bulk/bulktarget.h"

#include "api/apicall.h"
#include "api/trutoclient.h"
#include "policy/customfielddefinitions.h"
#include "schema/livemetamerger.h"
#include "schema/resourceschema.h"

#include <memory>

namespace crmdesk {

void loadBulkTarget(TrutoClient *client, const ResourceSchema &schema, const QString &accountId,
                    const QObject *context, std::function<void(const BulkTarget &)> done)
{
    auto target = std::make_shared<BulkTarget>();
    auto live = std::make_shared<std::optional<LiveMeta>>();
    auto definitions = std::make_shared<QList<CustomField>>();
    QPointer<const QObject> receiver(context);
    auto build = [receiver, done, target, live, definitions, &schema] {
        if (!receiver)
            return;
        if (target->error.isEmpty()) {
            EditPolicyBuilder builder(schema);
            builder.setProvider(target->account.provider());
            builder.setAccount(target->account);
            if (*live) {
                // The same merge the form's LiveMetaLoader makes: the account's own rules win.
                const QString provider = schema.canonicalProvider(target->account.provider()).value_or(QString());
                target->liveNote = QStringLiteral("Field rules from the live account");
                builder.setLiveRules(LiveMetaMerger::merge(schema.policyFor(provider), **live), target->liveNote);
            }
            target->policy = builder.build();
            target->policy.customFields = *definitions;
        }
        done(*target);
    };
    // Last: meta/update. Offline or refused, the documented rules stand, as in the form.
    auto finish = [client, accountId, target, live, build, &schema] {
        if (!target->error.isEmpty()) {
            build();
            return;
        }
        ApiCall *meta = client->getUpdateMeta(schema.name, accountId);
        QObject::connect(meta, &ApiCall::finished, client, [live, build](const ApiResult &answer) {
            if (answer.ok())
                *live = LiveMetaMerger::parse(answer.json.object());
            build();
        });
    };
    ApiCall *accountCall = client->getIntegratedAccount(accountId);
    QObject::connect(accountCall, &ApiCall::finished, client,
                     [client, accountId, target, definitions, finish, &schema](const ApiResult &result) {
        if (!result.ok()) {
            target->error = QStringLiteral("Cannot read integrated account %1: %2")
                                .arg(accountId, result.trutoError ? result.trutoError->bestMessage()
                                                                  : result.errorString);
            finish();
            return;
        }
        target->account = AccountCapabilities::fromAccount(result.json.object());
        ApiCall *capabilities = client->getCapabilities(accountId, schema.name);
        QObject::connect(capabilities, &ApiCall::finished, client,
                         [client, accountId, target, definitions, finish, &schema](const ApiResult &answer) {
            if (answer.ok())
                target->account.readCapabilities(answer.json.object());
            ApiCall *fields = client->listFields(accountId, schema.customFieldEntity);
            QObject::connect(fields, &ApiCall::finished, client,
                             [target, definitions, finish, &schema](const ApiResult &list) {
                if (list.ok()) {
                    const CustomFieldDefinitions all = CustomFieldDefinitions::fromListResponse(list.json.object());
                    target->customFieldNames = all.editableNamesFor(schema);
                    *definitions = all.definitionsFor(schema);
                }
                finish();
            });
        });
    });
}

} // namespace crmdesk
