#pragma once

#include "sandbox/sandboxhttp.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace crmdesk {
class ResourceSchema;
}

namespace crmdesk::sandbox {

// What the sandbox accepts at most, and how it refuses the rest (README "Bad input"): each kind
// of bad input gets one exact status and message, before any stored record is touched.
struct RequestLimits
{
    static constexpr qsizetype kMaxBodyBytes = 1024 * 1024; // a CRM record is a few kB
    static constexpr int kMaxJsonDepth = 32;                // unified records nest 3 or 4 deep
    static constexpr int kMaxPathSegment = 256;             // record ids are far shorter
    static constexpr int kMaxQueryParameters = 1000;
};

// The first limit `request` breaks, as its reply: 413 for a body over kMaxBodyBytes, 414 for a
// path segment over kMaxPathSegment characters, 400 for more than kMaxQueryParameters query
// parameters. Nothing when the request is within all of them. Checked before anything else.
std::optional<SandboxReply> limitViolation(const SandboxRequest &request);

// For a PATCH body, before it is parsed: 415 unless the Content-Type is JSON, 400 when the JSON
// nests deeper than kMaxJsonDepth.
std::optional<SandboxReply> patchBodyViolation(const SandboxRequest &request);

// How deeply `json` nests arrays and objects (brackets outside strings); counts bytes only, so
// it is safe on any input.
int jsonDepth(const QByteArray &json);

// Body fields the schema knows whose value has the wrong JSON type ("first_name: expected a
// string, got a number"); null is always allowed (it clears a field). Empty when all fit.
QStringList typeMismatches(const ResourceSchema &schema, const QJsonObject &body);

} // namespace crmdesk::sandbox
