#pragma once

#include "api/queryoptions.h"
#include "settings/connectionprofile.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

class QSettings;

class QSettings;

namespace crmdesk {

// A record the user opened, for the "recent" menu.
struct RecentRecord
{
    QString profileId;
    QString accountId;
    QString resource;
    QString recordId;
    QString label;      // what the menu shows, e.g. "Jane Doe (contacts)"
    QDateTime openedAt; // UTC

    bool isSameRecord(const RecentRecord &other) const
    {
        return profileId == other.profileId && accountId == other.accountId
               && resource == other.resource && recordId == other.recordId;
    }
    friend bool operator==(const RecentRecord &, const RecentRecord &) = default;
};

// The app's settings, each declared once with its storage name and default (style example 13),
// over an injected QSettings: the app passes its own, tests pass an INI file in a temporary
// folder. No widget reads QSettings directly.
//
// Tokens never go here (style "things to avoid" 8): a profile's token lives in the
// SecretStore under the profile id, and base URLs with credentials are refused.
//
// Values read back are checked: a hand-edited or damaged file yields defaults, never a
// crash or a nonsensical timeout.
class AppSettings : public QObject
{
    Q_OBJECT
public:
    enum class Key {
        Profiles,
        SelectedProfile,
        LastAccount,
        LargeBodyThreshold,
        DefaultResponseFormat,
        WindowGeometry,
        WindowState,
        EditorLayout,
        RecentRecords,
    };
    Q_ENUM(Key)

    // Above this size a body is shown in the paged raw view (product principle 5).
    static constexpr qint64 kDefaultLargeBodyThreshold = 5 * 1024 * 1024;
    static constexpr qint64 kMinLargeBodyThreshold = 64 * 1024;
    static constexpr qint64 kMaxLargeBodyThreshold = qint64(2) * 1024 * 1024 * 1024;
    static constexpr int kMaxRecentRecords = 20;

    // settings must outlive this object.
    explicit AppSettings(QSettings *settings, QObject *parent = nullptr);

    // The QSettings key (or group) a setting is stored under.
    static QString keyName(Key key);

    // Connection profiles, in the order the user created them.
    QList<ConnectionProfile> profiles() const;
    std::optional<ConnectionProfile> profile(const QString &id) const;
    // Adds the profile, or replaces the one with the same id. An invalid profile is not saved
    // and `error` says why (ConnectionProfile::validationError()).
    bool saveProfile(const ConnectionProfile &profile, QString *error = nullptr);
    // Also forgets the profile's last account and recent records, and unselects it.
    void removeProfile(const QString &id);

    QString selectedProfileId() const;
    void setSelectedProfileId(const QString &id);
    // The selected profile, when it still exists.
    std::optional<ConnectionProfile> selectedProfile() const;

    // The integrated account last used with a profile, to reopen it at launch.
    QString lastAccountId(const QString &profileId) const;
    void setLastAccountId(const QString &profileId, const QString &accountId);

    qint64 largeBodyThreshold() const;
    void setLargeBodyThreshold(qint64 bytes); // clamped to [kMin, kMax]

    // The format the viewer asks for by default (contract §6.1).
    ResponseFormat defaultResponseFormat() const;
    void setDefaultResponseFormat(ResponseFormat format);

    // Opaque blobs from QWidget::saveGeometry() and QMainWindow::saveState().
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    // The record view's arrangement (form and side widths, closed sections): opaque.
    QByteArray editorLayout() const;
    void setEditorLayout(const QByteArray &layout);

    // Most recent first, at most kMaxRecentRecords.
    QList<RecentRecord> recentRecords() const;
    // Moves an already listed record to the front instead of listing it twice.
    void addRecentRecord(const RecentRecord &record);
    void clearRecentRecords();

    // Writes pending changes now. False, with a reason, when the file cannot be written
    // (read-only folder, full disk): the caller can tell the user instead of losing settings.
    bool sync(QString *error = nullptr);

signals:
    void changed(crmdesk::AppSettings::Key key);

private:
    void writeProfiles(const QList<ConnectionProfile> &profiles);
    void writeRecentRecords(const QList<RecentRecord> &records);
    void setScalar(Key key, const QVariant &value);

    QSettings *m_settings;
};

// A settings file Qt cannot parse is moved aside (renamed, never deleted) and the app goes on
// with defaults, which are written to a new file. Returns what happened, in words for the user,
// or nothing when the file was fine.
QString setAsideIfDamaged(QSettings &settings);

} // namespace crmdesk
