#pragma once

#include <QString>
#include <QStringList>

class QTextStream;

namespace crmdesk {

class Schema;

// What the user asked for on the command line.
struct CommandLine
{
    enum class Mode { Gui, Help, Version, ListProviders, Describe, Sandbox, Bulk, Error };

    Mode mode = Mode::Gui;
    QString resource;
    QString provider;
    bool json = false;
    quint16 port = 0;
    QString sandboxDataDir;
    QString sandboxToken; // accepted besides the one the sandbox makes up
    // --bulk FILE --resource R --account ID [--dry-run] [--report OUT.csv] [--base-url URL]
    QString bulkFile;
    QString accountId;
    bool dryRun = false;
    QString reportPath;
    QString baseUrl; // with the token from CRMDESK_TOKEN, instead of the configured connection
    bool startupProfile = false; // the editor prints where start-up time went, then quits
    QString error;    // for Mode::Error
    QString helpText; // for Mode::Help and errors

    static CommandLine parse(const QStringList &arguments);
    bool needsDisplay() const { return mode == Mode::Gui; }
};

// The exit code for a usage error or an unknown name, as scripts expect.
constexpr int kUsageExitCode = 2;

// `--list-providers [RESOURCE]`: one provider per line.
int listProviders(const Schema &schema, const QString &resource, QTextStream &out,
                  QTextStream &err);
// `--describe RESOURCE --provider NAME [--json]`: every query parameter and body field with
// its state for the provider.
int describe(const Schema &schema, const QString &resource, const QString &provider, bool json,
             QTextStream &out, QTextStream &err);

} // namespace crmdesk
