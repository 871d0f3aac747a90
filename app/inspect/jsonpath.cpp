#include "inspect/jsonpath.h"

namespace crmdesk::jsonpath {

namespace {

bool needsQuoting(const QString &key)
{
    if (key.isEmpty())
        return true;
    for (const QChar c : key) {
        if (c == u'.' || c == u'[' || c == u']' || c == u'"' || c == u'\'' || c.isSpace())
            return true;
    }
    return false;
}

QString quoted(const QString &key)
{
    QString escaped = key;
    escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    return QStringLiteral("[\"") + escaped + QStringLiteral("\"]");
}

} // namespace

std::optional<JsonPath> parse(const QString &text)
{
    const QString s = text.trimmed();
    qsizetype i = 0;
    const qsizetype n = s.size();
    if (i < n && s.at(i) == u'$')
        ++i;
    JsonPath path;
    bool expectKey = false; // after a '.', a key must follow
    while (i < n) {
        const QChar c = s.at(i);
        if (c == u'.') {
            if (expectKey)
                return std::nullopt;
            expectKey = true;
            ++i;
            continue;
        }
        if (c == u'[') {
            if (expectKey)
                return std::nullopt;
            ++i;
            if (i < n && (s.at(i) == u'"' || s.at(i) == u'\'')) {
                const QChar quote = s.at(i++);
                QString key;
                while (i < n && s.at(i) != quote) {
                    if (s.at(i) == u'\\' && i + 1 < n)
                        ++i;
                    key += s.at(i++);
                }
                if (i >= n)
                    return std::nullopt;
                ++i; // closing quote
                if (i >= n || s.at(i) != u']')
                    return std::nullopt;
                ++i;
                path.append({key, -1});
                continue;
            }
            const qsizetype start = i;
            while (i < n && s.at(i).isDigit())
                ++i;
            if (i == start || i >= n || s.at(i) != u']')
                return std::nullopt;
            bool ok = false;
            const int position = s.mid(start, i - start).toInt(&ok);
            if (!ok)
                return std::nullopt;
            ++i;
            path.append({QString(), position});
            continue;
        }
        const qsizetype start = i;
        while (i < n && s.at(i) != u'.' && s.at(i) != u'[')
            ++i;
        path.append({s.mid(start, i - start), -1});
        expectKey = false;
    }
    if (expectKey && !path.isEmpty())
        return std::nullopt;
    return path;
}

QString format(const JsonPath &path)
{
    QString out;
    for (const JsonPathStep &step : path)
        out = step.isIndex() ? appendIndex(out, step.index) : appendKey(out, step.key);
    return out;
}

QString appendKey(const QString &parent, const QString &key)
{
    // A first key "$x" written bare would read back as the root marker and key "x" (found by
    // tests/fuzz/fuzz_jsonindex).
    if (needsQuoting(key) || (parent.isEmpty() && key.startsWith(u'$')))
        return parent + quoted(key);
    return parent.isEmpty() ? key : parent + QLatin1Char('.') + key;
}

QString appendIndex(const QString &parent, int index)
{
    return parent + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

JsonLocation locate(const JsonIndex &index, const JsonPath &path)
{
    if (!index.isValid())
        return {};
    JsonLocation here;
    here.begin = index.rootBegin();
    here.end = index.rootEnd();
    here.type = index.rootType();
    here.container = index.rootContainer();
    for (const JsonPathStep &step : path) {
        if (here.container < 0 || step.isIndex() == index.isObject(here.container))
            return {};
        JsonChildIterator children(&index, here.container);
        JsonChild child;
        bool found = false;
        while (children.next(&child)) {
            if (step.isIndex() ? children.position() - 1 == step.index
                               : index.decodeString(child.keyBegin, child.keyEnd) == step.key) {
                found = true;
                break;
            }
        }
        if (!found)
            return {};
        here = {child.valueBegin, child.valueEnd, child.container, child.type};
    }
    return here;
}

JsonPath pathAtOffset(const JsonIndex &index, qint64 offset)
{
    JsonPath path;
    int container = index.isValid() ? index.rootContainer() : -1;
    while (container >= 0) {
        JsonChildIterator children(&index, container);
        JsonChild child;
        bool found = false;
        while (children.next(&child)) {
            const qint64 begin = child.keyBegin >= 0 ? child.keyBegin : child.valueBegin;
            if (offset < begin)
                break;
            if (offset < child.valueEnd) {
                found = true;
                break;
            }
        }
        if (!found)
            break;
        if (child.keyBegin >= 0)
            path.append({index.decodeString(child.keyBegin, child.keyEnd), -1});
        else
            path.append({QString(), children.position() - 1});
        container = child.container;
    }
    return path;
}

} // namespace crmdesk::jsonpath
