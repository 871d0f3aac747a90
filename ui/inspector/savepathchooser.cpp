#include "inspector/savepathchooser.h"

#include <QFileDialog>

namespace crmdesk {

SavePathChooser defaultSavePathChooser()
{
    return [](QWidget *parent, const QString &suggestedName,
              const std::function<void(const QString &)> &done) {
        auto *dialog = new QFileDialog(parent, QObject::tr("Save body"), suggestedName);
        dialog->setObjectName(QStringLiteral("saveBodyDialog"));
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &QFileDialog::fileSelected, dialog,
                         [done](const QString &path) { done(path); });
        dialog->open();
    };
}

} // namespace crmdesk
