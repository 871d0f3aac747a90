#include "inspect/textsniff.h"

#include <QList>
#include <QStringDecoder>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace crmdesk::textsniff {

int utf8SequenceLength(const unsigned char *p, const unsigned char *end)
{
    using uchar = unsigned char;
    const auto cont = [p, end](int i, uchar lo = 0x80, uchar hi = 0xBF) {
        return p + i < end && p[i] >= lo && p[i] <= hi;
    };
    const uchar c = p[0];
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c == 0xE0)
        return cont(1, 0xA0) && cont(2) ? 3 : 0;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
        return cont(1) && cont(2) ? 3 : 0;
    if (c == 0xED)
        return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    if (c == 0xF0)
        return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    if (c >= 0xF1 && c <= 0xF3)
        return cont(1) && cont(2) && cont(3) ? 4 : 0;
    if (c == 0xF4)
        return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    return 0;
}

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *end = p + bytes.size();
    while (p < end) {
#if defined(__SSE2__)
        // ASCII runs dominate real bodies: skip them sixteen bytes at a time.
        while (end - p >= 16
               && _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p))) == 0)
            p += 16;
        if (p == end)
            break;
#endif
        if (*p < 0x80) {
            ++p;
            continue;
        }
        const int length = utf8SequenceLength(p, end);
        if (length == 0)
            return false;
        p += length;
    }
    return true;
}

bool looksBinary(QByteArrayView bytes)
{
    const QByteArrayView head = bytes.first(std::min<qsizetype>(bytes.size(), 8192));
    qsizetype control = 0;
    for (const char c : head) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0)
            return true;
        if (u < 0x20 && u != '\n' && u != '\r' && u != '\t' && u != '\f')
            ++control;
    }
    return control * 20 > head.size(); // more than 5 % control characters
}

QByteArray charsetOf(const QByteArray &contentType)
{
    const QList<QByteArray> parts = contentType.split(';');
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray part = parts.at(i).trimmed();
        if (part.toLower().startsWith("charset=")) {
            QByteArray value = part.mid(8).trimmed();
            if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
                value = value.mid(1, value.size() - 2);
            return value.toLower();
        }
    }
    return {};
}

QString decode(QByteArrayView bytes, const QByteArray &charset, QString *encoding)
{
    const auto use = [encoding](const QString &name) {
        if (encoding)
            *encoding = name;
    };
    const bool declaredUtf8 = charset.isEmpty() || charset == "utf-8" || charset == "utf8";
    if (declaredUtf8 && isValidUtf8(bytes)) {
        use(QStringLiteral("UTF-8"));
        return QString::fromUtf8(bytes);
    }
    if (!declaredUtf8) {
        QStringDecoder decoder(charset.constData(), QStringDecoder::Flag::Stateless);
        if (decoder.isValid()) {
            QString text = decoder.decode(bytes);
            if (!decoder.hasError()) {
                use(QString::fromLatin1(charset));
                return text;
            }
        }
    }
    use(QStringLiteral("ISO-8859-1"));
    return QString::fromLatin1(bytes);
}

} // namespace crmdesk::textsniff
