// The response inspector's reading of an arbitrary body (app/inspect): BodyDocument's
// classification, JsonIndex's validation and container offsets, the tree walk the JSON tree
// view does over JsonChildIterator, and key paths (jsonpath) computed from and located in the
// index. The UI's tree model needs Widgets, so the walk below does what it asks of the index.
//
// Input: the first line is the Content-Type, the rest the body.

#include "fuzzsupport.h"

#include "inspect/bodydocument.h"
#include "inspect/jsonindex.h"
#include "inspect/jsonpath.h"

#include <QSet>

#include <cstdlib>

namespace {

using namespace crmdesk;

// Every child of a container, read back the way the tree shows it. The path the tree shows for
// a value is turned into text, parsed back and located again: it must lead back to that same
// value, unless a repeated key makes the path ambiguous (RFC 8259 allows them; a path then
// names the first one).
void walk(const JsonIndex &index, int container, const QString &path, bool unique, int *budget)
{
    JsonChildIterator children(&index, container);
    JsonChild child;
    QSet<QString> seen;
    while (*budget > 0 && children.next(&child)) {
        --*budget;
        const bool object = child.keyBegin >= 0;
        const QString key = object ? index.decodeString(child.keyBegin, child.keyEnd) : QString();
        bool childUnique = unique;
        if (object) {
            childUnique = unique && !seen.contains(key);
            seen.insert(key);
        }
        const QString childPath = object ? jsonpath::appendKey(path, key)
                                         : jsonpath::appendIndex(path, children.position() - 1);
        if (child.container < 0)
            (void)index.scalarText(child.valueBegin, child.valueEnd);
        else
            walk(index, child.container, childPath, childUnique, budget);
        if (index.typeAt(child.valueBegin) != child.type)
            std::abort(); // the iterator and typeAt must agree on what the value is
        const std::optional<JsonPath> parsed = jsonpath::parse(childPath);
        if (!parsed)
            std::abort(); // a path the inspector shows must parse
        if (childUnique && jsonpath::locate(index, *parsed).begin != child.valueBegin)
            std::abort(); // ... and lead back to its value
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crmdesk::fuzz::InputReader input(crmdesk::fuzz::inputBytes(data, size));
    const QByteArray contentType = input.line();
    const QByteArray body = input.rest();

    const BodyDocument document = BodyDocument::analyse(body, contentType);
    const JsonIndex index = JsonIndex::build(body);
    if (!index.isValid()) {
        (void)index.error().message;
        return 0;
    }
    (void)index.rootType();
    (void)index.scalarText(index.rootBegin(), index.rootEnd());
    int budget = 20000; // children visited per input, so one deep input cannot stall the run
    if (index.rootContainer() >= 0)
        walk(index, index.rootContainer(), QString(), true, &budget);
    for (int i = 0; i < index.containerCount() && i < 1000; ++i)
        (void)index.containerAt(index.container(i).open);

    // Paths of offsets across the body, as a click in the text view asks for them.
    const qint64 step = qMax<qint64>(1, body.size() / 64);
    for (qint64 offset = 0; offset < body.size(); offset += step) {
        const JsonPath path = jsonpath::pathAtOffset(index, offset);
        (void)jsonpath::locate(index, path);
        (void)jsonpath::format(path);
    }
    // Arbitrary text as a typed path.
    if (const std::optional<JsonPath> typed = jsonpath::parse(QString::fromUtf8(contentType)))
        (void)jsonpath::locate(index, *typed);
    return 0;
}
