#pragma once

#include "dialogs/confirmation.h"
#include "settings/connectionprofile.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QToolButton;

namespace crmdesk {

class AppSettings;
class SecretStore;

// Manages connection profiles: a list on the left (a fixed "Embedded sandbox" entry first,
// then the saved profiles) and an editor on the right.
//
// A profile's settings go through AppSettings and its API token through the SecretStore only
// (product principle 9): the token is shown masked, revealed only by the explicit "Show"
// toggle, and the dialog says whether the store keeps it beyond this session. Keychain calls
// are asynchronous; while one runs the list and the buttons are disabled, and no nested event
// loop is spun.
class ConnectionsDialog : public QDialog
{
    Q_OBJECT
public:
    // settings and secrets must outlive the dialog.
    ConnectionsDialog(AppSettings *settings, SecretStore *secrets, QWidget *parent = nullptr);

    // Replaces the message boxes asked before deleting a profile or discarding edits; for tests.
    void setConfirmation(Confirmation confirmation);

    // Shows a profile in the editor; an empty id shows the embedded sandbox.
    void showProfile(const QString &profileId);
    // The profile in the editor: empty for the embedded sandbox; a fresh id for a new profile
    // that is not saved yet.
    QString currentProfileId() const;
    bool isNewProfile() const { return m_mode == Mode::New; }
    bool isSandboxShown() const { return m_mode == Mode::Sandbox; }
    // Unsaved edits in the editor (a new profile always counts as one).
    bool isModified() const;
    // A keychain read, write or delete is running.
    bool isBusy() const { return m_busy > 0; }

    // The actions behind the buttons.
    void newProfile();
    void save();
    void deleteProfile();
    void useSelected();

public Q_SLOTS:
    // Asks before discarding unsaved edits.
    void reject() override;

Q_SIGNALS:
    // "Use this connection": the selected profile, empty for the embedded sandbox. Also stored
    // with AppSettings::setSelectedProfileId before the signal.
    void connectionChosen(const QString &profileId);
    // The profile and, when it was edited, its token were saved.
    void profileSaved(const QString &profileId);
    // The profile and its token are gone.
    void profileDeleted(const QString &profileId);

private:
    enum class Mode { Sandbox, Existing, New };

    void buildEditor();
    void fillList(const QString &selectId);
    void onCurrentRowChanged(int row);
    void selectRowOf(const QString &profileId);
    void display(const QString &profileId);
    void fillEditor(const ConnectionProfile &profile);
    void readToken(const QString &profileId);
    void removeProfileNow(const QString &profileId);
    void discardAndClose();
    void askToDiscardThen(std::function<void()> next);
    ConnectionProfile editedProfile() const;
    void updateState();
    void updateTokenStorage();
    void beginBusy(const QString &message);
    void endBusy();
    void setStatus(const QString &message, bool error = false);

    AppSettings *m_settings;
    SecretStore *m_secrets;
    Confirmation m_confirm;

    Mode m_mode = Mode::Sandbox;
    ConnectionProfile m_original; // the saved state of the profile in the editor
    bool m_tokenEdited = false;
    bool m_tokenLoading = false;
    quint64 m_tokenRead = 0; // numbers token reads, so that a late answer for another profile is dropped
    int m_busy = 0;

    QListWidget *m_list;
    QPushButton *m_newButton;
    QPushButton *m_deleteButton;
    QStackedWidget *m_pages;
    QWidget *m_sandboxPage;
    QWidget *m_editorPage;
    QLabel *m_heading;
    QLineEdit *m_name;
    QLabel *m_nameError;
    QLineEdit *m_baseUrl;
    QLabel *m_baseUrlError;
    QComboBox *m_environment;
    QSpinBox *m_timeout;
    QLineEdit *m_token;
    QToolButton *m_showToken;
    QLabel *m_tokenStorage;
    QLabel *m_tokenStorageIcon;
    QLabel *m_status;
    QPushButton *m_saveButton;
    QPushButton *m_useButton;
    QDialogButtonBox *m_buttons;
};

} // namespace crmdesk
