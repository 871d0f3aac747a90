#include "dialogs/confirm.h"

#include <QPointer>

namespace crmdesk {

Confirm messageBoxConfirm(QWidget *parent, const QString &title, QMessageBox::StandardButton accept,
                          QMessageBox::StandardButton reject)
{
    QPointer<QWidget> owner(parent);
    return [owner, title, accept, reject](const QString &question, std::function<void(bool)> answer) {
        auto *box = new QMessageBox(QMessageBox::Question, title, question, accept | reject, owner);
        box->setObjectName(QStringLiteral("confirmBox"));
        box->setDefaultButton(reject);
        box->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(box, &QMessageBox::finished, box, [box, accept, answer](int) {
            answer(box->standardButton(box->clickedButton()) == accept);
        });
        box->open();
    };
}

} // namespace crmdesk
