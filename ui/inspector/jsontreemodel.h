#pragma once

#include "inspect/jsonindex.h"
#include "inspect/jsonpath.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QStringList>

#include <memory>
#include <unordered_map>
#include <vector>

namespace crmdesk {

// A read-only tree (key, value, type) over a JsonIndex (style 15a). Nothing is decoded up
// front: a container's children are listed in batches when a view asks for them
// (canFetchMore/fetchMore), and only the nodes of opened containers are kept, so a body with
// a million values costs no more than the rows someone has looked at.
class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // "result[0].email_addresses[0].email"
        CopyValueRole,               // decoded string, or the value's JSON text as received
        TypeRole,                    // JsonType as int
        OffsetRole,                  // byte offset of the value in the body
    };
    // How a row is marked by a caller, e.g. the unified/raw linking.
    enum class Mark { None, Linked, Unmapped };

    static constexpr int BatchSize = 1000;

    // rootContainer < 0 shows the whole document; otherwise the tree starts at that
    // container, whose rows get paths under basePath. hiddenKeys hides top-level keys.
    explicit JsonTreeModel(std::shared_ptr<const JsonIndex> index, QObject *parent = nullptr,
                           int rootContainer = -1, const QString &basePath = QString(),
                           const QStringList &hiddenKeys = {});
    ~JsonTreeModel() override;

    const JsonIndex &jsonIndex() const { return *m_index; }
    std::shared_ptr<const JsonIndex> sharedIndex() const { return m_index; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // Lists the next batch of parent's children: views call this when the user reaches the
    // end of what is listed. canFetchMore() stays false until then, so a view's own layout
    // passes never list more than the first batch.
    void requestMore(const QModelIndex &parent);
    bool hasMore(const QModelIndex &parent) const;
    // Number of children the value has, loaded or not.
    int childCount(const QModelIndex &parent) const;
    QString path(const QModelIndex &index) const;
    QString copyText(const QModelIndex &index) const;
    // Loads whatever batches are needed; invalid when the path does not exist.
    QModelIndex indexForPath(const JsonPath &path);
    QModelIndex indexForPath(const QString &path);
    // The innermost row whose value contains the byte offset.
    QModelIndex indexForOffset(qint64 offset);

    void setMarks(const QHash<QString, Mark> &marks);

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const; // the node listing index's children
    Node *childNode(Node *owner, int row) const;
    void load(Node *node, int wantedRows, bool notify);
    void emitChanged(Node *node, int role);
    QString childPath(const Node *owner, int row) const;
    QModelIndex indexOfNode(const Node *node) const;

    std::shared_ptr<const JsonIndex> m_index;
    std::unique_ptr<Node> m_root;
    QString m_basePath;
    QStringList m_hiddenKeys;
    QHash<QString, Mark> m_marks;
};

} // namespace crmdesk
