#pragma once

#include "dialogs/confirmation.h"
#include "snippets/snippetgenerator.h"

#include <QMap>
#include <QMenu>

#include <functional>

namespace crmdesk {

// "Copy as" cURL, fetch, Python requests, Truto TypeScript SDK or Truto Python SDK: turns the
// caller's current request into code with SnippetGenerator and puts it on the clipboard.
//
// The token is `<your_api_token>` unless "Include token" is on, and even then the user is asked
// each time before the token leaves in plain text (product principle 9). The real token is
// never needed to redact: it only comes from the token source, and only to be scrubbed out of
// redacted snippets or, when confirmed, put in.
class CopyAsMenu : public QMenu
{
    Q_OBJECT
public:
    // The request to copy, read when the menu opens and again when a form is chosen. A request
    // without a URL means there is nothing to copy, and every form is disabled.
    using RequestSource = std::function<SnippetRequest()>;
    // The token the app holds for the request's connection, read only when needed.
    using TokenSource = std::function<QString()>;

    explicit CopyAsMenu(RequestSource request, QWidget *parent = nullptr);

    // Without a token source (the default) "Include token" is hidden: snippets can then only
    // carry the placeholder, as for history entries, whose token was never stored.
    void setTokenSource(TokenSource token);
    // Replaces the message box that asks before a token is copied; for tests.
    void setConfirmation(Confirmation confirmation);

    QAction *formAction(SnippetForm form) const { return m_forms.value(form); }
    QAction *includeTokenAction() const { return m_includeToken; }

    // Copies the current request in `form`, asking first when the token is to be included.
    void copy(SnippetForm form);

Q_SIGNALS:
    // The snippet is on the clipboard.
    void copied(crmdesk::SnippetForm form, bool withToken);
    // Nothing was copied: no request, or the form cannot express it. One sentence for people.
    void copyFailed(const QString &reason);

protected:
    // "Include token" toggles without closing the menu, so a form can be chosen next.
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateActions();
    void put(SnippetForm form, const SnippetRequest &request, bool withToken);
    QString currentToken() const;

    RequestSource m_request;
    TokenSource m_token;
    Confirmation m_confirm;
    QMap<SnippetForm, QAction *> m_forms;
    QAction *m_separator;
    QAction *m_includeToken;
};

} // namespace crmdesk
