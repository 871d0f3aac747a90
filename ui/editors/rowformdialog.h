#pragma once

#include <QDialog>
#include <QList>
#include <QStringList>

class QFormLayout;

namespace crmdesk {

// One column of a nested list, as a row's form shows it.
struct RowColumn
{
    QString name;        // "postal_code"
    QString label;       // "Postal code"
    QStringList choices; // documented values: a choice, not free text
};

// A small form for one row of a nested list (an address, a phone number), for when the table
// is too narrow to read or edit it: one labelled editor per column, OK writes the row back.
// Opened with open() (window-modal, no nested event loop).
class RowFormDialog : public QDialog
{
    Q_OBJECT
public:
    RowFormDialog(const QString &title, const QList<RowColumn> &columns, const QStringList &values,
                  QWidget *parent = nullptr);
    // The texts of the columns, in order, as edited.
    QStringList values() const;

private:
    QList<QWidget *> m_editors;
};

} // namespace crmdesk
