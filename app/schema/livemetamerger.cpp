#include "schema/livemetamerger.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace crmdesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("crmdesk::LiveMetaMerger", text);
}

const auto kQueryPrefix = QLatin1String("query.");

bool isTrue(const QJsonValue &value)
{
    return value.toBool() || value.toString().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

// A schema may arrive as an object or as JSON text inside a string.
QJsonObject schemaObject(const QJsonValue &value)
{
    if (value.isObject())
        return value.toObject();
    if (value.isString())
        return QJsonDocument::fromJson(value.toString().toUtf8()).object();
    return {};
}

QString typeOf(const QJsonObject &property)
{
    const QJsonValue type = property.value(QLatin1String("type"));
    if (type.isArray()) {
        QStringList names;
        for (const QJsonValue &name : type.toArray())
            names.append(name.toString());
        return names.join(u'|');
    }
    return type.toString();
}

// Collects the properties of one schema level, depth first.
void collect(const QJsonObject &schema, const QString &prefix, QList<LiveField> &out)
{
    // JSON Schema keeps fields under "properties"; the unified-model guide's layout is a bare
    // map of name -> property (contract §13). Only object entries count in a bare map.
    const QJsonValue properties = schema.value(QLatin1String("properties"));
    const QJsonObject fields = properties.isObject() ? properties.toObject() : schema;

    QStringList requiredNames;
    for (const QJsonValue &name : schema.value(QLatin1String("required")).toArray())
        requiredNames.append(name.toString());

    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (!it.value().isObject())
            continue;
        const QJsonObject property = it.value().toObject();
        LiveField field;
        field.path = prefix + it.key();
        field.required = isTrue(property.value(QLatin1String("required")))
                         || requiredNames.contains(it.key());
        for (const QJsonValue &value : property.value(QLatin1String("enum")).toArray())
            field.enumValues.append(value.isString() ? value.toString()
                                                     : QString::number(value.toDouble()));
        field.type = typeOf(property);
        out.append(field);

        // Sub-fields of objects, and of the objects inside arrays ("email_addresses.email").
        const QJsonObject items = property.value(QLatin1String("items")).toObject();
        if (property.value(QLatin1String("properties")).isObject())
            collect(property, field.path + u'.', out);
        else if (items.value(QLatin1String("properties")).isObject())
            collect(items, field.path + u'.', out);
    }
}

bool isTrutoParameter(const QString &path)
{
    if (!path.startsWith(kQueryPrefix))
        return false;
    const QString name = path.mid(kQueryPrefix.size()).section(u'.', 0, 0);
    return name.startsWith(QLatin1String("truto_")) || name == QLatin1String("integrated_account_id")
           || name == QLatin1String("remote_query");
}

QString parentOf(const QString &path)
{
    const qsizetype dot = path.lastIndexOf(u'.');
    return dot < 0 ? QString() : path.left(dot);
}

FieldState liveState(const FieldState &bundled, const LiveField &live, const QString &provider)
{
    FieldState state = bundled;
    state.support = Support::Supported;
    state.required = live.required;
    if (!live.enumValues.isEmpty())
        state.enumValues = live.enumValues;
    if (live.required)
        state.reason = provider.isEmpty()
                           ? tr("Required by this account (live metadata)")
                           : tr("Required by %1 for this account (live metadata)").arg(provider);
    else
        state.reason = tr("Accepted by this account (live metadata)");
    state.origin = StateOrigin::LiveAccount;
    return state;
}

} // namespace

const LiveField *LiveMeta::find(const QString &path) const
{
    const QList<LiveField> &fields = path.startsWith(kQueryPrefix) ? queryFields : bodyFields;
    for (const LiveField &field : fields) {
        if (field.path == path)
            return &field;
    }
    return nullptr;
}

bool LiveMeta::describesInside(const QString &path) const
{
    const QString prefix = path + u'.';
    const QList<LiveField> &fields = path.startsWith(kQueryPrefix) ? queryFields : bodyFields;
    for (const LiveField &field : fields) {
        if (field.path.startsWith(prefix))
            return true;
    }
    return false;
}

QString LiveMetaMerger::unsupportedReason()
{
    return tr("Not accepted by this account (live metadata)");
}

std::optional<LiveMeta> LiveMetaMerger::parse(const QByteArray &response, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response, &parseError);
    if (!document.isObject()) {
        if (error)
            *error = tr("The method metadata is not a JSON object: %1").arg(parseError.errorString());
        return std::nullopt;
    }
    return parse(document.object(), error);
}

std::optional<LiveMeta> LiveMetaMerger::parse(const QJsonObject &response, QString *error)
{
    LiveMeta meta;
    collect(schemaObject(response.value(QLatin1String("request_body_schema"))), {},
            meta.bodyFields);
    if (meta.bodyFields.isEmpty()) {
        if (error)
            *error = tr("The method metadata lists no request body fields.");
        return std::nullopt;
    }
    const QJsonObject querySchema = schemaObject(response.value(QLatin1String("query_schema")));
    collect(querySchema, kQueryPrefix, meta.queryFields);
    meta.hasQuerySchema = !meta.queryFields.isEmpty();
    return meta;
}

FieldPolicy LiveMetaMerger::merge(const FieldPolicy &bundled, const LiveMeta &live)
{
    FieldPolicy merged(bundled.resource(), bundled.provider());
    const QString &provider = bundled.provider();

    for (const QString &path : bundled.paths()) {
        FieldState state = bundled.state(path);
        const bool isQuery = path.startsWith(kQueryPrefix);
        if ((isQuery && !live.hasQuerySchema) || path == QLatin1String("remote_data")
            || path.startsWith(QLatin1String("remote_data."))) {
            merged.set(path, state); // nothing live to say about it
            continue;
        }
        if (const LiveField *field = live.find(path)) {
            merged.set(path, liveState(state, *field, provider));
            continue;
        }
        const QString parent = parentOf(path);
        const LiveField *liveParent = parent.isEmpty() ? nullptr : live.find(parent);
        if (liveParent && !live.describesInside(parent)) {
            // The live schema accepts the parent but does not describe inside it: the
            // sub-field goes where its parent goes, and keeps what the docs say of it.
            FieldState inherited = liveState(state, *liveParent, provider);
            inherited.required = liveParent->required && state.required;
            inherited.enumValues = state.enumValues;
            merged.set(path, inherited);
            continue;
        }
        state.support = Support::Unsupported;
        state.required = false;
        state.reason = unsupportedReason();
        state.origin = StateOrigin::LiveAccount;
        merged.set(path, state);
    }

    // Fields the account accepts that the documentation does not name. Truto's own query
    // parameters (contract §4.1) are not the resource's and have their own controls.
    const QList<LiveField> liveFields = live.bodyFields + live.queryFields;
    for (const LiveField &field : liveFields) {
        if (merged.contains(field.path) || isTrutoParameter(field.path))
            continue;
        FieldState state = liveState(FieldState{}, field, provider);
        if (!field.required)
            state.reason = tr("Accepted by this account (live metadata); not in the bundled "
                              "documentation");
        merged.set(field.path, state);
    }
    return merged;
}

} // namespace crmdesk
