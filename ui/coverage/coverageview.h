#pragma once

#include "policy/coveragegrid.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace crmdesk {

class CoverageModel;
class Schema;

// The coverage grid for demos: the fields of a resource × every provider, supported, required,
// unsupported or unknown, from the bundled documentation and, for the connected account's
// provider, its live rules. Fields can be searched and filtered by state; the table exports as
// CSV or PNG; clicking a cell asks for the form of that provider with that field focused.
class CoverageView : public QWidget
{
    Q_OBJECT
public:
    explicit CoverageView(const Schema &schema, QWidget *parent = nullptr);

    void setResource(const QString &resource);
    QString resource() const;
    // The connected account's merged rules (EditPolicy fields) for a resource; its provider's
    // column then shows them, marked live.
    void setLiveRules(const FieldPolicy &live);

    bool exportCsv(const QString &path, QString *error = nullptr) const;
    bool exportPng(const QString &path, QString *error = nullptr) const;

Q_SIGNALS:
    void fieldActivated(const QString &resource, const QString &provider, const QString &field);

private:
    void rebuild();
    void updateSummary();
    void askForFile(const QString &title, const QString &filter, const QString &suffix,
                    bool (CoverageView::*write)(const QString &, QString *) const);

    const Schema &m_schema;
    QHash<QString, FieldPolicy> m_live; // by resource
    CoverageModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QComboBox *m_resource;
    QLineEdit *m_search;
    QComboBox *m_stateFilter;
    QTableView *m_table;
    QPushButton *m_exportCsv;
    QPushButton *m_exportPng;
    QLabel *m_summary;
};

} // namespace crmdesk
