#include "dialogs/confirmation.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>

namespace crmdesk {

Confirmation messageBoxConfirmation(QWidget *parent)
{
    return [parent = QPointer<QWidget>(parent)](const Question &question, Answer answered) {
        // The box is a child of `parent`, so it goes with it, unanswered.
        auto *box = new QMessageBox(QMessageBox::Warning, question.title, question.text,
                                    QMessageBox::NoButton, parent);
        box->setObjectName(QStringLiteral("confirmationBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setWindowModality(parent ? Qt::WindowModal : Qt::ApplicationModal);
        const QString acceptLabel = question.acceptLabel.isEmpty()
                                        ? QCoreApplication::translate("crmdesk::Confirmation", "OK")
                                        : question.acceptLabel;
        QPushButton *yes = box->addButton(acceptLabel, QMessageBox::AcceptRole);
        yes->setObjectName(QStringLiteral("confirmButton"));
        QPushButton *cancel = box->addButton(QMessageBox::Cancel);
        cancel->setObjectName(QStringLiteral("cancelButton"));
        box->setDefaultButton(cancel);
        box->setEscapeButton(cancel);
        QObject::connect(box, &QMessageBox::finished, box,
                         [box, yes, answered = std::move(answered)](int) {
                             if (answered)
                                 answered(box->clickedButton() == yes);
                         });
        box->open();
    };
}

} // namespace crmdesk
