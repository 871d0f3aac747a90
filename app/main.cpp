#include "cli/commandline.h"
#include "schema/schema.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("crmdesk"));
    QCoreApplication::setApplicationName(QStringLiteral("crmdesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CRMDESK_VERSION));

    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const crmdesk::CommandLine commandLine = crmdesk::CommandLine::parse(arguments);

    QTextStream out(stdout);
    QTextStream err(stderr);
    using Mode = crmdesk::CommandLine::Mode;
    switch (commandLine.mode) {
    case Mode::Error:
        err << "crmdesk: " << commandLine.error << "\n\n" << commandLine.helpText;
        return crmdesk::kUsageExitCode;
    case Mode::Help:
        out << commandLine.helpText;
        return 0;
    case Mode::Version:
        out << "crmdesk " << QCoreApplication::applicationVersion() << '\n';
        return 0;
    case Mode::ListProviders: {
        QCoreApplication app(argc, argv);
        return crmdesk::listProviders(crmdesk::Schema::bundled(), commandLine.resource, out, err);
    }
    case Mode::Describe: {
        QCoreApplication app(argc, argv);
        return crmdesk::describe(crmdesk::Schema::bundled(), commandLine.resource,
                                 commandLine.provider, commandLine.json, out, err);
    }
    case Mode::Sandbox:
    case Mode::Gui:
        break;
    }
    err << "crmdesk: not available yet\n";
    return 1;
}
