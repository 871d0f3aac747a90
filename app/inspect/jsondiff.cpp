#include "inspect/jsondiff.h"

#include "inspect/inspectorformat.h"
#include "inspect/jsonpath.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <cstring>

#include <vector>

namespace crmdesk {

namespace {

struct Value
{
    qint64 begin = -1;
    qint64 end = -1;
    int container = -1;
    JsonType type = JsonType::Null;
    bool exists() const { return begin >= 0; }
};

Value valueOf(const JsonChild &child)
{
    return {child.valueBegin, child.valueEnd, child.container, child.type};
}

// A unit of work: compare two values, or report one that only one side has.
struct Work
{
    QString path;
    Value before;
    Value after;
};

QString summary(const JsonIndex &index, const Value &value)
{
    constexpr qsizetype MaxChars = 300;
    switch (value.type) {
    case JsonType::Object:
        return inspectorformat::plural(index.container(value.container).childCount,
                                       QT_TRANSLATE_NOOP("inspectorformat", "{…} %1 key"),
                                       QT_TRANSLATE_NOOP("inspectorformat", "{…} %1 keys"));
    case JsonType::Array:
        return inspectorformat::plural(index.container(value.container).childCount,
                                       QT_TRANSLATE_NOOP("inspectorformat", "[…] %1 item"),
                                       QT_TRANSLATE_NOOP("inspectorformat", "[…] %1 items"));
    case JsonType::String: {
        const QString text = index.decodeString(value.begin, value.end);
        return QLatin1Char('"') + (text.size() > MaxChars ? text.left(MaxChars) + u'…' : text)
               + QLatin1Char('"');
    }
    default:
        return index.scalarText(value.begin, value.end);
    }
}

bool sameScalar(const JsonIndex &a, const Value &x, const JsonIndex &b, const Value &y)
{
    const qint64 lengthX = x.end - x.begin;
    const qint64 lengthY = y.end - y.begin;
    if (lengthX == lengthY
        && std::memcmp(a.bytes().constData() + x.begin, b.bytes().constData() + y.begin, size_t(lengthX)) == 0)
        return true;
    if (x.type == JsonType::String)
        return a.decodeString(x.begin, x.end) == b.decodeString(y.begin, y.end); // escapes differ
    if (x.type == JsonType::Number) // 1.0 and 1, 1e2 and 100
        return a.scalarText(x.begin, x.end).toDouble() == b.scalarText(y.begin, y.end).toDouble();
    return false;
}

std::vector<JsonChild> childrenOf(const JsonIndex &index, int container)
{
    std::vector<JsonChild> children;
    children.reserve(size_t(index.container(container).childCount));
    JsonChildIterator it(&index, container);
    JsonChild child;
    while (it.next(&child))
        children.push_back(child);
    return children;
}

// The scalar "id" of every element, when all elements are objects with distinct ids.
bool idsOf(const JsonIndex &index, const std::vector<JsonChild> &elements, QStringList *ids)
{
    QHash<QString, int> seen;
    for (const JsonChild &element : elements) {
        if (element.type != JsonType::Object)
            return false;
        JsonChildIterator it(&index, element.container);
        JsonChild field;
        QString id;
        bool found = false;
        while (it.next(&field)) {
            if (index.decodeString(field.keyBegin, field.keyEnd) == QLatin1String("id")) {
                if (field.container >= 0 || field.type == JsonType::Null)
                    return false;
                id = index.scalarText(field.valueBegin, field.valueEnd);
                found = true;
                break;
            }
        }
        if (!found || seen.contains(id))
            return false;
        seen.insert(id, 0);
        ids->append(id);
    }
    return true;
}

} // namespace

JsonDiff::Result JsonDiff::compare(const JsonIndex &before, const JsonIndex &after,
                                   const Options &options, const std::atomic_bool *cancel)
{
    Result result;
    if (!before.isValid() || !after.isValid())
        return result;

    const auto add = [&result, &options](JsonDifference::Kind kind, const QString &path,
                                         const QString &was, const QString &now) {
        if (result.differences.size() >= options.maxDifferences) {
            result.truncated = true;
            return;
        }
        result.differences.append({kind, path, was, now});
        switch (kind) {
        case JsonDifference::Kind::Added:
            ++result.added;
            break;
        case JsonDifference::Kind::Removed:
            ++result.removed;
            break;
        case JsonDifference::Kind::Changed:
            ++result.changed;
            break;
        }
    };

    std::vector<Work> stack;
    stack.push_back({QString(),
                     {before.rootBegin(), before.rootEnd(), before.rootContainer(), before.rootType()},
                     {after.rootBegin(), after.rootEnd(), after.rootContainer(), after.rootType()}});
    quint32 steps = 0;
    while (!stack.empty() && !result.truncated) {
        if (cancel && (++steps & 0x3FF) == 0 && cancel->load(std::memory_order_relaxed))
            break;
        const Work work = std::move(stack.back());
        stack.pop_back();
        const QString shownPath = work.path.isEmpty() ? QStringLiteral("(root)") : work.path;
        if (!work.after.exists()) {
            add(JsonDifference::Kind::Removed, shownPath, summary(before, work.before), {});
            continue;
        }
        if (!work.before.exists()) {
            add(JsonDifference::Kind::Added, shownPath, {}, summary(after, work.after));
            continue;
        }
        if (work.before.type != work.after.type) {
            add(JsonDifference::Kind::Changed, shownPath, summary(before, work.before),
                summary(after, work.after));
            continue;
        }
        if (work.before.container < 0) {
            if (!sameScalar(before, work.before, after, work.after))
                add(JsonDifference::Kind::Changed, shownPath, summary(before, work.before),
                    summary(after, work.after));
            continue;
        }

        // Children in document order; pushed reversed so they come off the stack in order.
        std::vector<Work> next;
        const std::vector<JsonChild> left = childrenOf(before, work.before.container);
        const std::vector<JsonChild> right = childrenOf(after, work.after.container);
        if (work.before.type == JsonType::Object) {
            QHash<QString, size_t> rightByKey;
            for (size_t i = 0; i < right.size(); ++i)
                rightByKey.insert(after.decodeString(right[i].keyBegin, right[i].keyEnd), i);
            QHash<QString, bool> leftKeys;
            for (const JsonChild &child : left) {
                const QString key = before.decodeString(child.keyBegin, child.keyEnd);
                leftKeys.insert(key, true);
                const auto match = rightByKey.constFind(key);
                next.push_back({jsonpath::appendKey(work.path, key), valueOf(child),
                                match == rightByKey.cend() ? Value() : valueOf(right[*match])});
            }
            for (const JsonChild &child : right) {
                const QString key = after.decodeString(child.keyBegin, child.keyEnd);
                if (!leftKeys.contains(key))
                    next.push_back({jsonpath::appendKey(work.path, key), Value(), valueOf(child)});
            }
        } else {
            QStringList leftIds;
            QStringList rightIds;
            const bool byId = options.matchArraysById && !left.empty() && !right.empty()
                              && idsOf(before, left, &leftIds) && idsOf(after, right, &rightIds);
            if (byId) {
                // Paths name the position in the newer document; removed ones, the older.
                QHash<QString, int> rightById;
                for (int i = 0; i < rightIds.size(); ++i)
                    rightById.insert(rightIds.at(i), i);
                for (int i = 0; i < leftIds.size(); ++i) {
                    const int j = rightById.value(leftIds.at(i), -1);
                    next.push_back({jsonpath::appendIndex(work.path, j >= 0 ? j : i), valueOf(left[size_t(i)]),
                                    j >= 0 ? valueOf(right[size_t(j)]) : Value()});
                }
                const QSet<QString> leftSet(leftIds.cbegin(), leftIds.cend());
                for (int j = 0; j < rightIds.size(); ++j) {
                    if (!leftSet.contains(rightIds.at(j)))
                        next.push_back({jsonpath::appendIndex(work.path, j), Value(), valueOf(right[size_t(j)])});
                }
            } else {
                const size_t count = std::max(left.size(), right.size());
                for (size_t i = 0; i < count; ++i)
                    next.push_back({jsonpath::appendIndex(work.path, int(i)),
                                    i < left.size() ? valueOf(left[i]) : Value(),
                                    i < right.size() ? valueOf(right[i]) : Value()});
            }
        }
        for (auto it = next.rbegin(); it != next.rend(); ++it)
            stack.push_back(std::move(*it));
    }
    return result;
}

JsonDiff::Result JsonDiff::compare(const QByteArray &before, const QByteArray &after,
                                   const Options &options)
{
    return compare(JsonIndex::build(before), JsonIndex::build(after), options);
}

} // namespace crmdesk
