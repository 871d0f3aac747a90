#include "cli/commandline.h"

#include "schema/schema.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace crmdesk {

namespace {
QCommandLineOption listProvidersOption()
{
    return {QStringLiteral("list-providers"),
            QStringLiteral("List the CRM providers (of RESOURCE when given) and exit.")};
}
QCommandLineOption describeOption()
{
    return {QStringLiteral("describe"),
            QStringLiteral("Describe every parameter and field of RESOURCE for a provider."),
            QStringLiteral("RESOURCE")};
}
QCommandLineOption providerOption()
{
    return {QStringLiteral("provider"), QStringLiteral("The provider for --describe."),
            QStringLiteral("NAME")};
}
QCommandLineOption jsonOption()
{
    return {QStringLiteral("json"), QStringLiteral("Print --describe as JSON.")};
}
QCommandLineOption sandboxOption()
{
    return {QStringLiteral("sandbox"),
            QStringLiteral("Run only the embedded sandbox server, headless, until interrupted.")};
}
QCommandLineOption portOption()
{
    return {QStringLiteral("port"), QStringLiteral("Port for --sandbox (default: any free port)."),
            QStringLiteral("N")};
}
QCommandLineOption sandboxDataOption()
{
    return {QStringLiteral("sandbox-data"),
            QStringLiteral("Keep the sandbox's edits in DIR across restarts."),
            QStringLiteral("DIR")};
}

QCommandLineOption sandboxTokenOption()
{
    return {QStringLiteral("sandbox-token"),
            QStringLiteral("Also accept this bearer token in --sandbox (for scripts that have one)."),
            QStringLiteral("TOKEN")};
}

QCommandLineOption startupProfileOption()
{
    return {QStringLiteral("startup-profile"),
            QStringLiteral("Open the editor, print where start-up time went once the accounts are "
                           "listed, and quit.")};
}

QCommandLineOption bulkOption()
{
    return {QStringLiteral("bulk"),
            QStringLiteral("Edit records in bulk from a CSV file, headless (README: Bulk edit from CSV)."),
            QStringLiteral("FILE")};
}
QCommandLineOption resourceOption()
{
    return {QStringLiteral("resource"), QStringLiteral("The resource --bulk edits (contacts, ...)."),
            QStringLiteral("RESOURCE")};
}
QCommandLineOption accountOption()
{
    return {QStringLiteral("account"), QStringLiteral("The integrated account --bulk edits."),
            QStringLiteral("ID")};
}
QCommandLineOption dryRunOption()
{
    return {QStringLiteral("dry-run"),
            QStringLiteral("With --bulk: check every row and list the problems; send nothing.")};
}
QCommandLineOption reportOption()
{
    return {QStringLiteral("report"), QStringLiteral("With --bulk: write the per-row report as CSV."),
            QStringLiteral("OUT.csv")};
}
QCommandLineOption baseUrlOption()
{
    return {QStringLiteral("base-url"),
            QStringLiteral("With --bulk: send to this server, with the token from the environment "
                           "variable CRMDESK_TOKEN, instead of the configured connection."),
            QStringLiteral("URL")};
}

QString sectionLabel(Section section)
{
    switch (section) {
    case Section::Query:
        return QStringLiteral("resource query parameter");
    case Section::TrutoQuery:
        return QStringLiteral("Truto query parameter");
    case Section::Body:
        return QStringLiteral("body field");
    case Section::Response:
        break;
    }
    return QStringLiteral("response field");
}

QJsonObject describeField(const FieldSpec &field, const FieldState &state, Section section)
{
    QJsonObject out{{QStringLiteral("path"), field.path},
                    {QStringLiteral("state"), toString(state.support)},
                    {QStringLiteral("required"), state.required},
                    {QStringLiteral("type"), field.type},
                    {QStringLiteral("reason"), state.reason},
                    {QStringLiteral("kind"), sectionLabel(section)}};
    if (!field.format.isEmpty())
        out.insert(QStringLiteral("format"), field.format);
    if (!field.description.isEmpty())
        out.insert(QStringLiteral("description"), field.description);
    if (!state.enumValues.isEmpty())
        out.insert(QStringLiteral("enum"), QJsonArray::fromStringList(state.enumValues));
    if (!field.references.isEmpty())
        out.insert(QStringLiteral("references"), field.references);
    if (field.apiRequired)
        out.insert(QStringLiteral("api_required"), true);
    if (field.unnamed)
        out.insert(QStringLiteral("unnamed"), true);
    return out;
}

QJsonArray describeSections(const ResourceSchema &schema, std::initializer_list<Section> sections,
                            const QString &provider)
{
    QJsonArray out;
    for (Section section : sections) {
        for (const auto &[field, state] : schema.statesOf(section, provider))
            out.append(describeField(*field, state, section));
    }
    return out;
}

void printTable(QTextStream &out, const QString &title, const QJsonArray &rows)
{
    out << title << '\n';
    for (const QJsonValue &value : rows) {
        const QJsonObject row = value.toObject();
        const QString path = row.value(QLatin1String("path")).toString();
        out << "  " << path.leftJustified(34) << ' '
            << row.value(QLatin1String("state")).toString().leftJustified(11) << ' '
            << (row.value(QLatin1String("required")).toBool() ? "required " : "         ")
            << row.value(QLatin1String("reason")).toString() << '\n';
    }
}

const ResourceSchema *resourceOrError(const Schema &schema, const QString &name, QTextStream &err)
{
    const ResourceSchema *resource = schema.resource(name);
    if (!resource) {
        err << "crmdesk: unknown resource \"" << name << "\". Valid resources: "
            << schema.resources().join(QLatin1String(", ")) << '\n';
    }
    return resource;
}
} // namespace

CommandLine CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("CRM Desk edits CRM records through Truto's Unified CRM API.\n"
                       "Without options it opens the editor on the embedded sandbox."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const auto listProviders = listProvidersOption();
    const auto describeResource = describeOption();
    const auto provider = providerOption();
    const auto json = jsonOption();
    const auto sandbox = sandboxOption();
    const auto port = portOption();
    const auto sandboxData = sandboxDataOption();
    const auto sandboxToken = sandboxTokenOption();
    const auto startupProfile = startupProfileOption();
    const auto bulk = bulkOption();
    const auto resource = resourceOption();
    const auto account = accountOption();
    const auto dryRun = dryRunOption();
    const auto report = reportOption();
    const auto baseUrl = baseUrlOption();
    parser.addOptions({listProviders, describeResource, provider, json, sandbox, port, sandboxData,
                       sandboxToken, startupProfile, bulk, resource, account, dryRun, report, baseUrl});
    parser.addPositionalArgument(QStringLiteral("RESOURCE"),
                                 QStringLiteral("With --list-providers: only this resource's."),
                                 QStringLiteral("[RESOURCE]"));

    CommandLine result;
    // Parsing may happen before any application object exists (and Qt then prints a
    // placeholder), so the usage line names the program itself.
    result.helpText = parser.helpText();
    const QString usage = QStringLiteral("Usage: ");
    if (result.helpText.startsWith(usage)) {
        const qsizetype nameEnd = result.helpText.indexOf(u' ', usage.size());
        result.helpText.replace(usage.size(), nameEnd - usage.size(), QStringLiteral("crmdesk"));
    }
    auto fail = [&result](const QString &message) {
        result.mode = Mode::Error;
        result.error = message;
        return result;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help)) {
        result.mode = Mode::Help;
        return result;
    }
    if (parser.isSet(version)) {
        result.mode = Mode::Version;
        return result;
    }
    result.json = parser.isSet(json);
    result.provider = parser.value(provider);
    result.sandboxDataDir = parser.value(sandboxData);
    result.sandboxToken = parser.value(sandboxToken);
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535)
            return fail(QStringLiteral("--port takes a number from 0 to 65535"));
        result.port = quint16(value);
    }
    const QStringList positional = parser.positionalArguments();
    const int modes = int(parser.isSet(listProviders)) + int(parser.isSet(describeResource))
                      + int(parser.isSet(sandbox)) + int(parser.isSet(bulk));
    if (modes > 1)
        return fail(QStringLiteral("--list-providers, --describe, --sandbox and --bulk exclude each other"));
    const bool bulkOnly = parser.isSet(resource) || parser.isSet(account) || parser.isSet(dryRun)
                          || parser.isSet(report) || parser.isSet(baseUrl);
    if (bulkOnly && !parser.isSet(bulk))
        return fail(QStringLiteral("--resource, --account, --dry-run, --report and --base-url go with --bulk"));
    if (parser.isSet(bulk)) {
        if (!positional.isEmpty())
            return fail(QStringLiteral("Unexpected argument \"%1\"").arg(positional.first()));
        if (!parser.isSet(resource) || !parser.isSet(account))
            return fail(QStringLiteral("--bulk FILE needs --resource RESOURCE and --account ID"));
        result.mode = Mode::Bulk;
        result.bulkFile = parser.value(bulk);
        result.resource = parser.value(resource);
        result.accountId = parser.value(account);
        result.dryRun = parser.isSet(dryRun);
        result.reportPath = parser.value(report);
        result.baseUrl = parser.value(baseUrl);
        return result;
    }
    result.startupProfile = parser.isSet(startupProfile);
    if (result.startupProfile && modes > 0)
        return fail(QStringLiteral("--startup-profile goes with the editor only"));
    if (parser.isSet(listProviders)) {
        if (positional.size() > 1)
            return fail(QStringLiteral("--list-providers takes at most one RESOURCE"));
        result.mode = Mode::ListProviders;
        result.resource = positional.value(0);
        return result;
    }
    if (!positional.isEmpty())
        return fail(QStringLiteral("Unexpected argument \"%1\"").arg(positional.first()));
    if (parser.isSet(describeResource)) {
        if (result.provider.isEmpty())
            return fail(QStringLiteral("--describe needs --provider NAME"));
        result.mode = Mode::Describe;
        result.resource = parser.value(describeResource);
        return result;
    }
    if (parser.isSet(provider) || result.json)
        return fail(QStringLiteral("--provider and --json go with --describe"));
    if (parser.isSet(sandbox)) {
        result.mode = Mode::Sandbox;
        return result;
    }
    if (parser.isSet(port) || parser.isSet(sandboxData) || parser.isSet(sandboxToken))
        return fail(QStringLiteral("--port, --sandbox-data and --sandbox-token go with --sandbox"));
    return result;
}

int listProviders(const Schema &schema, const QString &resourceName, QTextStream &out,
                  QTextStream &err)
{
    QStringList providers;
    if (resourceName.isEmpty()) {
        providers = schema.providers();
    } else {
        const ResourceSchema *resource = resourceOrError(schema, resourceName, err);
        if (!resource)
            return kUsageExitCode;
        providers = resource->allProviders();
    }
    for (const QString &provider : providers)
        out << provider << '\n';
    return 0;
}

int describe(const Schema &schema, const QString &resourceName, const QString &providerName,
             bool json, QTextStream &out, QTextStream &err)
{
    const ResourceSchema *resource = resourceOrError(schema, resourceName, err);
    if (!resource)
        return kUsageExitCode;
    const std::optional<QString> provider = resource->canonicalProvider(providerName);
    if (!provider) {
        // A provider known for other resources is a different mistake from a typo.
        if (schema.providers().contains(providerName, Qt::CaseInsensitive))
            err << "crmdesk: the documentation lists no update of " << resource->name << " for "
                << providerName;
        else
            err << "crmdesk: unknown provider \"" << providerName << '"';
        err << ". Valid providers for " << resource->name << ": "
            << resource->allProviders().join(QLatin1String(", ")) << '\n';
        return kUsageExitCode;
    }
    const QJsonArray query =
        describeSections(*resource, {Section::Query, Section::TrutoQuery}, *provider);
    const QJsonArray fields = describeSections(*resource, {Section::Body}, *provider);
    const QJsonArray response = describeSections(*resource, {Section::Response}, *provider);
    QJsonArray rules;
    for (const ResourceRule &rule : resource->rules) {
        rules.append(QJsonObject{{QStringLiteral("kind"), rule.kind},
                                 {QStringLiteral("fields"), QJsonArray::fromStringList(rule.fields)},
                                 {QStringLiteral("message"), rule.message}});
    }
    if (json) {
        const QJsonObject document{{QStringLiteral("resource"), resource->name},
                                   {QStringLiteral("provider"), *provider},
                                   {QStringLiteral("query"), query},
                                   {QStringLiteral("fields"), fields},
                                   {QStringLiteral("response"), response},
                                   {QStringLiteral("rules"), rules}};
        out << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
        return 0;
    }
    out << resource->label << " for " << *provider << " (PATCH /unified/crm/" << resource->name
        << "/{id})\n\n";
    printTable(out, QStringLiteral("Query parameters"), query);
    out << '\n';
    printTable(out, QStringLiteral("Body fields"), fields);
    for (const ResourceRule &rule : resource->rules)
        out << "\nRule: " << rule.message << '\n';
    return 0;
}

} // namespace crmdesk
