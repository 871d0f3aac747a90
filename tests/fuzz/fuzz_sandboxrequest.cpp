// The sandbox's request path end to end, in process and without a socket: a request line,
// headers and body go through the loopback Host check, SandboxRequest::fromWire (path segments,
// query decoding) and SandboxApi::handle (token, strict query, routing, account checks, faults,
// idempotent replay, the record, metadata and account endpoints). Each run starts from the seed
// data, so a PATCH of one run never changes the next.
//
// Input, like HTTP/1.1: "METHOD /path?query", header lines "Name: value", an empty line, body.
// The token "fuzz-token" is accepted.

#include "fuzzsupport.h"

#include "sandbox/loopbackhttpserver.h"
#include "sandbox/sandboxapi.h"
#include "sandbox/sandboxdata.h"
#include "schema/schema.h"

#include <QUrl>

#include <cstdlib>

using namespace crmdesk;
using namespace crmdesk::sandbox;

namespace {

// The seed data, loaded once per fuzzing process; every run works on a copy (Qt's containers
// share it until the run writes).
const SandboxData &seedData()
{
    static const SandboxData data = [] {
        crmdesk::fuzz::application();
        QString error;
        std::optional<SandboxData> loaded =
            SandboxData::load(Schema::bundled(), QStringLiteral(":/sandbox"), &error);
        if (!loaded)
            std::abort(); // the bundled seed data must load, or nothing below is reached
        return std::move(*loaded);
    }();
    return data;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crmdesk::fuzz::InputReader input(crmdesk::fuzz::inputBytes(data, size));
    const QByteArray requestLine = input.line();
    const qsizetype space = requestLine.indexOf(' ');
    const QByteArray method = space < 0 ? requestLine : requestLine.left(space);
    const QByteArray target = space < 0 ? QByteArray("/") : requestLine.mid(space + 1);
    RawHeaders headers;
    while (!input.atEnd()) {
        const QByteArray line = input.line();
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        headers.append({line.left(colon < 0 ? line.size() : colon).trimmed(),
                        colon < 0 ? QByteArray() : line.mid(colon + 1).trimmed()});
    }
    const QByteArray body = input.rest();

    // The transport's checks and parsing (LoopbackHttpServer), without the socket.
    QByteArray host;
    for (const auto &header : std::as_const(headers)) {
        if (header.first.compare("host", Qt::CaseInsensitive) == 0)
            host = header.second;
    }
    (void)LoopbackHttpServer::isLoopbackHost(host);
    const QUrl url = QUrl::fromEncoded(target);
    const SandboxRequest request = SandboxRequest::fromWire(
        method, url.path(QUrl::FullyEncoded).toLatin1(), url.query(QUrl::FullyEncoded).toLatin1(),
        headers, body);

    // The "large" fault pads a reply to up to 500 MB on purpose (README: faults); left out, so
    // that every run stays fast and within libFuzzer's memory limit.
    const QString largeAccount = QStringLiteral("fa017000-0000-4000-8000-000000000413");
    if (request.header("x-sandbox-fault").toLower().contains("large")
        || request.query.value(u"integrated_account_id").toString() == largeAccount
        || request.path.contains(largeAccount))
        return 0;

    SandboxData state = seedData();
    SandboxApi api(state, [](const Account &, const QString &, const QString &) {});
    api.addToken(QStringLiteral("fuzz-token"));
    if (request.header("x-fuzz-strict") == "1")
        api.setStrictQuery(true);
    const SandboxReply reply = api.handle(request);
    if (reply.status < 100 || reply.status > 599)
        std::abort(); // every answer carries a real HTTP status
    // To read a reply (a crash's input, or to capture seeds): CRMDESK_FUZZ_PRINT_REPLY=1.
    if (qEnvironmentVariableIsSet("CRMDESK_FUZZ_PRINT_REPLY"))
        qInfo("%d\n%s", reply.status, reply.body.constData());
    // A client may send a PATCH twice with the same Idempotency-Key (contract §9).
    if (request.method == "PATCH")
        (void)api.handle(request);
    return 0;
}
