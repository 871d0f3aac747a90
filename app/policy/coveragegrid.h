#pragma once

#include "schema/fieldstate.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace crmdesk {

class ResourceSchema;

// Fields × providers for one resource: what each provider does with each body field, and where
// that was learned (the bundled documentation, or a connected account's live rules). It answers
// "which of my fields work with Salesforce?" in one table, for the coverage view and its CSV.
class CoverageGrid
{
public:
    // Every body field (dotted paths, depth first) × every provider the documentation names.
    static CoverageGrid fromSchema(const ResourceSchema &schema);

    // Replaces one provider's column with an account's live rules (EditPolicy's fields, merged
    // from meta/update): its cells then say StateOrigin::LiveAccount. A provider the grid does
    // not list yet gets a column of its own.
    void applyLive(const FieldPolicy &live);

    const QString &resource() const { return m_resource; }
    const QStringList &fields() const { return m_fields; }
    const QStringList &providers() const { return m_providers; }
    const FieldState &cell(int field, int provider) const;

    // "required", "supported", "unsupported" or "unknown".
    static QString stateWord(const FieldState &state);
    // One header row (field, then each provider), then a row per field with stateWord, and
    // " (live)" where the account said so. Values are quoted as RFC 4180 asks.
    QByteArray toCsv() const;

private:
    QString m_resource;
    QStringList m_fields;
    QStringList m_providers;
    QList<QList<FieldState>> m_cells; // [field][provider]
};

} // namespace crmdesk
