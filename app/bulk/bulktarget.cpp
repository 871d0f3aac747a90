#include "bulk/bulktarget.h"

#include "api/apicall.h"
#include "api/trutoclient.h"
#include "policy/customfielddefinitions.h"
#include "schema/resourceschema.h"

#include <memory>

namespace crmdesk {

void loadBulkTarget(TrutoClient *client, const ResourceSchema &schema, const QString &accountId,
                    const QObject *context, std::function<void(const BulkTarget &)> done)
{
    auto target = std::make_shared<BulkTarget>();
    QPointer<const QObject> receiver(context);
    auto finish = [receiver, done, target, &schema] {
        if (!receiver)
            return;
        if (target->error.isEmpty()) {
            EditPolicyBuilder builder(schema);
            builder.setProvider(target->account.provider());
            builder.setAccount(target->account);
            target->policy = builder.build();
        }
        done(*target);
    };
    ApiCall *accountCall = client->getIntegratedAccount(accountId);
    QObject::connect(accountCall, &ApiCall::finished, client,
                     [client, accountId, target, finish, &schema](const ApiResult &result) {
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
                         [client, accountId, target, finish, &schema](const ApiResult &answer) {
            if (answer.ok())
                target->account.readCapabilities(answer.json.object());
            ApiCall *fields = client->listFields(accountId, schema.customFieldEntity);
            QObject::connect(fields, &ApiCall::finished, client,
                             [target, finish, &schema](const ApiResult &list) {
                if (list.ok())
                    target->customFieldNames = CustomFieldDefinitions::fromListResponse(list.json.object())
                                                   .editableNamesFor(schema);
                finish();
            });
        });
    });
}

} // namespace crmdesk
