// The inspector's pretty printer and body search (app/inspect) over arbitrary bodies: every page
// of the pretty text, the line of a search hit, and the search itself (ASCII case folding,
// wrap-around) over bytes that need not be valid UTF-8.
//
// Input: the first line is the search text, the rest the body.

#include "fuzzsupport.h"

#include "inspect/bodysearch.h"
#include "inspect/jsonindex.h"
#include "inspect/jsonprettyprinter.h"

#include <cstdlib>

using namespace crmdesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crmdesk::fuzz::InputReader input(crmdesk::fuzz::inputBytes(data, size));
    const QString needle = QString::fromUtf8(input.line());
    const QByteArray body = input.rest();

    // Search runs on any body, valid JSON or not.
    qint64 hit = bodysearch::findText(body, needle, 0);
    if (hit >= body.size())
        std::abort(); // an offset past the end cannot be shown
    if (hit >= 0)
        (void)bodysearch::findText(body, needle, hit + 1);
    (void)bodysearch::findText(body, needle, body.size() / 2);

    // The pretty printer's input is valid JSON (the view checks it with JsonIndex first).
    const JsonIndex index = JsonIndex::build(body);
    if (!index.isValid())
        return 0;
    const JsonPrettyPrinter::Position start{index.rootBegin(), 0};
    qint64 totalLines = 0;
    const QList<JsonPrettyPrinter::Position> pages =
        JsonPrettyPrinter::paginate(body, start, 50, nullptr, &totalLines);
    if (pages.isEmpty() || pages.first() != start)
        std::abort(); // the first page starts where the caller asked
    qint64 lines = 0;
    for (const JsonPrettyPrinter::Position &page : pages) {
        const JsonPrettyPrinter::Page text = JsonPrettyPrinter::format(body, page, 50, hit);
        lines += text.lines;
        if (text.lines > 50)
            std::abort(); // a page never holds more lines than asked for
    }
    if (lines != totalLines)
        std::abort(); // the pages together are exactly the whole text
    if (hit >= 0)
        (void)JsonPrettyPrinter::lineOf(body, start, hit);
    return 0;
}
