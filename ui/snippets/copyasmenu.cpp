#include "snippets/copyasmenu.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QPointer>

namespace crmdesk {

namespace {

struct FormName
{
    SnippetForm form;
    const char *objectName;
};

constexpr FormName kForms[] = {
    {SnippetForm::Curl, "copyAsCurl"},
    {SnippetForm::JavaScriptFetch, "copyAsFetch"},
    {SnippetForm::PythonRequests, "copyAsPythonRequests"},
    {SnippetForm::TrutoTypeScriptSdk, "copyAsTypeScriptSdk"},
    {SnippetForm::TrutoPythonSdk, "copyAsPythonSdk"},
};

bool hasRequest(const SnippetRequest &request)
{
    return !request.request.url.isEmpty();
}

} // namespace

CopyAsMenu::CopyAsMenu(RequestSource request, QWidget *parent)
    : QMenu(tr("Copy &as"), parent),
      m_request(std::move(request)),
      m_confirm(messageBoxConfirmation(this))
{
    setObjectName(QStringLiteral("copyAsMenu"));
    setAccessibleName(tr("Copy as"));
    setToolTipsVisible(true);
    for (const FormName &entry : kForms) {
        QAction *action = addAction(toString(entry.form));
        action->setObjectName(QLatin1String(entry.objectName));
        connect(action, &QAction::triggered, this, [this, form = entry.form] { copy(form); });
        m_forms.insert(entry.form, action);
    }
    m_separator = addSeparator();
    m_includeToken = addAction(tr("Include &token"));
    m_includeToken->setObjectName(QStringLiteral("includeTokenAction"));
    m_includeToken->setCheckable(true);
    m_includeToken->setToolTip(tr("Put the real API token into the snippet instead of "
                                  "<your_api_token>. You are asked before each copy."));
    m_separator->setVisible(false);
    m_includeToken->setVisible(false);
    connect(this, &QMenu::aboutToShow, this, &CopyAsMenu::updateActions);
}

void CopyAsMenu::setTokenSource(TokenSource token)
{
    m_token = std::move(token);
    const bool available = bool(m_token);
    m_separator->setVisible(available);
    m_includeToken->setVisible(available);
    if (!available)
        m_includeToken->setChecked(false);
}

void CopyAsMenu::setConfirmation(Confirmation confirmation)
{
    m_confirm = std::move(confirmation);
}

QString CopyAsMenu::currentToken() const
{
    return m_token ? m_token() : QString();
}

void CopyAsMenu::updateActions()
{
    const SnippetRequest request = m_request ? m_request() : SnippetRequest();
    const SnippetGenerator generator;
    for (auto it = m_forms.cbegin(); it != m_forms.cend(); ++it) {
        const bool supported = hasRequest(request) && generator.supports(it.key(), request);
        it.value()->setEnabled(supported);
        it.value()->setToolTip(!hasRequest(request) ? tr("There is no request to copy.")
                               : supported          ? QString()
                                                    : tr("The Truto SDKs express only unified "
                                                         "get, list and update calls."));
    }
    if (m_token) {
        const bool haveToken = !currentToken().isEmpty();
        m_includeToken->setEnabled(haveToken);
        if (!haveToken)
            m_includeToken->setChecked(false);
    }
}

void CopyAsMenu::copy(SnippetForm form)
{
    const SnippetRequest request = m_request ? m_request() : SnippetRequest();
    if (!hasRequest(request)) {
        Q_EMIT copyFailed(tr("There is no request to copy."));
        return;
    }
    if (!SnippetGenerator().supports(form, request)) {
        Q_EMIT copyFailed(tr("%1 cannot express this call.").arg(toString(form)));
        return;
    }
    if (!m_includeToken->isChecked() || currentToken().isEmpty()) {
        put(form, request, false);
        return;
    }
    const Question question{
        tr("Copy the API token?"),
        tr("The snippet will contain your API token in plain text. Anyone who can read the "
           "clipboard, or the chat or ticket you paste it into, can use it to call Truto as "
           "you."),
        tr("Copy with token")};
    m_confirm(question, [self = QPointer<CopyAsMenu>(this), form, request](bool accepted) {
        if (self && accepted)
            self->put(form, request, true);
    });
}

void CopyAsMenu::put(SnippetForm form, const SnippetRequest &request, bool withToken)
{
    SnippetGenerator generator;
    const QString token = currentToken();
    // Known even when not included: a token that slipped into the URL or body is scrubbed too.
    generator.setKnownToken(token);
    if (withToken)
        generator.includeToken(token);
    const QString text = generator.generate(form, request);
    if (text.isEmpty()) {
        Q_EMIT copyFailed(tr("%1 cannot express this call.").arg(toString(form)));
        return;
    }
    auto *data = new QMimeData;
    data->setText(text);
    // Asks clipboard managers that honour it (KDE's Klipper) not to keep a secret in history.
    if (withToken)
        data->setData(QStringLiteral("x-kde-passwordManagerHint"), QByteArrayLiteral("secret"));
    QGuiApplication::clipboard()->setMimeData(data);
    Q_EMIT copied(form, withToken);
}

void CopyAsMenu::mouseReleaseEvent(QMouseEvent *event)
{
    QAction *action = actionAt(event->position().toPoint());
    if (action == m_includeToken && action->isEnabled() && action->isVisible()) {
        m_includeToken->toggle();
        event->accept();
        return;
    }
    QMenu::mouseReleaseEvent(event);
}

void CopyAsMenu::keyPressEvent(QKeyEvent *event)
{
    const bool activates = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter
                           || event->key() == Qt::Key_Space;
    if (activates && activeAction() == m_includeToken && m_includeToken->isEnabled()) {
        m_includeToken->toggle();
        event->accept();
        return;
    }
    QMenu::keyPressEvent(event);
}

} // namespace crmdesk
