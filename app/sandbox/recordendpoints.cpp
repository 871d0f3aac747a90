#include "sandbox/recordendpoints.h"

#include "sandbox/requestlimits.h"

#include "sandbox/jsonpath.h"
#include "sandbox/pagecursor.h"
#include "sandbox/responseformatter.h"
#include "sandbox/sandboxdata.h"
#include "schema/schema.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace crmdesk::sandbox {

namespace {

SandboxReply notFound(const Account &account, const QString &resource, const QString &id)
{
    return errorReply(404, QStringLiteral("No %1 record with id '%2' in integrated account %3")
                               .arg(resource, id, account.id));
}

// "X-Sandbox-Array-Mode: merge": arrays in the body are added to the stored ones instead of
// replacing them, the other PATCH semantics a provider may have (contract §19, §21 item 8).
QJsonObject mergeArrays(const QJsonObject &changes, const QJsonObject &current)
{
    QJsonObject merged = changes;
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
        if (!it.value().isArray() || !current.value(it.key()).isArray())
            continue;
        QJsonArray combined = current.value(it.key()).toArray();
        for (const QJsonValue &item : it.value().toArray()) {
            if (!combined.contains(item))
                combined.append(item);
        }
        merged.insert(it.key(), combined);
    }
    return merged;
}

} // namespace

RecordEndpoints::RecordEndpoints(SandboxData &data, ChangedHandler changed, Clock clock)
    : m_data(data), m_changed(std::move(changed)), m_clock(std::move(clock))
{
}

SandboxReply RecordEndpoints::list(const Account &account, const QString &resource,
                                   const SandboxRequest &request) const
{
    QString error;
    const auto options = ResponseOptions::fromQuery(request.query, &error);
    if (!options)
        return errorReply(400, error);
    const PageRequest page = PageRequest::fromQuery(request.query, kDefaultPageSize, kMaxPageSize);
    if (!page.error.isEmpty())
        return errorReply(400, page.error);

    const QList<StoredRecord> all = m_data.records.records(account.id, resource);
    const qsizetype begin = std::min(page.offset, all.size());
    const qsizetype end = page.limit >= all.size() - begin ? all.size() : begin + page.limit;
    const QString next = end < all.size() ? PageCursor::encode(end) : QString();
    const QString previous =
        begin > 0 ? PageCursor::encode(std::max<qsizetype>(0, begin - page.limit)) : QString();
    const ResponseFormatter formatter(m_data, account, resource, *options);
    return formatter.listReply(all.mid(begin, end - begin), next, previous);
}

SandboxReply RecordEndpoints::get(const Account &account, const QString &resource,
                                  const QString &id, const SandboxRequest &request) const
{
    QString error;
    const auto options = ResponseOptions::fromQuery(request.query, &error);
    if (!options)
        return errorReply(400, error);
    const std::optional<QJsonObject> native = m_data.records.find(account.id, resource, id);
    if (!native)
        return notFound(account, resource, id);
    SandboxReply reply = ResponseFormatter(m_data, account, resource, *options).recordReply(*native);
    addWritesHeader(reply, account, resource, id);
    return reply;
}

QString RecordEndpoints::writeKey(const Account &account, const QString &resource, const QString &id)
{
    return account.id + u'/' + resource + u'/' + id;
}

void RecordEndpoints::addWritesHeader(SandboxReply &reply, const Account &account,
                                      const QString &resource, const QString &id) const
{
    reply.setHeader("x-sandbox-writes", QByteArray::number(m_writes.value(writeKey(account, resource, id))));
}

std::optional<SandboxReply> RecordEndpoints::checkCustomFields(const Account &account,
                                                              const QString &resource,
                                                              const QJsonObject &stored,
                                                              const QJsonObject &sent,
                                                              QJsonObject *kept) const
{
    const QJsonArray definitions = m_data.customFieldsFor(account, resource);
    const QJsonObject current =
        m_data.unified(account, resource, stored).value(QLatin1String("custom_fields")).toObject();
    QJsonArray readOnly;
    QJsonArray failures;
    QStringList readOnlyNames;
    QStringList mismatches;
    for (auto it = sent.constBegin(); it != sent.constEnd(); ++it) {
        QJsonObject definition;
        for (const QJsonValue &candidate : definitions) {
            if (candidate.toObject().value(QLatin1String("name")).toString() == it.key())
                definition = candidate.toObject();
        }
        const bool unchanged = current.value(it.key()) == it.value();
        const bool editable = definition.value(QLatin1String("is_editable")).toBool(true);
        if (definition.isEmpty() || (unchanged && editable)) {
            kept->insert(it.key(), it.value()); // unknown names are dropped by the mapping
            continue;
        }
        if (unchanged)
            continue; // a read-only value sent back as it is: nothing to write
        const QString label = definition.value(QLatin1String("label")).toString(it.key());
        const QString path = QStringLiteral("custom_fields.") + it.key();
        if (!editable) {
            readOnlyNames.append(QStringLiteral("%1 (%2)").arg(label, it.key()));
            readOnly.append(QJsonObject{{QStringLiteral("field"), path},
                                        {QStringLiteral("message"),
                                         QStringLiteral("%1 is read-only").arg(label)}});
            continue;
        }
        const QString mismatch = CustomFieldCatalog::typeMismatchOf(definition, it.value());
        if (!mismatch.isEmpty()) {
            mismatches.append(QStringLiteral("%1: %2").arg(path, mismatch));
            failures.append(QJsonObject{{QStringLiteral("field"), path},
                                        {QStringLiteral("message"),
                                         QStringLiteral("%1 (%2): %3").arg(label, path, mismatch)}});
            continue;
        }
        kept->insert(it.key(), it.value());
    }
    if (!readOnly.isEmpty()) {
        return errorReply(400,
                          QStringLiteral("Read-only custom fields cannot be written: %1")
                              .arg(readOnlyNames.join(QLatin1String(", "))),
                          {{QStringLiteral("details"),
                            QJsonObject{{QStringLiteral("failures"), readOnly}}}});
    }
    if (!failures.isEmpty()) {
        return errorReply(400,
                          QStringLiteral("Invalid field types: %1")
                              .arg(mismatches.join(QLatin1String("; "))),
                          {{QStringLiteral("details"),
                            QJsonObject{{QStringLiteral("failures"), failures}}}});
    }
    return std::nullopt;
}

SandboxReply RecordEndpoints::patch(const Account &account, const QString &resource,
                                    const QString &id, const SandboxRequest &request)
{
    if (account.isSandbox) {
        // Truto's own sandbox accounts are read-only (contract §16.2).
        return errorReply(405, QStringLiteral("Sandbox integrated accounts do not allow any "
                                              "write operations"));
    }
    if (std::optional<SandboxReply> refused = patchBodyViolation(request))
        return *refused;
    QJsonObject body;
    if (!request.body.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return errorReply(400, QStringLiteral("The request body is not valid JSON: %1 at "
                                                  "offset %2")
                                       .arg(parseError.errorString())
                                       .arg(parseError.offset));
        if (!document.isObject())
            return errorReply(400, QStringLiteral("The request body must be a JSON object"));
        body = document.object();
    }
    QString error;
    const auto options = ResponseOptions::fromQuery(request.query, &error);
    if (!options)
        return errorReply(400, error);
    const std::optional<QJsonObject> stored = m_data.records.find(account.id, resource, id);
    if (!stored)
        return notFound(account, resource, id);
    // A value of the wrong type for a documented field is Truto's own validation error
    // (contract §7: details.failures), and nothing is stored.
    if (const ResourceSchema *schema = m_data.schema->resource(resource)) {
        const QStringList mismatches = typeMismatches(*schema, body);
        if (!mismatches.isEmpty()) {
            QJsonArray failures;
            for (const QString &mismatch : mismatches)
                failures.append(QJsonObject{{QStringLiteral("field"), mismatch.section(u':', 0, 0)},
                                            {QStringLiteral("message"), mismatch}});
            return errorReply(400, QStringLiteral("Invalid field types: %1").arg(mismatches.join(QLatin1String("; "))),
                              {{QStringLiteral("details"), QJsonObject{{QStringLiteral("failures"), failures}}}});
        }
    }

    const FieldRules rules = m_data.rules(account, resource);
    QStringList missingQuery;
    for (const QString &parameter : rules.requiredQueryParameters()) {
        if (isEmptyValue(request.query.value(parameter)))
            missingQuery.append(parameter);
    }
    if (!missingQuery.isEmpty()) {
        return errorReply(
            400,
            QStringLiteral("Missing required query parameters: %1")
                .arg(missingQuery.join(QLatin1String(", "))),
            {{QStringLiteral("truto_error_insight"),
              QJsonObject{{QStringLiteral("missing_required_query_parameters"),
                           insightEntry(QStringLiteral("%1 requires these query parameters")
                                            .arg(rules.provider()),
                                        QJsonArray::fromStringList(missingQuery))}}}});
    }

    // Typed custom fields (contract §14): a changed value of the wrong type is Truto's own
    // validation error, like a documented field's; a change to a read-only one is refused
    // clearly. Values sent unchanged (a form sends custom_fields whole) are not second-guessed,
    // and unchanged read-only ones are simply not written.
    if (body.value(QLatin1String("custom_fields")).isObject() &&
        rules.accepts(QStringLiteral("custom_fields"))) {
        QJsonObject kept;
        if (std::optional<SandboxReply> refused =
                checkCustomFields(account, resource, *stored, body.value(QLatin1String("custom_fields")).toObject(), &kept))
            return *refused;
        body.insert(QStringLiteral("custom_fields"), kept);
    }

    // Fields the provider has no place for are dropped silently, as the real API does
    // (contract §13, §19); the sandbox lists them in a header so tests and the inspector see it.
    QJsonObject changes;
    QStringList ignored;
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        if (it.key() == QLatin1String("remote_data"))
            continue;
        if (rules.accepts(it.key()))
            changes.insert(it.key(), it.value());
        else
            ignored.append(it.key());
    }
    const QJsonObject before = m_data.unified(account, resource, *stored);
    if (changes.contains(QLatin1String("etag"))) {
        // The record's version (contract §16.1) is checked, never written: the provider refuses
        // a write based on an older version and bumps the version itself on every write.
        const QJsonValue sent = changes.take(QLatin1String("etag"));
        if (!isEmptyValue(sent) && sent != before.value(QLatin1String("etag"))) {
            return remoteErrorReply(
                412, QStringLiteral("The record was changed since this version was read"),
                QJsonObject{{QStringLiteral("error"),
                             QJsonObject{{QStringLiteral("code"), QStringLiteral("0x80060882")},
                                         {QStringLiteral("message"),
                                          QStringLiteral("The version of the existing record "
                                                         "doesn't match the RowVersion property "
                                                         "provided.")}}}});
        }
    }
    if (request.header("x-sandbox-array-mode").compare("merge", Qt::CaseInsensitive) == 0)
        changes = mergeArrays(changes, before);

    QJsonObject native = *stored;
    const ProviderMapping *mapping = m_data.mapping(account, resource);
    const ProviderMapping::WriteResult written =
        mapping->write(native, changes, m_data.customFieldsFor(account, resource));
    if (!written.rejection.isEmpty()) {
        return remoteErrorReply(422, written.rejection,
                                QJsonObject{{QStringLiteral("message"), written.rejection},
                                            {QStringLiteral("provider"), account.provider}});
    }
    ignored += written.ignored;

    // remote_data is passed to the provider untransformed (contract §2.1).
    const QJsonValue remoteData = body.value(QLatin1String("remote_data"));
    if (remoteData.isObject())
        native = deepMerge(native, remoteData.toObject());
    else if (!remoteData.isUndefined() && !remoteData.isNull())
        return errorReply(400, QStringLiteral("remote_data must be a JSON object"));

    const QJsonObject after = m_data.unified(account, resource, native);
    QStringList missing;
    for (const QString &field : rules.requiredBodyFields()) {
        if (isEmptyValue(after.value(field)))
            missing.append(field);
    }
    if (!missing.isEmpty()) {
        return errorReply(
            400,
            QStringLiteral("Missing required fields: %1").arg(missing.join(QLatin1String(", "))),
            {{QStringLiteral("truto_error_insight"),
              QJsonObject{{QStringLiteral("missing_required_body_fields"),
                           insightEntry(QStringLiteral("%1 requires these fields; they are "
                                                       "missing or empty after the update")
                                            .arg(rules.provider()),
                                        QJsonArray::fromStringList(missing))}}}});
    }

    mapping->touch(native, m_clock());
    m_data.records.replace(account.id, resource, id, native);
    ++m_writes[writeKey(account, resource, id)];
    if (m_changed)
        m_changed(account, resource, id);

    SandboxReply reply = ResponseFormatter(m_data, account, resource, *options).recordReply(native);
    addWritesHeader(reply, account, resource, id);
    if (!ignored.isEmpty())
        reply.setHeader("x-sandbox-ignored-fields", ignored.join(QLatin1String(", ")).toUtf8());
    return reply;
}

} // namespace crmdesk::sandbox
