#include "connections/connectionsdialog.h"

#include "store/appsettings.h"
#include "store/secretstore.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFont>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace crmdesk {

namespace {

constexpr int kIdRole = Qt::UserRole; // the profile id; empty for the embedded sandbox

QColor errorColor()
{
    return QColor(0xb3, 0x26, 0x1e);
}

QLabel *errorLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, errorColor());
    label->setPalette(palette);
    label->hide();
    return label;
}

QLabel *headingLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.2);
    label->setFont(font);
    return label;
}

// A field with its inline error under it, as one cell of a form.
QWidget *withError(QWidget *field, QLabel *error, QWidget *parent)
{
    auto *cell = new QWidget(parent);
    auto *layout = new QVBoxLayout(cell);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(error);
    return cell;
}

QLabel *formLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

int seconds(int milliseconds)
{
    return (milliseconds + 500) / 1000;
}

} // namespace

ConnectionsDialog::ConnectionsDialog(AppSettings *settings, SecretStore *secrets, QWidget *parent)
    : QDialog(parent),
      m_settings(settings),
      m_secrets(secrets),
      m_confirm(messageBoxConfirmation(this)),
      m_list(new QListWidget(this)),
      m_newButton(new QPushButton(tr("&New"), this)),
      m_deleteButton(new QPushButton(tr("&Delete…"), this)),
      m_pages(new QStackedWidget(this)),
      m_sandboxPage(new QWidget(m_pages)),
      m_editorPage(new QWidget(m_pages)),
      m_status(new QLabel(this)),
      m_buttons(new QDialogButtonBox(this))
{
    Q_ASSERT(m_settings && m_secrets);
    setObjectName(QStringLiteral("connectionsDialog"));
    setWindowTitle(tr("Connections[*]"));
    setAccessibleName(tr("Connections"));

    m_list->setObjectName(QStringLiteral("profileList"));
    m_list->setAccessibleName(tr("Connections"));
    m_list->setAlternatingRowColors(false);
    m_list->setSpacing(2);
    m_list->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 30);
    m_newButton->setObjectName(QStringLiteral("newProfileButton"));
    m_newButton->setAccessibleName(tr("New connection"));
    m_newButton->setAutoDefault(false);
    m_deleteButton->setObjectName(QStringLiteral("deleteProfileButton"));
    m_deleteButton->setAccessibleName(tr("Delete connection"));
    m_deleteButton->setAutoDefault(false);

    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_newButton);
    listButtons->addWidget(m_deleteButton);
    listButtons->addStretch(1);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    // The embedded sandbox: fixed, nothing to edit.
    m_sandboxPage->setObjectName(QStringLiteral("sandboxPage"));
    auto *sandboxHeading = headingLabel(QStringLiteral("sandboxHeading"), m_sandboxPage);
    sandboxHeading->setText(tr("Embedded sandbox"));
    auto *sandboxText = new QLabel(
        tr("The offline sandbox server built into CRM Desk. It runs on this computer, holds "
           "demo data for several providers and needs no API token: nothing leaves this "
           "machine. CRM Desk uses it whenever no connection is selected."),
        m_sandboxPage);
    sandboxText->setObjectName(QStringLiteral("sandboxDescription"));
    sandboxText->setWordWrap(true);
    auto *sandboxFacts = new QFormLayout;
    sandboxFacts->addRow(tr("Base URL:"), new QLabel(tr("http://127.0.0.1, started on demand"), m_sandboxPage));
    sandboxFacts->addRow(tr("Environment:"), new QLabel(tr("Sandbox"), m_sandboxPage));
    sandboxFacts->addRow(tr("API token:"), new QLabel(tr("Not needed"), m_sandboxPage));
    auto *sandboxLayout = new QVBoxLayout(m_sandboxPage);
    sandboxLayout->setContentsMargins(0, 0, 0, 0);
    sandboxLayout->addWidget(sandboxHeading);
    sandboxLayout->addWidget(sandboxText);
    sandboxLayout->addSpacing(6);
    sandboxLayout->addLayout(sandboxFacts);
    sandboxLayout->addStretch(1);

    buildEditor();
    m_pages->addWidget(m_sandboxPage);
    m_pages->addWidget(m_editorPage);

    auto *top = new QHBoxLayout;
    top->setSpacing(16);
    top->addLayout(left, 0);
    top->addWidget(m_pages, 1);

    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Status"));
    m_useButton = m_buttons->addButton(tr("&Use this connection"), QDialogButtonBox::AcceptRole);
    m_useButton->setObjectName(QStringLiteral("useButton"));
    m_useButton->setAccessibleName(tr("Use this connection"));
    m_useButton->setAutoDefault(false);
    QPushButton *close = m_buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeButton"));
    close->setAccessibleName(tr("Close"));
    close->setAutoDefault(false);
    m_buttons->setObjectName(QStringLiteral("dialogButtons"));

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_buttons);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 12);
    layout->setSpacing(12);
    layout->addLayout(top, 1);
    layout->addLayout(bottom);

    connect(m_list, &QListWidget::currentRowChanged, this, &ConnectionsDialog::onCurrentRowChanged);
    connect(m_newButton, &QPushButton::clicked, this, &ConnectionsDialog::newProfile);
    connect(m_deleteButton, &QPushButton::clicked, this, &ConnectionsDialog::deleteProfile);
    connect(m_useButton, &QPushButton::clicked, this, &ConnectionsDialog::useSelected);
    connect(close, &QPushButton::clicked, this, &ConnectionsDialog::reject);
    connect(m_secrets, &SecretStore::persistenceChanged, this, &ConnectionsDialog::updateTokenStorage);

    resize(800, 460);
    const QString selected = m_settings->selectedProfile() ? m_settings->selectedProfileId() : QString();
    fillList(selected);
    display(selected);
    updateTokenStorage();
}

void ConnectionsDialog::buildEditor()
{
    m_editorPage->setObjectName(QStringLiteral("editorPage"));
    m_heading = headingLabel(QStringLiteral("profileHeading"), m_editorPage);

    m_name = new QLineEdit(m_editorPage);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setAccessibleName(tr("Name"));
    m_name->setPlaceholderText(tr("Acme production"));
    m_nameError = errorLabel(QStringLiteral("nameError"), m_editorPage);

    m_baseUrl = new QLineEdit(m_editorPage);
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_baseUrl->setAccessibleName(tr("Base URL"));
    m_baseUrl->setPlaceholderText(ConnectionProfile::defaultBaseUrl().toString());
    m_baseUrlError = errorLabel(QStringLiteral("baseUrlError"), m_editorPage);

    m_environment = new QComboBox(m_editorPage);
    m_environment->setObjectName(QStringLiteral("environmentCombo"));
    m_environment->setAccessibleName(tr("Environment"));
    m_environment->setToolTip(tr("Shown as a badge on every Save; the Truto environment this "
                                 "connection's token belongs to"));
    m_environment->addItem(tr("Production"), toString(Environment::Production));
    m_environment->addItem(tr("Staging"), toString(Environment::Staging));
    m_environment->addItem(tr("Sandbox"), toString(Environment::Sandbox));

    m_timeout = new QSpinBox(m_editorPage);
    m_timeout->setObjectName(QStringLiteral("timeoutSpin"));
    m_timeout->setAccessibleName(tr("Transfer timeout in seconds"));
    m_timeout->setToolTip(tr("A call that receives no data for this long is stopped"));
    m_timeout->setRange(ConnectionProfile::kMinTransferTimeoutMs / 1000,
                        ConnectionProfile::kMaxTransferTimeoutMs / 1000);
    m_timeout->setSuffix(tr(" s"));

    m_token = new QLineEdit(m_editorPage);
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_token->setAccessibleName(tr("API token"));
    m_token->setEchoMode(QLineEdit::Password);
    m_showToken = new QToolButton(m_editorPage);
    m_showToken->setObjectName(QStringLiteral("showTokenButton"));
    m_showToken->setCheckable(true);
    m_showToken->setText(tr("Show"));
    m_showToken->setAccessibleName(tr("Show the API token"));
    m_showToken->setToolTip(tr("Reveal the token on screen"));
    m_tokenStorage = new QLabel(m_editorPage);
    m_tokenStorage->setObjectName(QStringLiteral("tokenStorageLabel"));
    m_tokenStorage->setWordWrap(true);
    auto *tokenRow = new QWidget(m_editorPage);
    auto *tokenLayout = new QHBoxLayout(tokenRow);
    tokenLayout->setContentsMargins(0, 0, 0, 0);
    tokenLayout->setSpacing(4);
    tokenLayout->addWidget(m_token, 1);
    tokenLayout->addWidget(m_showToken);

    m_saveButton = new QPushButton(tr("&Save"), m_editorPage);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setAccessibleName(tr("Save connection"));
    m_saveButton->setDefault(true);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setVerticalSpacing(8);
    form->addRow(formLabel(tr("&Name:"), m_name, m_editorPage), withError(m_name, m_nameError, m_editorPage));
    form->addRow(formLabel(tr("Base &URL:"), m_baseUrl, m_editorPage),
                 withError(m_baseUrl, m_baseUrlError, m_editorPage));
    form->addRow(formLabel(tr("&Environment:"), m_environment, m_editorPage), m_environment);
    form->addRow(formLabel(tr("Transfer &timeout:"), m_timeout, m_editorPage), m_timeout);
    form->addRow(formLabel(tr("API to&ken:"), m_token, m_editorPage),
                 withError(tokenRow, m_tokenStorage, m_editorPage));
    m_tokenStorage->show(); // withError's label starts hidden; this one is always shown

    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch(1);
    saveRow->addWidget(m_saveButton);

    auto *layout = new QVBoxLayout(m_editorPage);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heading);
    layout->addSpacing(4);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addLayout(saveRow);

    for (QLineEdit *edit : {m_name, m_baseUrl, m_token})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionsDialog::updateState);
    connect(m_token, &QLineEdit::textEdited, this, [this] {
        m_tokenEdited = true;
        updateState();
    });
    connect(m_environment, &QComboBox::currentIndexChanged, this, &ConnectionsDialog::updateState);
    connect(m_timeout, &QSpinBox::valueChanged, this, &ConnectionsDialog::updateState);
    connect(m_showToken, &QToolButton::toggled, this, [this](bool shown) {
        m_token->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_showToken->setText(shown ? tr("Hide") : tr("Show"));
        m_showToken->setAccessibleName(shown ? tr("Hide the API token") : tr("Show the API token"));
    });
    connect(m_saveButton, &QPushButton::clicked, this, &ConnectionsDialog::save);
}

void ConnectionsDialog::setConfirmation(Confirmation confirmation)
{
    m_confirm = std::move(confirmation);
}

QString ConnectionsDialog::currentProfileId() const
{
    return m_mode == Mode::Sandbox ? QString() : m_original.id;
}

bool ConnectionsDialog::isModified() const
{
    switch (m_mode) {
    case Mode::Sandbox:
        return false;
    case Mode::New:
        return true;
    case Mode::Existing:
        break;
    }
    return m_tokenEdited || editedProfile() != m_original;
}

ConnectionProfile ConnectionsDialog::editedProfile() const
{
    ConnectionProfile profile = m_original;
    profile.name = m_name->text().trimmed();
    profile.baseUrl = QUrl(m_baseUrl->text().trimmed());
    profile.environment = environmentFromString(m_environment->currentData().toString())
                              .value_or(Environment::Production);
    // The spin box shows whole seconds; an untouched value keeps the stored milliseconds.
    if (m_timeout->value() != seconds(m_original.transferTimeoutMs))
        profile.transferTimeoutMs = m_timeout->value() * 1000;
    return profile;
}

void ConnectionsDialog::fillList(const QString &selectId)
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    const QString inUse = m_settings->selectedProfile() ? m_settings->selectedProfileId() : QString();
    const auto add = [&](const QString &id, const QString &title, QString detail, bool fixed) {
        if (id == inUse)
            detail += tr(" · in use");
        auto *item = new QListWidgetItem(title + u'\n' + detail, m_list);
        item->setData(kIdRole, id);
        if (id == inUse) {
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
        }
        if (fixed)
            item->setToolTip(tr("Built in; cannot be edited or deleted"));
        if (id == selectId)
            m_list->setCurrentItem(item);
    };
    add(QString(), tr("Embedded sandbox"), tr("offline · this computer"), true);
    const QList<ConnectionProfile> profiles = m_settings->profiles();
    for (const ConnectionProfile &profile : profiles)
        add(profile.id, profile.name, toString(profile.environment) + tr(" · ") + profile.baseUrl.host(), false);
}

void ConnectionsDialog::selectRowOf(const QString &profileId)
{
    const QSignalBlocker blocker(m_list);
    if (m_mode == Mode::New) {
        m_list->setCurrentRow(-1);
        return;
    }
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(kIdRole).toString() == profileId) {
            m_list->setCurrentRow(row);
            return;
        }
    }
}

void ConnectionsDialog::onCurrentRowChanged(int row)
{
    if (row < 0)
        return;
    const QString id = m_list->item(row)->data(kIdRole).toString();
    if (m_mode != Mode::New && id == currentProfileId())
        return;
    if (!isModified()) {
        display(id);
        return;
    }
    // The edited profile stays selected while the user decides.
    selectRowOf(currentProfileId());
    askToDiscardThen([this, id] { display(id); });
}

void ConnectionsDialog::askToDiscardThen(std::function<void()> next)
{
    const QString name = m_mode == Mode::New || m_original.name.isEmpty()
                             ? tr("the new connection")
                             : tr("“%1”").arg(m_original.name);
    const Question question{tr("Discard changes?"),
                            tr("The changes to %1 are not saved. Discard them?").arg(name),
                            tr("Discard")};
    m_confirm(question, [self = QPointer<ConnectionsDialog>(this), next = std::move(next)](bool yes) {
        if (self && yes)
            next();
    });
}

void ConnectionsDialog::showProfile(const QString &profileId)
{
    display(profileId);
}

void ConnectionsDialog::display(const QString &profileId)
{
    ++m_tokenRead; // any read still running is for the profile shown before
    m_tokenLoading = false;
    m_tokenEdited = false;
    m_showToken->setChecked(false);
    const std::optional<ConnectionProfile> profile =
        profileId.isEmpty() ? std::nullopt : m_settings->profile(profileId);
    if (profile) {
        m_mode = Mode::Existing;
        m_original = *profile;
        fillEditor(*profile);
        m_pages->setCurrentWidget(m_editorPage);
        readToken(profile->id);
    } else {
        m_mode = Mode::Sandbox;
        m_original = ConnectionProfile();
        m_pages->setCurrentWidget(m_sandboxPage);
    }
    selectRowOf(currentProfileId());
    updateState();
}

void ConnectionsDialog::fillEditor(const ConnectionProfile &profile)
{
    const QSignalBlocker name(m_name);
    const QSignalBlocker url(m_baseUrl);
    const QSignalBlocker environment(m_environment);
    const QSignalBlocker timeout(m_timeout);
    const QSignalBlocker token(m_token);
    m_name->setText(profile.name);
    m_baseUrl->setText(profile.baseUrl.toString());
    m_environment->setCurrentIndex(qMax(0, m_environment->findData(toString(profile.environment))));
    m_timeout->setValue(seconds(profile.transferTimeoutMs));
    m_token->clear();
    m_token->setPlaceholderText(QString());
}

void ConnectionsDialog::readToken(const QString &profileId)
{
    const quint64 ticket = ++m_tokenRead;
    m_tokenLoading = true;
    m_token->clear();
    m_token->setPlaceholderText(tr("Reading the token…"));
    m_secrets->readToken(profileId, this, [this, ticket](const SecretResult &result) {
        if (ticket != m_tokenRead)
            return; // another profile is shown now
        m_tokenLoading = false;
        switch (result.status) {
        case SecretResult::Status::Ok:
            m_token->setText(result.token);
            m_token->setPlaceholderText(QString());
            break;
        case SecretResult::Status::NotFound:
            m_token->setPlaceholderText(tr("No token saved: paste one and press Save"));
            break;
        case SecretResult::Status::Failed:
            m_token->setPlaceholderText(tr("The token could not be read"));
            setStatus(result.errorString, true);
            break;
        }
        updateState();
    });
    updateState();
}

void ConnectionsDialog::newProfile()
{
    if (isBusy())
        return;
    const auto start = [this] {
        ++m_tokenRead;
        m_tokenLoading = false;
        m_tokenEdited = false;
        m_showToken->setChecked(false);
        m_mode = Mode::New;
        m_original = ConnectionProfile::create(tr("New connection"));
        fillEditor(m_original);
        m_token->setPlaceholderText(tr("Paste the API token from the Truto dashboard"));
        m_pages->setCurrentWidget(m_editorPage);
        selectRowOf(QString());
        setStatus(QString());
        updateState();
        m_name->setFocus();
        m_name->selectAll();
    };
    if (isModified())
        askToDiscardThen(start);
    else
        start();
}

void ConnectionsDialog::save()
{
    if (!m_saveButton->isEnabled())
        return;
    const ConnectionProfile profile = editedProfile();
    QString error;
    if (!m_settings->saveProfile(profile, &error)) {
        setStatus(error, true);
        return;
    }
    QString syncError;
    const bool synced = m_settings->sync(&syncError);
    m_mode = Mode::Existing;
    m_original = profile;
    fillList(profile.id);
    if (!synced)
        setStatus(tr("The connection could not be written to the settings file: %1").arg(syncError), true);

    if (!m_tokenEdited) {
        if (synced)
            setStatus(tr("Saved “%1”.").arg(profile.name));
        updateState();
        Q_EMIT profileSaved(profile.id);
        return;
    }
    // Pasted tokens often carry a stray space or newline; a token never contains one.
    const QString token = m_token->text().trimmed();
    const bool removing = token.isEmpty();
    beginBusy(removing ? tr("Removing the token…") : tr("Saving the token…"));
    auto done = [this, profile, removing, synced](const SecretResult &result) {
        endBusy();
        if (!result.ok()) {
            setStatus(tr("The connection was saved, but its token was not: %1").arg(result.errorString), true);
            return;
        }
        if (currentProfileId() == profile.id)
            m_tokenEdited = false;
        if (synced)
            setStatus(removing ? tr("Saved “%1” without a token.").arg(profile.name)
                               : tr("Saved “%1”.").arg(profile.name));
        updateState();
        Q_EMIT profileSaved(profile.id);
    };
    if (removing)
        m_secrets->deleteToken(profile.id, this, done);
    else
        m_secrets->writeToken(profile.id, token, this, done);
}

void ConnectionsDialog::deleteProfile()
{
    if (m_mode != Mode::Existing || isBusy())
        return;
    const QString id = m_original.id;
    const QString where = m_secrets->isPersistent() ? tr("the system keychain") : tr("this session");
    const Question question{tr("Delete connection"),
                            tr("Delete the connection “%1” and remove its API token from %2? "
                               "This cannot be undone.")
                                .arg(m_original.name, where),
                            tr("Delete")};
    m_confirm(question, [self = QPointer<ConnectionsDialog>(this), id](bool yes) {
        if (self && yes)
            self->removeProfileNow(id);
    });
}

void ConnectionsDialog::removeProfileNow(const QString &profileId)
{
    if (isBusy())
        return;
    // The token goes first: a profile whose token cannot be removed stays listed, so the user
    // can try again, rather than leaving an orphaned secret in the keychain.
    beginBusy(tr("Removing the token…"));
    m_secrets->deleteToken(profileId, this, [this, profileId](const SecretResult &result) {
        endBusy();
        if (!result.ok()) {
            setStatus(tr("The connection was not deleted, because its token could not be "
                         "removed: %1")
                          .arg(result.errorString),
                      true);
            return;
        }
        const QString name = m_settings->profile(profileId).value_or(ConnectionProfile()).name;
        m_settings->removeProfile(profileId);
        QString syncError;
        const bool synced = m_settings->sync(&syncError);
        fillList(QString());
        display(QString());
        if (synced)
            setStatus(tr("Deleted “%1”.").arg(name));
        else
            setStatus(tr("The settings file could not be written: %1").arg(syncError), true);
        Q_EMIT profileDeleted(profileId);
    });
}

void ConnectionsDialog::useSelected()
{
    if (!m_useButton->isEnabled())
        return;
    const QString id = currentProfileId();
    m_settings->setSelectedProfileId(id);
    m_settings->sync(); // a failure only means the choice is not remembered at the next start
    Q_EMIT connectionChosen(id);
    accept();
}

void ConnectionsDialog::reject()
{
    if (isModified()) {
        askToDiscardThen([this] { discardAndClose(); });
        return;
    }
    QDialog::reject();
}

void ConnectionsDialog::discardAndClose()
{
    // Reopening the dialog shows what is saved, not the discarded edits.
    const QString selected = m_settings->selectedProfile() ? m_settings->selectedProfileId() : QString();
    display(m_mode == Mode::Existing ? m_original.id : selected);
    QDialog::reject();
}

void ConnectionsDialog::updateTokenStorage()
{
    const bool persistent = m_secrets->isPersistent();
    m_tokenStorage->setText(persistent ? tr("Stored in the system keychain") : m_secrets->persistenceMessage());
    QPalette palette = m_tokenStorage->palette();
    palette.setColor(QPalette::WindowText, persistent ? palette.color(QPalette::PlaceholderText) : errorColor());
    m_tokenStorage->setPalette(palette);
}

void ConnectionsDialog::beginBusy(const QString &message)
{
    ++m_busy;
    setStatus(message);
    updateState();
}

void ConnectionsDialog::endBusy()
{
    m_busy = qMax(0, m_busy - 1);
    updateState();
}

void ConnectionsDialog::setStatus(const QString &message, bool error)
{
    m_status->setText(message);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, error ? errorColor() : QPalette().color(QPalette::WindowText));
    m_status->setPalette(palette);
}

void ConnectionsDialog::updateState()
{
    const bool busy = isBusy();
    const bool editing = m_mode != Mode::Sandbox;
    m_list->setEnabled(!busy);
    m_newButton->setEnabled(!busy);
    m_deleteButton->setEnabled(!busy && m_mode == Mode::Existing);
    m_deleteButton->setToolTip(m_mode == Mode::Sandbox ? tr("The embedded sandbox cannot be deleted")
                                                       : QString());
    m_editorPage->setEnabled(!busy);
    m_token->setEnabled(!m_tokenLoading);
    m_showToken->setEnabled(!m_tokenLoading);

    QString nameError;
    QString urlError;
    if (editing) {
        if (m_name->text().trimmed().isEmpty())
            nameError = tr("Give the connection a name.");
        urlError = ConnectionProfile::baseUrlError(QUrl(m_baseUrl->text().trimmed()));
    }
    m_nameError->setText(nameError);
    m_nameError->setVisible(!nameError.isEmpty());
    m_name->setAccessibleDescription(nameError);
    m_baseUrlError->setText(urlError);
    m_baseUrlError->setVisible(!urlError.isEmpty());
    m_baseUrl->setAccessibleDescription(urlError);

    const QString problem = editing ? editedProfile().validationError() : QString();
    const bool modified = isModified();
    m_saveButton->setEnabled(!busy && editing && modified && problem.isEmpty() && !m_tokenLoading);
    m_saveButton->setToolTip(!problem.isEmpty() ? problem : modified ? QString() : tr("Nothing to save"));
    m_useButton->setEnabled(!busy && !modified);
    m_useButton->setToolTip(modified ? tr("Save the connection first") : QString());

    const QString name = m_name->text().trimmed();
    m_heading->setText(m_mode == Mode::New ? tr("New connection")
                       : name.isEmpty()    ? tr("Unnamed connection")
                                           : name);
    setWindowModified(modified);
}

} // namespace crmdesk
