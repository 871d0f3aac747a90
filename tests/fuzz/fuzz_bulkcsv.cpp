// The bulk edit's CSV path (app/bulk) over arbitrary files: decoding (UTF-8, UTF-16 with or
// without a BOM), RFC 4180 reading with delimiter detection, matching the header to unified
// fields, and the dry run with a provider's policy, as `crmdesk --bulk --dry-run` does with a
// file a user picked.
//
// Input: the bytes of a CSV file. Its first byte also picks the resource and the provider.

#include "fuzzsupport.h"

#include "bulk/bulkplan.h"
#include "bulk/columnmatch.h"
#include "bulk/csvreader.h"
#include "policy/editpolicy.h"
#include "schema/schema.h"

using namespace crmdesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crmdesk::fuzz::application();
    const QByteArray bytes = crmdesk::fuzz::inputBytes(data, size);
    QString error;
    const std::optional<CsvTable> table = readCsv(bytes, &error);
    if (!table)
        return 0;
    const Schema &schema = Schema::bundled();
    const QStringList resources = schema.resources();
    const unsigned pick = size > 0 ? data[0] : 0;
    const ResourceSchema &resource = *schema.resource(resources.at(pick % resources.size()));
    const QStringList providers = resource.allProviders();
    EditPolicyBuilder builder(resource);
    if (!providers.isEmpty())
        builder.setProvider(providers.at((pick / 8) % providers.size()));
    const BulkPlan plan = BulkPlan::build(*table, matchColumns(table->header, resource), resource, builder.build());
    (void)plan.problemLines();
    for (const QStringList &row : table->rows)
        (void)csvLine(row, table->delimiter);
    return 0;
}
