#include "sandbox/directoryendpoints.h"

#include "sandbox/jsonpath.h"
#include "sandbox/pagecursor.h"
#include "sandbox/recordendpoints.h"
#include "sandbox/responseformatter.h"
#include "sandbox/sandboxdata.h"

#include <QJsonArray>

namespace crmdesk::sandbox {

namespace {

// Directory records have no native form: every response format gives the unified record,
// without remote_data; truto_exclude_fields still applies.
QJsonObject shaped(QJsonObject record, const ResponseOptions &options)
{
    for (const QString &path : options.excludeFields)
        removeValueAt(record, path.split(u'.'));
    return record;
}

} // namespace

DirectoryEndpoints::DirectoryEndpoints(const SandboxData &data) : m_data(data) {}

SandboxReply DirectoryEndpoints::list(const Account &account, const QString &resource,
                                      const SandboxRequest &request) const
{
    QString error;
    const auto options = ResponseOptions::fromQuery(request.query, &error);
    if (!options)
        return errorReply(400, error);
    const PageRequest page = PageRequest::fromQuery(
        request.query, RecordEndpoints::kDefaultPageSize, RecordEndpoints::kMaxPageSize);
    if (!page.error.isEmpty())
        return errorReply(400, page.error);

    const QJsonArray all = m_data.directory.records(account.records, resource);
    const qsizetype begin = std::min(page.offset, all.size());
    const qsizetype end = page.limit >= all.size() - begin ? all.size() : begin + page.limit;
    const QString next = end < all.size() ? PageCursor::encode(end) : QString();
    const QString previous =
        begin > 0 ? PageCursor::encode(std::max<qsizetype>(0, begin - page.limit)) : QString();

    QJsonArray array;
    QJsonObject keyed;
    for (qsizetype i = begin; i < end; ++i) {
        const QJsonObject record = shaped(all.at(i).toObject(), *options);
        if (options->keyBy.isEmpty()) {
            array.append(record);
            continue;
        }
        // truto_key_by (contract §4.2): the result array re-keyed by a field.
        const QJsonValue key =
            valueAt(record, options->keyBy.split(u'.')).value_or(QJsonValue());
        keyed.insert(key.isDouble() ? QString::number(key.toDouble()) : key.toString(), record);
    }
    return SandboxReply::json(
        200, QJsonObject{{QStringLiteral("result"),
                          options->keyBy.isEmpty() ? QJsonValue(array) : QJsonValue(keyed)},
                         {QStringLiteral("next_cursor"),
                          next.isEmpty() ? QJsonValue() : QJsonValue(next)},
                         {QStringLiteral("prev_cursor"),
                          previous.isEmpty() ? QJsonValue() : QJsonValue(previous)},
                         {QStringLiteral("result_count"), int(end - begin)}});
}

SandboxReply DirectoryEndpoints::get(const Account &account, const QString &resource,
                                     const QString &id, const SandboxRequest &request) const
{
    QString error;
    const auto options = ResponseOptions::fromQuery(request.query, &error);
    if (!options)
        return errorReply(400, error);
    const std::optional<QJsonObject> record =
        m_data.directory.find(account.records, resource, id);
    if (!record)
        return errorReply(404, QStringLiteral("No %1 record with id '%2' in integrated account %3")
                                   .arg(resource, id, account.id));
    return SandboxReply::json(200, shaped(*record, *options));
}

SandboxReply DirectoryEndpoints::refuseWrite(const QString &resource)
{
    return errorReply(405, QStringLiteral("The unified CRM %1 resource is read-only in CRM Desk's "
                                          "sandbox: only list and get are supported")
                               .arg(resource));
}

} // namespace crmdesk::sandbox
