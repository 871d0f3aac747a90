#pragma once

#include <QJsonObject>

namespace crmdesk::sandbox {

class FieldRules;
class ProviderMapping;

// The body of GET /unified/crm/{resource}/meta/update (contract §13) for one account:
// method, schema, documentation_link, response_mapping, query_schema, request_body_schema,
// default_query and default_body.
//
// Truto publishes no example of request_body_schema (contract §13, §19), so it is written to
// suit a tolerant reader: JSON Schema objects whose properties carry a `required` boolean each
// (as in Truto's unified-model guide) and also a JSON Schema `required` array of names. Only the
// fields this account's provider stores are listed; `remote_data` is always there.
class UpdateMeta
{
public:
    static QJsonObject build(const FieldRules &rules, const ProviderMapping *mapping);
    // The per-integration variant (GET /unified/crm/{resource}/{integration}/meta/update), which
    // also carries response_schema.
    static QJsonObject buildForIntegration(const FieldRules &rules, const ProviderMapping *mapping);
};

} // namespace crmdesk::sandbox
