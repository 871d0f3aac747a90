#include "inspect/bodydocument.h"

#include "api/apiresult.h"
#include "inspect/textsniff.h"


namespace crmdesk {

namespace {

bool isTextMediaType(const QByteArray &mediaType)
{
    static const char *const textual[] = {"xml", "javascript", "ndjson", "json-seq", "jsonl",
                                          "x-www-form-urlencoded", "csv", "yaml", "graphql"};
    if (mediaType.startsWith("text/"))
        return true;
    for (const char *word : textual) {
        if (mediaType.contains(word))
            return true;
    }
    return false;
}

bool startsLikeJson(const QByteArray &bytes)
{
    for (const char c : bytes) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

} // namespace

BodyDocument BodyDocument::analyse(const QByteArray &bytes, const QByteArray &contentType,
                                   const std::atomic_bool *cancel)
{
    BodyDocument document;
    document.bytes = bytes;
    document.contentType = contentType;
    document.charset = textsniff::charsetOf(contentType);
    if (bytes.isEmpty())
        return document;

    const QByteArray mediaType = contentType.split(';').first().trimmed().toLower();
    document.declaredJson = isJsonContentType(contentType);
    const bool unknownType = mediaType.isEmpty() || mediaType == "application/octet-stream";
    if (document.declaredJson || (unknownType && startsLikeJson(bytes))) {
        auto index = std::make_shared<JsonIndex>(JsonIndex::build(bytes, cancel));
        if (document.declaredJson || index->isValid()) {
            document.kind = BodyKind::Json;
            // Valid JSON is valid UTF-8 by construction (the index checks every string).
            document.validUtf8 = index->isValid() || textsniff::isValidUtf8(bytes);
            document.index = std::move(index);
            return document;
        }
    }
    document.validUtf8 = textsniff::isValidUtf8(bytes);
    if (isTextMediaType(mediaType))
        document.kind = BodyKind::Text;
    else
        document.kind = textsniff::looksBinary(bytes) || !document.validUtf8 ? BodyKind::Binary
                                                                             : BodyKind::Text;
    return document;
}

BodyLoader::BodyLoader(QObject *parent)
    : QObject(parent)
{
}

BodyLoader::~BodyLoader()
{
    cancel();
}

void BodyLoader::cancel()
{
    cancelTask(m_cancel);
}

void BodyLoader::load(const QByteArray &bytes, const QByteArray &contentType)
{
    cancel();
    if (bytes.size() <= kInlineBytes) {
        auto document = std::make_shared<const BodyDocument>(BodyDocument::analyse(bytes, contentType, nullptr));
        // Still announced from the event loop, as a background load would be: callers may
        // connect or cancel after calling load().
        CancelFlag flag = std::make_shared<std::atomic_bool>(false);
        m_cancel = flag;
        QMetaObject::invokeMethod(
            this,
            [this, flag, document] {
                if (flag->load())
                    return;
                m_cancel.reset();
                Q_EMIT loaded(document);
            },
            Qt::QueuedConnection);
        return;
    }
    m_cancel = runInBackground(
        this,
        [bytes, contentType](const std::atomic_bool *cancelled) {
            return std::make_shared<const BodyDocument>(
                BodyDocument::analyse(bytes, contentType, cancelled));
        },
        [this](const std::shared_ptr<const BodyDocument> &document) {
            m_cancel.reset();
            Q_EMIT loaded(document);
        });
}

} // namespace crmdesk
