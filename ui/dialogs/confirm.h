#pragma once

#include <QMessageBox>
#include <QString>

#include <functional>

class QWidget;

namespace crmdesk {

// A yes/no question that never blocks: the answer comes later, from the event loop. Widgets
// take one of these instead of calling QMessageBox::exec(), so no nested event loop runs and
// tests answer at once.
using Confirm = std::function<void(const QString &question, std::function<void(bool yes)> answer)>;

// A window-modal message box opened with open(); `accept` is the button that means yes.
Confirm messageBoxConfirm(QWidget *parent, const QString &title,
                          QMessageBox::StandardButton accept = QMessageBox::Yes,
                          QMessageBox::StandardButton reject = QMessageBox::No);

} // namespace crmdesk
