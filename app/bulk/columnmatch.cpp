#include "bulk/columnmatch.h"

#include "schema/resourceschema.h"

#include <QRegularExpression>

namespace crmdesk {

namespace {
const QLatin1String kCustomPrefix("custom_fields.");

QString normalised(const QString &header)
{
    QString out = header.trimmed().toLower();
    out.replace(u' ', u'_');
    out.replace(u'-', u'_');
    return out;
}

// "email_addresses.0.email" -> "email_addresses.email": the schema knows sub-fields without
// item indexes.
QString withoutIndexes(const QString &path)
{
    QStringList parts = path.split(u'.');
    for (qsizetype i = parts.size() - 1; i > 0; --i) {
        bool isNumber = false;
        parts.at(i).toInt(&isNumber);
        if (isNumber)
            parts.removeAt(i);
    }
    return parts.join(u'.');
}

bool hasCustomFields(const ResourceSchema &schema)
{
    return schema.find(Section::Body, QStringLiteral("custom_fields")) != nullptr;
}

void addTargets(const FieldSpec &field, QStringList &out)
{
    if (field.unnamed || field.isPassThrough() || field.name == QLatin1String("custom_fields"))
        return;
    out.append(field.path);
    for (const FieldSpec &child : field.children)
        addTargets(child, out);
}
} // namespace

QString ColumnMatch::target() const
{
    switch (kind) {
    case Kind::RecordId:
        return QStringLiteral("id");
    case Kind::Field:
        return path;
    case Kind::CustomField:
        return kCustomPrefix + path;
    case Kind::Ignored:
        break;
    }
    return {};
}

ColumnMatch matchTarget(const QString &header, const QString &target, const ResourceSchema &schema)
{
    ColumnMatch match;
    match.header = header;
    const QString name = normalised(target);
    if (name.isEmpty()) {
        match.note = QStringLiteral("ignored");
        return match;
    }
    if (name == QLatin1String("id")) {
        match.kind = ColumnMatch::Kind::RecordId;
        return match;
    }
    if (name.startsWith(kCustomPrefix) && name.size() > kCustomPrefix.size()) {
        if (!hasCustomFields(schema)) {
            match.note = QStringLiteral("%1 has no custom fields").arg(schema.name);
            return match;
        }
        match.kind = ColumnMatch::Kind::CustomField;
        // Custom field names are the account's own: keep their case.
        match.path = target.trimmed().mid(kCustomPrefix.size());
        return match;
    }
    static const QRegularExpression pathShape(QStringLiteral(R"(^[a-z0-9_]+(\.[a-z0-9_]+)*$)"));
    const FieldSpec *field = pathShape.match(name).hasMatch()
                                 ? schema.find(Section::Body, withoutIndexes(name))
                                 : nullptr;
    if (!field || field->unnamed || field->name == QLatin1String("id")) {
        match.note = QStringLiteral("no %1 field is called \"%2\"").arg(schema.name, target);
        return match;
    }
    // An item index is a position in a short list (a contact's e-mail addresses): a huge one is
    // a typo, and would make every row's body a list of that many empty items (fuzzing found a
    // dry run of one such column taking over 10 s).
    for (const QString &part : name.split(u'.')) {
        bool isIndex = false;
        const int index = part.toInt(&isIndex);
        if (isIndex && index > kMaxItemIndex) {
            match.note = QStringLiteral("item %1 is past the last one a column may name (%2)").arg(index).arg(kMaxItemIndex);
            return match;
        }
    }
    match.kind = ColumnMatch::Kind::Field;
    match.path = name;
    return match;
}

ColumnMatch matchColumn(const QString &header, const ResourceSchema &schema)
{
    return matchTarget(header, header, schema);
}

QList<ColumnMatch> matchColumns(const QStringList &header, const ResourceSchema &schema)
{
    QList<ColumnMatch> out;
    out.reserve(header.size());
    bool idSeen = false;
    for (const QString &name : header) {
        ColumnMatch match = matchColumn(name, schema);
        // Two id columns would make the record ambiguous: the first one wins.
        if (match.kind == ColumnMatch::Kind::RecordId) {
            if (idSeen) {
                match.kind = ColumnMatch::Kind::Ignored;
                match.note = QStringLiteral("a second id column");
            }
            idSeen = true;
        }
        out.append(match);
    }
    return out;
}

QStringList columnTargets(const ResourceSchema &schema)
{
    QStringList out{QStringLiteral("id")};
    for (const FieldSpec &field : schema.body) {
        if (field.name != QLatin1String("id"))
            addTargets(field, out);
    }
    return out;
}

} // namespace crmdesk
