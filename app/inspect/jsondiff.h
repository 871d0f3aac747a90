#pragma once

#include "inspect/jsonindex.h"

#include <QList>
#include <QString>

#include <atomic>

namespace crmdesk {

struct JsonDifference
{
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    QString path;   // "result[0].email_addresses[0].email"
    QString before; // display text: strings quoted, containers summarised; empty when added
    QString after;  // empty when removed
};

struct JsonDiffOptions
{
    bool matchArraysById = true;
    int maxDifferences = 10000;
};

// A structural diff of two JSON documents by path (product §6 item 6): what was added,
// removed or changed. Objects compare by key; arrays by position, or by "id" when every
// element on both sides is an object with a distinct scalar id (CRM lists reorder). Works on
// JsonIndex, without a DOM and without recursion, so large and deeply nested bodies are fine.
class JsonDiff
{
public:
    using Options = JsonDiffOptions;
    struct Result
    {
        QList<JsonDifference> differences;
        int added = 0;
        int removed = 0;
        int changed = 0;
        bool truncated = false; // stopped at maxDifferences
        bool isEmpty() const { return differences.isEmpty(); }
    };

    static Result compare(const JsonIndex &before, const JsonIndex &after, const Options &options,
                          const std::atomic_bool *cancel = nullptr);
    // Convenience for small documents; invalid JSON on either side gives an empty result.
    static Result compare(const QByteArray &before, const QByteArray &after,
                          const Options &options = Options());
};

} // namespace crmdesk
