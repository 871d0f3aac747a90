// The schema loader (app/schema) over mutated schema files: Schema::loadFrom reading a folder
// that holds one damaged <resource>.json, then everything the editor asks of a loaded resource
// (providers, each provider's policy, field states and look-ups).
//
// Input: the bytes of one schema file (seeds: resources/schema/*.json).

#include "fuzzsupport.h"

#include "schema/schema.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace crmdesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crmdesk::fuzz::application();
    // One private folder per fuzzing process, rewritten by every run.
    static const QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("resource.json"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        file.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    QString error;
    const std::optional<Schema> schema = Schema::loadFrom(folder.path(), &error);
    if (!schema)
        return 0;
    (void)schema->providers();
    for (const QString &name : schema->resources()) {
        const ResourceSchema *resource = schema->resource(name);
        if (!resource)
            continue;
        QStringList providers = resource->allProviders();
        providers.append(QString()); // "any provider"
        int budget = 8;              // policies per input: each walks every field
        for (const QString &provider : providers) {
            if (budget-- == 0)
                break;
            (void)resource->canonicalProvider(provider);
            (void)resource->policyFor(provider);
            for (Section section :
                 {Section::Query, Section::TrutoQuery, Section::Body, Section::Response}) {
                const auto states = resource->statesOf(section, provider);
                for (qsizetype i = 0; i < states.size() && i < 64; ++i)
                    (void)resource->find(section, states.at(i).first->path);
            }
        }
        for (const QString &field : resource->formOrder)
            (void)resource->find(Section::Body, field);
    }
    return 0;
}
