#include "policy/coveragegrid.h"

#include "schema/resourceschema.h"

namespace crmdesk {

namespace {

QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (!bytes.contains(',') && !bytes.contains('"') && !bytes.contains('\n'))
        return bytes;
    bytes.replace("\"", "\"\"");
    return '"' + bytes + '"';
}

} // namespace

CoverageGrid CoverageGrid::fromSchema(const ResourceSchema &schema)
{
    CoverageGrid grid;
    grid.m_resource = schema.name;
    grid.m_providers = schema.allProviders();
    for (const auto &[field, state] : schema.statesOf(Section::Body, QString()))
        grid.m_fields.append(field->path);
    grid.m_cells.resize(grid.m_fields.size());
    for (int p = 0; p < grid.m_providers.size(); ++p) {
        const FieldPolicy policy = schema.policyFor(grid.m_providers.at(p));
        for (int f = 0; f < grid.m_fields.size(); ++f)
            grid.m_cells[f].append(policy.state(grid.m_fields.at(f)));
    }
    return grid;
}

void CoverageGrid::applyLive(const FieldPolicy &live)
{
    qsizetype column = -1;
    for (qsizetype p = 0; p < m_providers.size(); ++p) {
        if (m_providers.at(p).compare(live.provider(), Qt::CaseInsensitive) == 0)
            column = p;
    }
    if (column < 0) {
        column = m_providers.size();
        m_providers.append(live.provider());
        for (QList<FieldState> &row : m_cells)
            row.append(FieldState());
    }
    for (int f = 0; f < m_fields.size(); ++f) {
        if (live.contains(m_fields.at(f)))
            m_cells[f][column] = live.state(m_fields.at(f));
    }
}

const FieldState &CoverageGrid::cell(int field, int provider) const
{
    return m_cells.at(field).at(provider);
}

QString CoverageGrid::stateWord(const FieldState &state)
{
    if (state.support == Support::Supported)
        return state.required ? QStringLiteral("required") : QStringLiteral("supported");
    return state.support == Support::Unsupported ? QStringLiteral("unsupported") : QStringLiteral("unknown");
}

QByteArray CoverageGrid::toCsv() const
{
    QByteArray csv = "field";
    for (const QString &provider : m_providers)
        csv += ',' + csvField(provider);
    csv += "\r\n";
    for (int f = 0; f < m_fields.size(); ++f) {
        csv += csvField(m_fields.at(f));
        for (int p = 0; p < m_providers.size(); ++p) {
            const FieldState &state = cell(f, p);
            csv += ',' + csvField(stateWord(state)
                                  + (state.origin == StateOrigin::LiveAccount ? QStringLiteral(" (live)") : QString()));
        }
        csv += "\r\n";
    }
    return csv;
}

} // namespace crmdesk
