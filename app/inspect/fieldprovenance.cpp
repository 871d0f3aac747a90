#include "inspect/fieldprovenance.h"

#include "inspect/jsonpath.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace crmdesk {

namespace {

struct Leaf
{
    QString path;
    QJsonValue value;
};

// Scalars and empty containers, depth first, in document order. Iterative: no depth limit.
QList<Leaf> leavesOf(const QJsonValue &root)
{
    QList<Leaf> leaves;
    QList<Leaf> stack{{QString(), root}};
    while (!stack.isEmpty()) {
        const Leaf here = stack.takeLast();
        if (here.value.isObject() && !here.value.toObject().isEmpty()) {
            const QJsonObject object = here.value.toObject();
            const QStringList keys = object.keys();
            for (auto it = keys.crbegin(); it != keys.crend(); ++it)
                stack.append({jsonpath::appendKey(here.path, *it), object.value(*it)});
        } else if (here.value.isArray() && !here.value.toArray().isEmpty()) {
            const QJsonArray array = here.value.toArray();
            for (qsizetype i = array.size() - 1; i >= 0; --i)
                stack.append({jsonpath::appendIndex(here.path, int(i)), array.at(i)});
        } else if (!here.path.isEmpty()) {
            leaves.append(here);
        }
    }
    return leaves;
}

QString withWildcards(const QString &path)
{
    static const QRegularExpression index(QStringLiteral("\\[\\d+\\]"));
    QString out = path;
    return out.replace(index, QStringLiteral("[*]"));
}

QString normalizedPath(const QString &path)
{
    QString text = path.trimmed();
    text.replace(QStringLiteral("[]"), QStringLiteral("[*]"));
    const bool wildcard = text.contains(QStringLiteral("[*]"));
    if (wildcard)
        text.replace(QStringLiteral("[*]"), QStringLiteral("[0]"));
    const std::optional<JsonPath> parsed = jsonpath::parse(text);
    const QString formatted = parsed ? jsonpath::format(*parsed) : path.trimmed();
    return wildcard ? withWildcards(formatted) : formatted;
}

// raw path covers leaf when they are equal or leaf lies under it.
bool covers(const QString &rawPath, const QString &leaf)
{
    return leaf == rawPath
           || (leaf.startsWith(rawPath)
               && (leaf.at(rawPath.size()) == u'.' || leaf.at(rawPath.size()) == u'['));
}

} // namespace

QString FieldProvenance::matchKey(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number == 0 || number == 1)
            return {};
        return QStringLiteral("n:") + QString::number(number, 'g', 17);
    }
    if (!value.isString())
        return {};
    const QString text = value.toString().trimmed();
    if (text.isEmpty())
        return {};
    bool isNumber = false;
    const double number = text.toDouble(&isNumber);
    if (isNumber)
        return number == 0 || number == 1 ? QString() : QStringLiteral("n:") + QString::number(number, 'g', 17);
    if (text.size() >= 10 && text.at(4) == u'-' && text.at(7) == u'-') {
        QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!when.isValid())
            when = QDateTime::fromString(text, Qt::ISODate);
        if (when.isValid())
            return QStringLiteral("t:") + QString::number(when.toMSecsSinceEpoch());
    }
    if (text.size() < 2)
        return {};
    return QStringLiteral("s:") + text.toCaseFolded();
}

FieldProvenance FieldProvenance::compute(const QJsonValue &unified, const QJsonValue &raw,
                                         const QHash<QString, QString> &mapping)
{
    FieldProvenance result;
    const QList<Leaf> unifiedLeaves = leavesOf(unified);
    const QList<Leaf> rawLeaves = leavesOf(raw);

    QHash<QString, QString> normalizedMapping;
    for (auto it = mapping.cbegin(); it != mapping.cend(); ++it)
        normalizedMapping.insert(normalizedPath(it.key()), normalizedPath(it.value()));

    QMultiHash<QString, int> rawByKey;
    QHash<QString, int> rawOrder;
    for (int i = 0; i < rawLeaves.size(); ++i) {
        result.m_rawLeaves << rawLeaves.at(i).path;
        rawOrder.insert(rawLeaves.at(i).path, i);
        const QString key = matchKey(rawLeaves.at(i).value);
        if (!key.isEmpty())
            rawByKey.insert(key, i);
    }

    QSet<QString> shown;
    for (const Leaf &leaf : unifiedLeaves) {
        // The mapping may name the field, one of its ancestors, or either with [*].
        QString mapped;
        JsonPath steps = jsonpath::parse(leaf.path).value_or(JsonPath());
        while (!steps.isEmpty() && mapped.isEmpty()) {
            const QString candidate = jsonpath::format(steps);
            mapped = normalizedMapping.value(candidate, normalizedMapping.value(withWildcards(candidate)));
            steps.removeLast();
        }
        if (!mapped.isEmpty()) {
            for (const Leaf &rawLeaf : rawLeaves) {
                if (covers(mapped, rawLeaf.path)) {
                    result.m_links.append({leaf.path, rawLeaf.path, Reason::Mapping});
                    shown.insert(rawLeaf.path);
                }
            }
        }
        const QString key = matchKey(leaf.value);
        if (key.isEmpty())
            continue;
        QList<int> matches = rawByKey.values(key);
        std::sort(matches.begin(), matches.end());
        for (const int i : matches) {
            const Link link{leaf.path, rawLeaves.at(i).path, Reason::Value};
            if (!result.m_links.contains(Link{leaf.path, link.rawPath, Reason::Mapping}))
                result.m_links.append(link);
            shown.insert(link.rawPath);
        }
    }
    for (const Leaf &rawLeaf : rawLeaves) {
        if (!shown.contains(rawLeaf.path))
            result.m_unmapped << rawLeaf.path;
    }
    return result;
}

QStringList FieldProvenance::rawPathsFor(const QString &unifiedPath) const
{
    QStringList mapped;
    QStringList byValue;
    for (const Link &link : m_links) {
        if (link.unifiedPath != unifiedPath)
            continue;
        (link.reason == Reason::Mapping ? mapped : byValue) << link.rawPath;
    }
    return mapped + byValue;
}

QStringList FieldProvenance::unifiedPathsFor(const QString &rawPath) const
{
    QStringList paths;
    for (const Link &link : m_links) {
        if (link.rawPath == rawPath && !paths.contains(link.unifiedPath))
            paths << link.unifiedPath;
    }
    return paths;
}

} // namespace crmdesk
