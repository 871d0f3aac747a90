#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace crmdesk {

// A yes/no question put to the user before something that cannot be undone.
struct Question
{
    QString title;
    QString text;
    QString acceptLabel; // the button that says yes: "Delete", "Clear history"
};

using Answer = std::function<void(bool accepted)>;

// Asks a Question without a nested event loop: `answered` runs later from the event loop with
// the user's choice (or at once, when a test pre-answers). Widgets keep one as a member, with
// messageBoxConfirmation() as the default and a setter for tests (style example 12).
using Confirmation = std::function<void(const Question &question, Answer answered)>;

// A window-modal QMessageBox over `parent`, opened with open() rather than exec(). Cancel is
// the default and the Escape button, so a stray Enter never confirms. When `parent` is gone
// before the user answers, `answered` never runs.
Confirmation messageBoxConfirmation(QWidget *parent);

} // namespace crmdesk
