// The live meta/update merger (app/schema/livemetamerger, contract §13) over arbitrary
// responses: parsing request_body_schema / query_schema in every layout it tolerates (JSON
// Schema, plain maps, a schema sent as a JSON string), then merging the result over the bundled
// documentation's policy of each resource, as a connection does after loading live metadata.
//
// Input: the body of a GET /unified/crm/{resource}/meta/update response.

#include "fuzzsupport.h"

#include "schema/livemetamerger.h"
#include "schema/schema.h"

using namespace crmdesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crmdesk::fuzz::application();
    QString error;
    const std::optional<LiveMeta> live =
        LiveMetaMerger::parse(crmdesk::fuzz::inputBytes(data, size), &error);
    if (!live)
        return 0;
    for (const LiveField &field : live->bodyFields) {
        (void)live->find(field.path);
        (void)live->describesInside(field.path);
    }
    const Schema &schema = Schema::bundled();
    for (const QString &name : schema.resources()) {
        const ResourceSchema *resource = schema.resource(name);
        const QStringList providers = resource->allProviders();
        // One documented provider per resource keeps a run short; the merge is per field.
        const QString provider = providers.isEmpty() ? QString() : providers.first();
        (void)LiveMetaMerger::merge(resource->policyFor(provider), *live);
    }
    return 0;
}
