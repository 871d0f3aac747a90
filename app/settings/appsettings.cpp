#include "settings/appsettings.h"

#include "files/storefiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QUrl>

#include <algorithm>

namespace crmdesk {

namespace {

using Key = AppSettings::Key;

// Every setting, declared once: where it is stored and what it is when absent.
struct Declaration
{
    Key key;
    QLatin1String name;
    QVariant defaultValue;
};

const QList<Declaration> &declarations()
{
    static const QList<Declaration> table = {
        {Key::Profiles, QLatin1String("profiles"), {}},
        {Key::SelectedProfile, QLatin1String("connection/selectedProfile"), QString()},
        {Key::LastAccount, QLatin1String("connection/lastAccount"), QString()},
        {Key::LargeBodyThreshold, QLatin1String("viewer/largeBodyThresholdBytes"),
         AppSettings::kDefaultLargeBodyThreshold},
        {Key::DefaultResponseFormat, QLatin1String("viewer/defaultResponseFormat"),
         QStringLiteral("unified")},
        {Key::WindowGeometry, QLatin1String("window/geometry"), QByteArray()},
        {Key::WindowState, QLatin1String("window/state"), QByteArray()},
        {Key::EditorLayout, QLatin1String("window/editorLayout"), QByteArray()},
        {Key::RecentRecords, QLatin1String("recentRecords"), {}},
    };
    return table;
}

const Declaration &declaration(Key key)
{
    const auto &table = declarations();
    const auto it = std::find_if(table.cbegin(), table.cend(),
                                 [key](const Declaration &d) { return d.key == key; });
    Q_ASSERT(it != table.cend());
    return *it;
}

// Profile ids become part of a key; encoding keeps a '/' in an id from opening a group.
QString lastAccountKey(const QString &profileId)
{
    return AppSettings::keyName(Key::LastAccount) + u'/'
           + QString::fromLatin1(QUrl::toPercentEncoding(profileId));
}

ConnectionProfile readProfile(const QSettings &settings)
{
    ConnectionProfile profile;
    profile.id = settings.value(QStringLiteral("id")).toString();
    profile.name = settings.value(QStringLiteral("name")).toString();
    const QString baseUrl = settings.value(QStringLiteral("baseUrl")).toString();
    profile.baseUrl = baseUrl.isEmpty() ? ConnectionProfile::defaultBaseUrl() : QUrl(baseUrl);
    // An unreadable label counts as production: the cautious badge, with confirmation on Save
    // (product principle 7).
    profile.environment =
        environmentFromString(settings.value(QStringLiteral("environment")).toString())
            .value_or(Environment::Production);
    bool ok = false;
    const int timeout = settings.value(QStringLiteral("transferTimeoutMs")).toInt(&ok);
    profile.transferTimeoutMs = ok && timeout >= ConnectionProfile::kMinTransferTimeoutMs
                                        && timeout <= ConnectionProfile::kMaxTransferTimeoutMs
                                    ? timeout
                                    : ConnectionProfile::kDefaultTransferTimeoutMs;
    return profile;
}

} // namespace

AppSettings::AppSettings(QSettings *settings, QObject *parent)
    : QObject(parent), m_settings(settings)
{
    Q_ASSERT(m_settings);
}

QString AppSettings::keyName(Key key)
{
    return declaration(key).name;
}

// --- profiles ---------------------------------------------------------------------------------

QList<ConnectionProfile> AppSettings::profiles() const
{
    QList<ConnectionProfile> out;
    const int count = m_settings->beginReadArray(keyName(Key::Profiles));
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        ConnectionProfile profile = readProfile(*m_settings);
        if (!profile.id.isEmpty())
            out.append(profile);
    }
    m_settings->endArray();
    return out;
}

std::optional<ConnectionProfile> AppSettings::profile(const QString &id) const
{
    const QList<ConnectionProfile> all = profiles();
    for (const ConnectionProfile &candidate : all) {
        if (candidate.id == id)
            return candidate;
    }
    return std::nullopt;
}

bool AppSettings::saveProfile(const ConnectionProfile &profile, QString *error)
{
    if (const QString problem = profile.validationError(); !problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    QList<ConnectionProfile> all = profiles();
    const auto it = std::find_if(all.begin(), all.end(),
                                 [&](const ConnectionProfile &p) { return p.id == profile.id; });
    if (it == all.end())
        all.append(profile);
    else if (*it == profile)
        return true;
    else
        *it = profile;
    writeProfiles(all);
    emit changed(Key::Profiles);
    return true;
}

void AppSettings::removeProfile(const QString &id)
{
    QList<ConnectionProfile> all = profiles();
    const auto removed = all.removeIf([&](const ConnectionProfile &p) { return p.id == id; });
    if (removed == 0)
        return;
    writeProfiles(all);
    emit changed(Key::Profiles);

    if (m_settings->contains(lastAccountKey(id))) {
        m_settings->remove(lastAccountKey(id));
        emit changed(Key::LastAccount);
    }
    QList<RecentRecord> recent = recentRecords();
    if (recent.removeIf([&](const RecentRecord &r) { return r.profileId == id; }) > 0) {
        writeRecentRecords(recent);
        emit changed(Key::RecentRecords);
    }
    if (selectedProfileId() == id)
        setSelectedProfileId({});
}

void AppSettings::writeProfiles(const QList<ConnectionProfile> &profiles)
{
    m_settings->remove(keyName(Key::Profiles));
    m_settings->beginWriteArray(keyName(Key::Profiles), int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const ConnectionProfile &profile = profiles.at(i);
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("id"), profile.id);
        m_settings->setValue(QStringLiteral("name"), profile.name);
        m_settings->setValue(QStringLiteral("baseUrl"),
                             QString::fromUtf8(profile.baseUrl.toEncoded()));
        m_settings->setValue(QStringLiteral("environment"), toString(profile.environment));
        m_settings->setValue(QStringLiteral("transferTimeoutMs"), profile.transferTimeoutMs);
    }
    m_settings->endArray();
}

QString AppSettings::selectedProfileId() const
{
    return m_settings->value(keyName(Key::SelectedProfile)).toString();
}

void AppSettings::setSelectedProfileId(const QString &id)
{
    setScalar(Key::SelectedProfile, id);
}

std::optional<ConnectionProfile> AppSettings::selectedProfile() const
{
    const QString id = selectedProfileId();
    return id.isEmpty() ? std::nullopt : profile(id);
}

QString AppSettings::lastAccountId(const QString &profileId) const
{
    return m_settings->value(lastAccountKey(profileId)).toString();
}

void AppSettings::setLastAccountId(const QString &profileId, const QString &accountId)
{
    if (lastAccountId(profileId) == accountId)
        return;
    if (accountId.isEmpty())
        m_settings->remove(lastAccountKey(profileId));
    else
        m_settings->setValue(lastAccountKey(profileId), accountId);
    emit changed(Key::LastAccount);
}

// --- viewer and window ------------------------------------------------------------------------

qint64 AppSettings::largeBodyThreshold() const
{
    bool ok = false;
    const qint64 bytes = m_settings->value(keyName(Key::LargeBodyThreshold)).toLongLong(&ok);
    if (!ok || bytes < kMinLargeBodyThreshold || bytes > kMaxLargeBodyThreshold)
        return declaration(Key::LargeBodyThreshold).defaultValue.toLongLong();
    return bytes;
}

void AppSettings::setLargeBodyThreshold(qint64 bytes)
{
    setScalar(Key::LargeBodyThreshold,
              std::clamp(bytes, kMinLargeBodyThreshold, kMaxLargeBodyThreshold));
}

ResponseFormat AppSettings::defaultResponseFormat() const
{
    // Stored as text ("raw"), so the file stays readable and survives enum reordering.
    const QString stored = m_settings->value(keyName(Key::DefaultResponseFormat)).toString();
    return responseFormatFromString(stored).value_or(ResponseFormat::Unified);
}

void AppSettings::setDefaultResponseFormat(ResponseFormat format)
{
    setScalar(Key::DefaultResponseFormat, toString(format));
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings->value(keyName(Key::WindowGeometry)).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    setScalar(Key::WindowGeometry, geometry);
}

QByteArray AppSettings::windowState() const
{
    return m_settings->value(keyName(Key::WindowState)).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    setScalar(Key::WindowState, state);
}

QByteArray AppSettings::editorLayout() const
{
    return m_settings->value(keyName(Key::EditorLayout)).toByteArray();
}

void AppSettings::setEditorLayout(const QByteArray &layout)
{
    setScalar(Key::EditorLayout, layout);
}

void AppSettings::setScalar(Key key, const QVariant &value)
{
    const QString name = keyName(key);
    QVariant current = m_settings->value(name, declaration(key).defaultValue);
    // An INI file gives numbers back as text; compare as the type being written.
    if (current.convert(value.metaType()) && current == value)
        return;
    m_settings->setValue(name, value);
    emit changed(key);
}

// --- recent records ---------------------------------------------------------------------------

QList<RecentRecord> AppSettings::recentRecords() const
{
    QList<RecentRecord> out;
    const int count = m_settings->beginReadArray(keyName(Key::RecentRecords));
    for (int i = 0; i < count && out.size() < kMaxRecentRecords; ++i) {
        m_settings->setArrayIndex(i);
        RecentRecord record;
        record.profileId = m_settings->value(QStringLiteral("profileId")).toString();
        record.accountId = m_settings->value(QStringLiteral("accountId")).toString();
        record.resource = m_settings->value(QStringLiteral("resource")).toString();
        record.recordId = m_settings->value(QStringLiteral("recordId")).toString();
        record.label = m_settings->value(QStringLiteral("label")).toString();
        record.openedAt = QDateTime::fromString(
            m_settings->value(QStringLiteral("openedAt")).toString(), Qt::ISODateWithMs);
        if (!record.resource.isEmpty() && !record.recordId.isEmpty())
            out.append(record);
    }
    m_settings->endArray();
    return out;
}

void AppSettings::addRecentRecord(const RecentRecord &record)
{
    QList<RecentRecord> recent = recentRecords();
    recent.removeIf([&](const RecentRecord &r) { return r.isSameRecord(record); });
    recent.prepend(record);
    if (recent.size() > kMaxRecentRecords)
        recent.resize(kMaxRecentRecords);
    writeRecentRecords(recent);
    emit changed(Key::RecentRecords);
}

void AppSettings::clearRecentRecords()
{
    if (recentRecords().isEmpty())
        return;
    writeRecentRecords({});
    emit changed(Key::RecentRecords);
}

void AppSettings::writeRecentRecords(const QList<RecentRecord> &records)
{
    m_settings->remove(keyName(Key::RecentRecords));
    m_settings->beginWriteArray(keyName(Key::RecentRecords), int(records.size()));
    for (int i = 0; i < records.size(); ++i) {
        const RecentRecord &record = records.at(i);
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("profileId"), record.profileId);
        m_settings->setValue(QStringLiteral("accountId"), record.accountId);
        m_settings->setValue(QStringLiteral("resource"), record.resource);
        m_settings->setValue(QStringLiteral("recordId"), record.recordId);
        m_settings->setValue(QStringLiteral("label"), record.label);
        m_settings->setValue(QStringLiteral("openedAt"),
                             record.openedAt.toUTC().toString(Qt::ISODateWithMs));
    }
    m_settings->endArray();
}

bool AppSettings::sync(QString *error)
{
    m_settings->sync();
    switch (m_settings->status()) {
    case QSettings::NoError:
        return true;
    case QSettings::AccessError:
        if (error)
            *error = tr("The settings file %1 cannot be written.").arg(m_settings->fileName());
        return false;
    case QSettings::FormatError:
        if (error)
            *error = tr("The settings file %1 is damaged.").arg(m_settings->fileName());
        return false;
    }
    return false;
}

QString setAsideIfDamaged(QSettings &settings)
{
    if (settings.status() != QSettings::FormatError)
        return {};
    QString error;
    const std::optional<QString> movedTo = setAside(settings.fileName(), &error);
    settings.clear(); // what could be parsed is not trusted either
    settings.sync();
    if (!movedTo)
        return QCoreApplication::translate("crmdesk::AppSettings",
                                           "The settings could not be read and start from defaults; %1")
            .arg(error);
    return QCoreApplication::translate("crmdesk::AppSettings",
                                       "The settings could not be read; they were moved to %1 and "
                                       "start from defaults.")
        .arg(QDir::toNativeSeparators(*movedTo));
}

} // namespace crmdesk
