#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace crmdesk {

// Asks where to save, then calls done with the chosen path (never called on cancel). Injected
// so that tests answer without a dialog; the default opens a window-modal QFileDialog with
// open(), never exec(), so no nested event loop runs.
using SavePathChooser = std::function<void(QWidget *parent, const QString &suggestedName,
                                           const std::function<void(const QString &path)> &done)>;

SavePathChooser defaultSavePathChooser();

} // namespace crmdesk
