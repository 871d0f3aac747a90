#pragma once

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QMultiHash>
#include <QString>
#include <QStringList>

namespace crmdesk {

// Which raw values a unified field came from (product §6 item 4). Two sources of evidence:
// a provider mapping "unified path -> raw path" where one is known, and equal values.
// Paths are relative to each record: unified "email_addresses[0].email", raw
// "properties.email". Mapping keys may use [*] for any array position.
class FieldProvenance
{
public:
    enum class Reason { Mapping, Value };
    struct Link
    {
        QString unifiedPath;
        QString rawPath;
        Reason reason = Reason::Value;
        bool operator==(const Link &other) const = default;
    };

    // unified: the unified record without remote_data; raw: the provider's record.
    static FieldProvenance compute(const QJsonValue &unified, const QJsonValue &raw,
                                   const QHash<QString, QString> &mapping = {});

    const QList<Link> &links() const { return m_links; }
    // Mapping links first, then value matches, in raw document order.
    QStringList rawPathsFor(const QString &unifiedPath) const;
    QStringList unifiedPathsFor(const QString &rawPath) const;
    // Raw leaves that no unified field shows, in document order.
    const QStringList &unmappedRawPaths() const { return m_unmapped; }
    const QStringList &rawLeaves() const { return m_rawLeaves; }

    // Equal values compare equal after this: trimmed, case-folded strings; numbers in one
    // form whether sent as 42 or "42"; timestamps as instants ("…00Z" == "…00.000Z").
    // Empty for values too common to say anything (null, booleans, "", 0, 1).
    static QString matchKey(const QJsonValue &value);

private:
    QList<Link> m_links;
    QStringList m_unmapped;
    QStringList m_rawLeaves;
};

} // namespace crmdesk
