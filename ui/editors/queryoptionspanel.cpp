#include "editors/queryoptionspanel.h"

#include "editors/fieldeditor.h"
#include "editors/fieldrow.h"
#include "policy/editpolicy.h"
#include "records/recordmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace crmdesk {

QueryOptionsPanel::QueryOptionsPanel(const ResourceSchema &schema, QWidget *parent)
    : QWidget(parent), m_schema(schema), m_account(new QLineEdit(this)), m_format(new QComboBox(this)),
      m_ignoreRemoteData(new QCheckBox(tr("Leave remote_data out of the response"), this)),
      m_exclude(new QLineEdit(this)), m_remoteQuery(new QPlainTextEdit(this)), m_problems(new QLabel(this))
{
    setObjectName(QStringLiteral("queryOptions"));
    m_account->setObjectName(QStringLiteral("query_integrated_account_id"));
    m_account->setAccessibleName(QStringLiteral("integrated_account_id"));
    m_account->setPlaceholderText(QStringLiteral("62f44730-dd91-461e-bd6a-aedd9e0ad79d"));
    m_format->setObjectName(QStringLiteral("query_truto_response_format"));
    m_format->setAccessibleName(QStringLiteral("truto_response_format"));
    for (ResponseFormat format : {ResponseFormat::Unified, ResponseFormat::Raw,
                                  ResponseFormat::Normalized, ResponseFormat::Stream})
        m_format->addItem(toString(format), toString(format));
    m_ignoreRemoteData->setObjectName(QStringLiteral("query_truto_ignore_remote_data"));
    m_exclude->setObjectName(QStringLiteral("query_truto_exclude_fields"));
    m_exclude->setAccessibleName(QStringLiteral("truto_exclude_fields"));
    m_exclude->setPlaceholderText(tr("comma-separated field names, e.g. remote_data, updated_at"));
    m_remoteQuery->setObjectName(QStringLiteral("query_remote_query"));
    m_remoteQuery->setAccessibleName(QStringLiteral("remote_query"));
    m_remoteQuery->setPlaceholderText(QStringLiteral("{\"foo\": \"bar\"}"));
    m_remoteQuery->setMaximumHeight(48);
    m_remoteQuery->setTabChangesFocus(true);
    m_problems->setObjectName(QStringLiteral("queryProblems"));
    m_problems->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_problems->setWordWrap(true);

    auto *layout = new QFormLayout(this);
    // In a narrow side panel (a 1024 px screen) a label goes above its field rather than
    // squeezing it.
    layout->setRowWrapPolicy(QFormLayout::WrapLongRows);
    layout->addRow(tr("Integrated account"), m_account);
    layout->addRow(tr("Response format"), m_format);
    layout->addRow(QString(), m_ignoreRemoteData);
    layout->addRow(tr("Exclude fields"), m_exclude);
    layout->addRow(tr("Remote query"), m_remoteQuery);
    for (const FieldSpec &field : schema.query) {
        // Query parameters share names with body fields (notes "contact"): keep widgets apart.
        FieldSpec queryField = field;
        queryField.path = QStringLiteral("query.") + field.path;
        FieldEditor *editor = createFieldEditor(queryField, this);
        m_resourceQuery.insert(field.name, editor);
        layout->addRow(fieldLabel(field.name) + tr(" (query)"), editor);
        connect(editor, &FieldEditor::edited, this, &QueryOptionsPanel::changed);
    }
    layout->addRow(m_problems);

    connect(m_account, &QLineEdit::textChanged, this, &QueryOptionsPanel::changed);
    connect(m_format, &QComboBox::currentIndexChanged, this, &QueryOptionsPanel::changed);
    connect(m_ignoreRemoteData, &QCheckBox::toggled, this, &QueryOptionsPanel::changed);
    connect(m_exclude, &QLineEdit::textChanged, this, &QueryOptionsPanel::changed);
    connect(m_remoteQuery, &QPlainTextEdit::textChanged, this, &QueryOptionsPanel::changed);
    connect(this, &QueryOptionsPanel::changed, this,
            [this] { m_problems->setText((queryProblems(options(), m_policy) + inputProblems()).join(u'\n')); });
}

QueryOptions QueryOptionsPanel::options() const
{
    QueryOptions options;
    options.integratedAccountId = m_account->text().trimmed();
    options.responseFormat = responseFormatFromString(m_format->currentData().toString());
    options.ignoreRemoteData = m_ignoreRemoteData->isChecked();
    for (const QString &field : m_exclude->text().split(u',', Qt::SkipEmptyParts)) {
        if (!field.trimmed().isEmpty())
            options.excludeFields.append(field.trimmed());
    }
    options.remoteQuery = QJsonDocument::fromJson(m_remoteQuery->toPlainText().toUtf8()).object();
    for (auto it = m_resourceQuery.cbegin(); it != m_resourceQuery.cend(); ++it) {
        const QJsonValue value = it.value()->value();
        if (!isEmptyValue(value) && m_policy.state(QStringLiteral("query.") + it.key()).editable())
            options.resourceQuery.insert(it.key(), value);
    }
    return options;
}

void QueryOptionsPanel::setAccountId(const QString &accountId)
{
    m_account->setText(accountId);
}

void QueryOptionsPanel::applyFieldPolicy(const FieldPolicy &policy)
{
    m_policy = policy;
    for (auto it = m_resourceQuery.cbegin(); it != m_resourceQuery.cend(); ++it) {
        const FieldState state = policy.state(QStringLiteral("query.") + it.key());
        it.value()->applyState(state);
        it.value()->setToolTip(it.value()->spec().description + QStringLiteral("\n\n") + state.reason);
    }
    Q_EMIT changed();
}

QStringList QueryOptionsPanel::inputProblems() const
{
    const QString remote = m_remoteQuery->toPlainText().trimmed();
    if (!remote.isEmpty() && !QJsonDocument::fromJson(remote.toUtf8()).isObject())
        return {tr("remote_query must be a JSON object")};
    return {};
}

} // namespace crmdesk
