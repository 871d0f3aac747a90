#pragma once

#include "api/queryoptions.h"
#include "schema/fieldstate.h"
#include "schema/resourceschema.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace crmdesk {

class FieldEditor;

// The Truto query options of a request (contract §4): integrated account, response format,
// remote_data, excluded fields, remote_query, and the resource's own query parameters.
class QueryOptionsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit QueryOptionsPanel(const ResourceSchema &schema, QWidget *parent = nullptr);

    QueryOptions options() const;
    void setAccountId(const QString &accountId);
    void applyFieldPolicy(const FieldPolicy &policy);
    // What the text boxes hold but cannot be turned into options ("remote_query must be a JSON
    // object"); the rules about the options themselves are the core's (queryProblems()).
    QStringList inputProblems() const;

Q_SIGNALS:
    void changed();

private:
    const ResourceSchema &m_schema;
    QLineEdit *m_account;
    QComboBox *m_format;
    QCheckBox *m_ignoreRemoteData;
    QLineEdit *m_exclude;
    QPlainTextEdit *m_remoteQuery;
    QLabel *m_problems;
    QHash<QString, FieldEditor *> m_resourceQuery;
    FieldPolicy m_policy;
};

} // namespace crmdesk
