#include "inspector/jsontreemodel.h"

#include "inspect/inspectorformat.h"

#include <QColor>
#include <QFont>

namespace crmdesk {

namespace {

// Longest piece of a string value decoded for display; copying still gets all of it.
constexpr qint64 DisplayBytes = 2048;

QColor colorFor(JsonType type)
{
    switch (type) {
    case JsonType::String:
        return QColor(0x1a, 0x7f, 0x37);
    case JsonType::Number:
        return QColor(0x05, 0x50, 0xae);
    case JsonType::Bool:
        return QColor(0x82, 0x50, 0xdf);
    case JsonType::Null:
        return QColor(0x6e, 0x77, 0x81);
    default:
        return {};
    }
}

} // namespace

struct JsonTreeModel::Node
{
    Node *parent = nullptr;
    int row = 0;
    int container = -1;
    QString path;
    std::vector<JsonChild> children;
    JsonChildIterator cursor;
    int wanted = JsonTreeModel::BatchSize; // rows the views asked for so far
    std::unordered_map<int, std::unique_ptr<Node>> opened; // container children, by row
};

JsonTreeModel::JsonTreeModel(std::shared_ptr<const JsonIndex> index, QObject *parent,
                             int rootContainer, const QString &basePath,
                             const QStringList &hiddenKeys)
    : QAbstractItemModel(parent)
    , m_index(std::move(index))
    , m_root(std::make_unique<Node>())
    , m_basePath(basePath)
    , m_hiddenKeys(hiddenKeys)
{
    m_root->path = basePath;
    if (!m_index || !m_index->isValid())
        return;
    m_root->container = rootContainer >= 0 ? rootContainer : m_index->rootContainer();
    if (m_root->container >= 0) {
        m_root->cursor = JsonChildIterator(m_index.get(), m_root->container);
        load(m_root.get(), BatchSize, false);
    } else {
        // A document that is a single scalar shows as one row.
        JsonChild only;
        only.valueBegin = m_index->rootBegin();
        only.valueEnd = m_index->rootEnd();
        only.type = m_index->rootType();
        m_root->children.push_back(only);
    }
}

JsonTreeModel::~JsonTreeModel() = default;

JsonTreeModel::Node *JsonTreeModel::nodeFor(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_root.get();
    return childNode(static_cast<Node *>(index.internalPointer()), index.row());
}

JsonTreeModel::Node *JsonTreeModel::childNode(Node *owner, int row) const
{
    if (!owner || row < 0 || size_t(row) >= owner->children.size())
        return nullptr;
    const JsonChild &child = owner->children[size_t(row)];
    if (child.container < 0)
        return nullptr;
    std::unique_ptr<Node> &slot = owner->opened[row];
    if (!slot) {
        slot = std::make_unique<Node>();
        slot->parent = owner;
        slot->row = row;
        slot->container = child.container;
        slot->path = childPath(owner, row);
        slot->cursor = JsonChildIterator(m_index.get(), child.container);
    }
    return slot.get();
}

void JsonTreeModel::load(Node *node, int wantedRows, bool notify)
{
    const int first = int(node->children.size());
    std::vector<JsonChild> batch;
    JsonChild child;
    const bool filter = node == m_root.get() && !m_hiddenKeys.isEmpty();
    while (first + int(batch.size()) < wantedRows && node->cursor.next(&child)) {
        if (filter && child.keyBegin >= 0
            && m_hiddenKeys.contains(m_index->decodeString(child.keyBegin, child.keyEnd)))
            continue;
        batch.push_back(child);
    }
    node->wanted = std::max(node->wanted, wantedRows);
    if (batch.empty())
        return;
    if (notify)
        beginInsertRows(indexOfNode(node), first, first + int(batch.size()) - 1);
    node->children.insert(node->children.end(), batch.begin(), batch.end());
    if (notify)
        endInsertRows();
}

QModelIndex JsonTreeModel::indexOfNode(const Node *node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, 0, node->parent);
}

QString JsonTreeModel::childPath(const Node *owner, int row) const
{
    const JsonChild &child = owner->children[size_t(row)];
    if (child.keyBegin >= 0)
        return jsonpath::appendKey(owner->path, m_index->decodeString(child.keyBegin, child.keyEnd));
    if (owner == m_root.get() && owner->container < 0)
        return owner->path; // the scalar document itself
    return jsonpath::appendIndex(owner->path, row);
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return {};
    Node *owner = nodeFor(parent);
    if (!owner || row < 0 || size_t(row) >= owner->children.size())
        return {};
    return createIndex(row, column, owner);
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOfNode(static_cast<Node *>(child.internalPointer()));
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const Node *node = nodeFor(parent);
    return node ? int(node->children.size()) : 0;
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return !m_root->children.empty();
    if (parent.column() != 0)
        return false;
    const Node *owner = static_cast<Node *>(parent.internalPointer());
    const JsonChild &child = owner->children[size_t(parent.row())];
    return child.container >= 0 && m_index->container(child.container).childCount > 0;
}

bool JsonTreeModel::canFetchMore(const QModelIndex &parent) const
{
    const Node *node = nodeFor(parent);
    return node && !node->cursor.atEnd() && int(node->children.size()) < node->wanted;
}

void JsonTreeModel::fetchMore(const QModelIndex &parent)
{
    if (Node *node = nodeFor(parent))
        load(node, node->wanted, true);
}

bool JsonTreeModel::hasMore(const QModelIndex &parent) const
{
    const Node *node = nodeFor(parent);
    return node && !node->cursor.atEnd();
}

void JsonTreeModel::requestMore(const QModelIndex &parent)
{
    if (Node *node = nodeFor(parent))
        load(node, int(node->children.size()) + BatchSize, true);
}

int JsonTreeModel::childCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return m_root->container >= 0 ? m_index->container(m_root->container).childCount
                                      : int(m_root->children.size());
    const Node *owner = static_cast<Node *>(parent.internalPointer());
    const JsonChild &child = owner->children[size_t(parent.row())];
    return child.container >= 0 ? m_index->container(child.container).childCount : 0;
}

QString JsonTreeModel::path(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_basePath;
    return childPath(static_cast<Node *>(index.internalPointer()), index.row());
}

QString JsonTreeModel::copyText(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    const Node *owner = static_cast<Node *>(index.internalPointer());
    const JsonChild &child = owner->children[size_t(index.row())];
    if (child.container >= 0)
        return QString::fromUtf8(m_index->slice(child.valueBegin, child.valueEnd));
    return m_index->scalarText(child.valueBegin, child.valueEnd);
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *owner = static_cast<Node *>(index.internalPointer());
    const JsonChild &child = owner->children[size_t(index.row())];

    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case KeyColumn:
            if (child.keyBegin >= 0)
                return m_index->decodeString(child.keyBegin, child.keyEnd);
            if (owner == m_root.get() && owner->container < 0)
                return tr("(value)");
            return QStringLiteral("[%1]").arg(index.row());
        case ValueColumn: {
            if (child.type == JsonType::Object)
                return inspectorformat::plural(m_index->container(child.container).childCount,
                                               QT_TRANSLATE_NOOP("inspectorformat", "{…} %1 key"),
                                               QT_TRANSLATE_NOOP("inspectorformat", "{…} %1 keys"));
            if (child.type == JsonType::Array)
                return inspectorformat::plural(m_index->container(child.container).childCount,
                                               QT_TRANSLATE_NOOP("inspectorformat", "[…] %1 item"),
                                               QT_TRANSLATE_NOOP("inspectorformat", "[…] %1 items"));
            if (child.type != JsonType::String)
                return m_index->scalarText(child.valueBegin, child.valueEnd);
            if (child.valueEnd - child.valueBegin <= DisplayBytes) {
                QString text = m_index->decodeString(child.valueBegin, child.valueEnd);
                text.replace(u'\n', u'⏎');
                return QString(QLatin1Char('"') + text + QLatin1Char('"'));
            }
            // Decode a prefix only, cut where no escape or UTF-8 sequence is split.
            QByteArray head = m_index->slice(child.valueBegin, child.valueBegin + DisplayBytes);
            while (!head.isEmpty() && (uchar(head.back()) & 0xC0) == 0x80)
                head.chop(1);
            if (!head.isEmpty() && uchar(head.back()) >= 0xC0)
                head.chop(1);
            const qsizetype lastEscape = head.lastIndexOf('\\');
            if (lastEscape >= head.size() - 6)
                head.truncate(lastEscape);
            head.append('"');
            QString text = JsonIndex::decodeString(head.constData(), head.constData() + head.size());
            text.replace(u'\n', u'⏎');
            return QString(QLatin1Char('"') + text + QStringLiteral("…\" ")
                           + tr("(%1 bytes)").arg(child.valueEnd - child.valueBegin));
        }
        case TypeColumn:
            return typeName(child.type);
        }
        return {};
    case Qt::ToolTipRole:
        return path(index);
    case Qt::ForegroundRole:
        if (index.column() == ValueColumn)
            return colorFor(child.type);
        if (index.column() == TypeColumn)
            return QColor(0x6e, 0x77, 0x81);
        return {};
    case Qt::BackgroundRole: {
        if (m_marks.isEmpty())
            return {};
        const Mark mark = m_marks.value(path(index), Mark::None);
        if (mark == Mark::Linked)
            return QColor(0xff, 0xe5, 0x8f);
        if (mark == Mark::Unmapped)
            return QColor(0xfd, 0xe2, 0xe1);
        return {};
    }
    case PathRole:
        return path(index);
    case CopyValueRole:
        return copyText(index);
    case TypeRole:
        return int(child.type);
    case OffsetRole:
        return child.valueBegin;
    default:
        return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

Qt::ItemFlags JsonTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QModelIndex JsonTreeModel::indexForPath(const QString &path)
{
    const std::optional<JsonPath> parsed = jsonpath::parse(path);
    return parsed ? indexForPath(*parsed) : QModelIndex();
}

QModelIndex JsonTreeModel::indexForPath(const JsonPath &fullPath)
{
    JsonPath path = fullPath;
    if (!m_basePath.isEmpty()) {
        const JsonPath base = jsonpath::parse(m_basePath).value_or(JsonPath());
        if (path.mid(0, base.size()) != base)
            return {};
        path = path.mid(base.size());
    }
    if (path.isEmpty())
        return {};
    Node *node = m_root.get();
    for (qsizetype step = 0; step < path.size(); ++step) {
        if (!node)
            return {};
        const JsonPathStep &wanted = path.at(step);
        int row = -1;
        if (wanted.isIndex()) {
            if (node->container < 0 || m_index->isObject(node->container))
                return {};
            load(node, wanted.index + 1, true);
            if (size_t(wanted.index) < node->children.size())
                row = wanted.index;
        } else {
            if (node->container < 0 || !m_index->isObject(node->container))
                return {};
            for (size_t i = 0;; ++i) {
                if (i == node->children.size()) {
                    if (node->cursor.atEnd())
                        break;
                    load(node, int(i) + BatchSize, true);
                    if (i == node->children.size())
                        break;
                }
                const JsonChild &child = node->children[i];
                if (m_index->decodeString(child.keyBegin, child.keyEnd) == wanted.key) {
                    row = int(i);
                    break;
                }
            }
        }
        if (row < 0)
            return {};
        if (step == path.size() - 1)
            return createIndex(row, 0, node);
        node = childNode(node, row);
    }
    return {};
}

QModelIndex JsonTreeModel::indexForOffset(qint64 offset)
{
    if (!m_index || !m_index->isValid())
        return {};
    if (m_root->container < 0)
        return index(0, 0);
    QModelIndex found;
    JsonPath path = jsonpath::pathAtOffset(*m_index, offset);
    // Hidden keys and rooted models: fall back to the nearest ancestor that is shown.
    while (!path.isEmpty() && !(found = indexForPath(path)).isValid())
        path.removeLast();
    return found;
}

void JsonTreeModel::setMarks(const QHash<QString, Mark> &marks)
{
    m_marks = marks;
    emitChanged(m_root.get(), Qt::BackgroundRole);
}

void JsonTreeModel::emitChanged(Node *node, int role)
{
    // Only rows that exist can change; unopened containers pick the marks up when listed.
    if (node->children.empty())
        return;
    const QModelIndex parent = indexOfNode(node);
    Q_EMIT dataChanged(index(0, 0, parent),
                       index(int(node->children.size()) - 1, ColumnCount - 1, parent), {role});
    for (auto &[row, child] : node->opened)
        emitChanged(child.get(), role);
}

} // namespace crmdesk
