#pragma once

// Shared by the libFuzzer targets: the Qt application object some code needs (Qt SQL's plugin
// loader, QStandardPaths) and a reader that cuts one input into the fields of a call, so that
// every seed file stays a readable text.

#include <QByteArray>
#include <QCoreApplication>

#include <cstddef>
#include <cstdint>

namespace crmdesk::fuzz {

// One QCoreApplication for the whole fuzzing process, made on first use. It is owned by the
// function (not a global object), and lives until exit, as in the app.
inline QCoreApplication &application()
{
    static int argc = 1;
    static char name[] = "crmdesk-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    return app;
}

// The input as Qt bytes, copied: QByteArray::fromRawData would share libFuzzer's buffer, and
// code that keeps a shallow copy past the call would read freed memory in the next run.
inline QByteArray inputBytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// Reads an input line by line, then hands out the rest as one block (a body).
class InputReader
{
public:
    explicit InputReader(QByteArray bytes) : m_bytes(std::move(bytes)) {}

    bool atEnd() const { return m_pos >= m_bytes.size(); }
    // The next line without its '\n' (and a trailing '\r'); the rest when there is no '\n'.
    QByteArray line()
    {
        if (atEnd())
            return {};
        qsizetype end = m_bytes.indexOf('\n', m_pos);
        if (end < 0)
            end = m_bytes.size();
        QByteArray out = m_bytes.mid(m_pos, end - m_pos);
        m_pos = end + 1;
        if (out.endsWith('\r'))
            out.chop(1);
        return out;
    }
    QByteArray rest()
    {
        QByteArray out = atEnd() ? QByteArray() : m_bytes.mid(m_pos);
        m_pos = m_bytes.size();
        return out;
    }

private:
    QByteArray m_bytes;
    qsizetype m_pos = 0;
};

} // namespace crmdesk::fuzz
