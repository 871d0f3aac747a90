#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>
#include <vector>

namespace crmdesk {

enum class JsonType : quint8 { Null, Bool, Number, String, Object, Array };

// "string", "number", ...: the type column of the tree.
QString typeName(JsonType type);

// A validated JSON text plus the byte offsets of every container, built in one pass and
// without a DOM, so that an 80 MB body is browsable long before a full parse would finish
// (product principle 5, style 15a). Values are read back from the bytes on demand.
class JsonIndex
{
public:
    struct Container
    {
        qint64 open = 0;      // offset of '{' or '['
        qint64 close = 0;     // offset of the matching '}' or ']'
        qint32 childCount = 0;
        qint32 next = 0;      // index of the first container after this one's descendants
    };

    struct Error
    {
        qint64 offset = -1;
        QString message; // "Expected ':' after an object key"
        int line = 0;    // 1-based, for people
        int column = 0;  // 1-based, in bytes
    };

    JsonIndex() = default;

    // Validates and indexes bytes (RFC 8259, strict UTF-8; a leading BOM is skipped).
    // cancel, when set by another thread, stops the scan early with an error.
    static JsonIndex build(const QByteArray &bytes, const std::atomic_bool *cancel = nullptr);

    bool isValid() const { return m_error.offset < 0 && m_rootBegin >= 0; }
    const Error &error() const { return m_error; }
    const QByteArray &bytes() const { return m_bytes; }

    qint64 rootBegin() const { return m_rootBegin; }
    qint64 rootEnd() const { return m_rootEnd; }
    JsonType rootType() const;
    // The container index of the root, or -1 when the root is a scalar.
    int rootContainer() const { return m_containerCount > 0 ? 0 : -1; }
    int containerCount() const { return m_containerCount; }
    const Container &container(int i) const
    {
        return m_blocks[size_t(i) >> BlockBits][size_t(i) & (BlockSize - 1)];
    }
    bool isObject(int container) const { return m_bytes.at(this->container(container).open) == '{'; }
    // The container that starts at offset, or -1.
    int containerAt(qint64 offset) const;
    int maxDepth() const { return m_maxDepth; }

    // Reading values back from the bytes.
    JsonType typeAt(qint64 offset) const;
    qint64 scalarEnd(qint64 begin) const;            // one past the scalar starting at begin
    QString decodeString(qint64 begin, qint64 end) const; // begin/end include the quotes
    QString scalarText(qint64 begin, qint64 end) const;   // strings decoded, others verbatim
    QByteArray slice(qint64 begin, qint64 end) const;

    // Same decoding, for any bytes known to hold a valid JSON string literal.
    static QString decodeString(const char *begin, const char *end);

private:
    // Fixed-size blocks: growing never moves (or transiently doubles) what is already stored.
    static constexpr int BlockBits = 14;
    static constexpr int BlockSize = 1 << BlockBits;
    Container &appendContainer();
    Container &mutableContainer(int i)
    {
        return m_blocks[size_t(i) >> BlockBits][size_t(i) & (BlockSize - 1)];
    }

    QByteArray m_bytes;
    std::vector<std::vector<Container>> m_blocks;
    int m_containerCount = 0;
    qint64 m_rootBegin = -1;
    qint64 m_rootEnd = -1;
    int m_maxDepth = 0;
    Error m_error;

};

// One direct child of a container: its key (objects only) and value byte ranges.
struct JsonChild
{
    qint64 keyBegin = -1; // opening quote of the key, -1 in arrays
    qint64 keyEnd = -1;   // one past the closing quote
    qint64 valueBegin = 0;
    qint64 valueEnd = 0;  // one past the value
    int container = -1;   // container index when the value is an object or array
    JsonType type = JsonType::Null;
};

// Walks the direct children of one container in order. Nested containers are skipped in
// O(1) through the index, so listing n children costs O(n) plus their scalar bytes.
class JsonChildIterator
{
public:
    JsonChildIterator() = default;
    JsonChildIterator(const JsonIndex *index, int container);

    bool atEnd() const { return m_remaining <= 0; }
    bool next(JsonChild *child);
    int position() const { return m_position; } // number of children returned so far

private:
    const JsonIndex *m_index = nullptr;
    qint64 m_pos = 0;
    int m_nextContainer = 0;
    int m_remaining = 0;
    int m_position = 0;
    bool m_object = false;
};

} // namespace crmdesk
