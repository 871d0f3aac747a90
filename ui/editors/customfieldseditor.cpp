#include "editors/customfieldseditor.h"

#include "editors/referenceeditors.h"
#include "editors/scalareditors.h"
#include "editors/structurededitors.h"
#include "references/referencedirectory.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace crmdesk {

namespace {
const QString kPrefix = QStringLiteral("custom_fields.");

QString objectNameOf(const CustomField &field)
{
    return QStringLiteral("cf_") + field.name;
}

// The name inner widgets carry: field_cf_<name>, like every other field's widget.
void nameWidget(QWidget *widget, const CustomField &field)
{
    widget->setObjectName(QStringLiteral("field_") + objectNameOf(field));
    widget->setAccessibleName(field.displayName());
    widget->setToolTip(field.description.isEmpty() ? field.name : field.description + u'\n' + field.name);
}

QString scalarText(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toString();
}

// A FieldSpec for reusing the form's own editors (date-time, reference) on a custom field.
FieldSpec specOf(const CustomField &field, const QString &type, const QString &format = {})
{
    FieldSpec spec;
    spec.name = field.name;
    spec.path = objectNameOf(field);
    spec.type = type;
    spec.format = format;
    spec.description = field.description;
    return spec;
}

QHBoxLayout *bodyLayout(QWidget *body)
{
    auto *layout = new QHBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    return layout;
}

// Text, and kinds the form has no special editor for (time, file...): a line of text.
class LineInput : public CustomFieldInput
{
public:
    LineInput(const CustomField &field, QWidget *parent) : CustomFieldInput(field, parent), m_line(new QLineEdit(m_body))
    {
        nameWidget(m_line, field);
        bodyLayout(m_body)->addWidget(m_line);
        setFocusProxy(m_line);
        connect(m_line, &QLineEdit::textEdited, this, &LineInput::changed);
    }

protected:
    QJsonValue current() const override
    {
        return m_line->text().isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(m_line->text());
    }
    void display(const QJsonValue &value) override { m_line->setText(scalarText(value)); }

private:
    QLineEdit *m_line;
};

class LongTextInput : public CustomFieldInput
{
public:
    LongTextInput(const CustomField &field, QWidget *parent)
        : CustomFieldInput(field, parent), m_text(new QPlainTextEdit(m_body))
    {
        nameWidget(m_text, field);
        m_text->setTabChangesFocus(true);
        m_text->setFixedHeight(m_text->fontMetrics().lineSpacing() * 4 + 12);
        bodyLayout(m_body)->addWidget(m_text);
        setFocusProxy(m_text);
        connect(m_text, &QPlainTextEdit::textChanged, this, &LongTextInput::changed);
    }

protected:
    QJsonValue current() const override
    {
        const QString text = m_text->toPlainText();
        return text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text);
    }
    void display(const QJsonValue &value) override { m_text->setPlainText(scalarText(value)); }

private:
    QPlainTextEdit *m_text;
};

// Number and currency: text that is not a number is kept as typed (and blocks sending, by
// validation), with a message saying so.
class NumberInput : public CustomFieldInput
{
public:
    NumberInput(const CustomField &field, QWidget *parent) : CustomFieldInput(field, parent), m_line(new QLineEdit(m_body))
    {
        nameWidget(m_line, field);
        m_line->setPlaceholderText(tr("number"));
        auto *layout = bodyLayout(m_body);
        layout->addWidget(m_line, 1);
        if (field.kind == CustomField::Kind::Currency) {
            auto *currency = new QLabel(field.currency.isEmpty() ? tr("(currency)") : field.currency, m_body);
            currency->setObjectName(objectNameOf(field) + QStringLiteral("_currency"));
            layout->addWidget(currency);
        }
        setFocusProxy(m_line);
        connect(m_line, &QLineEdit::textEdited, this, [this] {
            changed();
            checkText();
        });
    }

protected:
    QJsonValue current() const override
    {
        const QString text = m_line->text().trimmed();
        if (text.isEmpty())
            return QJsonValue::Undefined;
        bool ok = false;
        const double number = QLocale::c().toDouble(text, &ok);
        return ok ? QJsonValue(number) : QJsonValue(m_line->text());
    }
    void display(const QJsonValue &value) override
    {
        m_line->setText(scalarText(value));
        checkText();
    }

private:
    void checkText()
    {
        const QJsonValue now = current();
        setOwnMessage(now.isString() ? tr("“%1” is not a number (use digits and a dot, such as 1250.50); "
                                          "it is kept as typed and not sent until it is one.")
                                           .arg(now.toString())
                                     : QString());
    }
    QLineEdit *m_line;
};

// A date (YYYY-MM-DD): a calendar whose lowest date stands for "not set".
class DateInput : public CustomFieldInput
{
public:
    DateInput(const CustomField &field, QWidget *parent) : CustomFieldInput(field, parent), m_date(new QDateEdit(m_body))
    {
        nameWidget(m_date, field);
        m_date->setCalendarPopup(true);
        m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        m_date->setMinimumDate(notSet());
        m_date->setSpecialValueText(tr("(not set)"));
        m_date->setDate(notSet());
        auto *layout = bodyLayout(m_body);
        layout->addWidget(m_date);
        layout->addStretch();
        setFocusProxy(m_date);
        connect(m_date, &QDateEdit::dateChanged, this, &DateInput::changed);
    }

protected:
    QJsonValue current() const override
    {
        return m_date->date() == notSet() ? QJsonValue(QJsonValue::Undefined)
                                          : QJsonValue(m_date->date().toString(Qt::ISODate));
    }
    void display(const QJsonValue &value) override
    {
        const QDate date = QDate::fromString(value.toString().left(10), Qt::ISODate);
        m_date->setDate(date.isValid() ? date : notSet());
    }

private:
    static QDate notSet() { return QDate(1900, 1, 1); }
    QDateEdit *m_date;
};

// A date-time with its offset: the form's own date-time editor.
class DateTimeInput : public CustomFieldInput
{
public:
    DateTimeInput(const CustomField &field, QWidget *parent)
        : CustomFieldInput(field, parent),
          m_editor(new DateTimeFieldEditor(specOf(field, QStringLiteral("string"), QStringLiteral("date-time")), m_body))
    {
        bodyLayout(m_body)->addWidget(m_editor);
        setFocusProxy(m_editor);
        connect(m_editor, &FieldEditor::edited, this, &DateTimeInput::changed);
    }

protected:
    QJsonValue current() const override
    {
        const QJsonValue value = m_editor->value();
        return value.isNull() ? QJsonValue(QJsonValue::Undefined) : value;
    }
    void display(const QJsonValue &value) override { m_editor->setValue(value); }

private:
    DateTimeFieldEditor *m_editor;
};

// Not set / Yes / No: a box that was never set stays unset.
class BooleanInput : public CustomFieldInput
{
public:
    BooleanInput(const CustomField &field, QWidget *parent) : CustomFieldInput(field, parent), m_combo(new QComboBox(m_body))
    {
        nameWidget(m_combo, field);
        m_combo->addItem(tr("(not set)"));
        m_combo->addItem(tr("Yes"), true);
        m_combo->addItem(tr("No"), false);
        auto *layout = bodyLayout(m_body);
        layout->addWidget(m_combo);
        layout->addStretch();
        setFocusProxy(m_combo);
        connect(m_combo, &QComboBox::activated, this, &BooleanInput::changed);
    }

protected:
    QJsonValue current() const override
    {
        const QVariant data = m_combo->currentData();
        return data.isValid() ? QJsonValue(data.toBool()) : QJsonValue(QJsonValue::Undefined);
    }
    void display(const QJsonValue &value) override
    {
        m_combo->setCurrentIndex(value.isBool() ? (value.toBool() ? 1 : 2) : 0);
    }

private:
    QComboBox *m_combo;
};

// The options' labels; the option's value is what is sent. A loaded value that is not an
// option stays, marked.
class SingleSelectInput : public CustomFieldInput
{
public:
    SingleSelectInput(const CustomField &field, QWidget *parent)
        : CustomFieldInput(field, parent), m_combo(new QComboBox(m_body))
    {
        nameWidget(m_combo, field);
        auto *layout = bodyLayout(m_body);
        layout->addWidget(m_combo);
        layout->addStretch();
        setFocusProxy(m_combo);
        fill({});
        connect(m_combo, &QComboBox::activated, this, &SingleSelectInput::changed);
    }

protected:
    QJsonValue current() const override
    {
        const QVariant data = m_combo->currentData();
        return data.isValid() ? QJsonValue(data.toString()) : QJsonValue(QJsonValue::Undefined);
    }
    void display(const QJsonValue &value) override
    {
        const QString text = scalarText(value);
        fill(text);
        const int index = text.isEmpty() ? 0 : m_combo->findData(text);
        m_combo->setCurrentIndex(qMax(0, index));
    }

private:
    void fill(const QString &current)
    {
        m_combo->clear();
        m_combo->addItem(tr("(not set)"));
        for (const CustomFieldOption &option : field().options)
            m_combo->addItem(option.label, option.value);
        if (!current.isEmpty() && m_combo->findData(current) < 0)
            m_combo->addItem(tr("%1 (not an option)").arg(current), current);
    }
    QComboBox *m_combo;
};

// A checkable list of the options; the checked options' values are sent, as an array.
class MultiSelectInput : public CustomFieldInput
{
public:
    MultiSelectInput(const CustomField &field, QWidget *parent)
        : CustomFieldInput(field, parent), m_list(new QListWidget(m_body))
    {
        nameWidget(m_list, field);
        m_list->setFlow(QListView::LeftToRight);
        m_list->setWrapping(true);
        m_list->setSpacing(2);
        bodyLayout(m_body)->addWidget(m_list);
        setFocusProxy(m_list);
        fill({});
        connect(m_list, &QListWidget::itemChanged, this, &MultiSelectInput::changed);
    }

protected:
    QJsonValue current() const override
    {
        QJsonArray values;
        for (int row = 0; row < m_list->count(); ++row) {
            if (m_list->item(row)->checkState() == Qt::Checked)
                values.append(m_list->item(row)->data(Qt::UserRole).toString());
        }
        return values.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(values);
    }
    void display(const QJsonValue &value) override
    {
        QStringList checked;
        // Some providers send one value, or a ;-separated string (Zoho, HubSpot): read both.
        if (value.isArray()) {
            for (const QJsonValue &item : value.toArray())
                checked.append(scalarText(item));
        } else if (!scalarText(value).isEmpty()) {
            checked = scalarText(value).split(u';', Qt::SkipEmptyParts);
        }
        fill(checked);
    }

private:
    void fill(const QStringList &checked)
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        QStringList values;
        for (const CustomFieldOption &option : field().options) {
            add(option.label, option.value, checked.contains(option.value));
            values.append(option.value);
        }
        for (const QString &value : checked) {
            if (!values.contains(value))
                add(tr("%1 (not an option)").arg(value), value, true);
        }
        // As tall as its items, so the form reads without an inner scroll bar.
        const int rows = qBound(1, (m_list->count() + 3) / 4, 6);
        m_list->setFixedHeight(rows * (m_list->fontMetrics().height() + 12) + 6);
    }
    void add(const QString &label, const QString &value, bool checked)
    {
        auto *item = new QListWidgetItem(label, m_list);
        item->setData(Qt::UserRole, value);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    }
    QListWidget *m_list;
};

// A user (owner) or another record, picked by name from the account's list; a typed id
// still works. The value is the id.
class ReferenceInput : public CustomFieldInput
{
public:
    ReferenceInput(const CustomField &field, const QString &resource, QWidget *parent)
        : CustomFieldInput(field, parent),
          m_editor(new ReferenceFieldEditor(specOf(field, QStringLiteral("object")), resource, m_body))
    {
        bodyLayout(m_body)->addWidget(m_editor);
        setFocusProxy(m_editor);
        connect(m_editor, &FieldEditor::edited, this, &ReferenceInput::changed);
    }
    void setSource(ReferenceDirectory *directory, const QString &accountId) override
    {
        m_editor->setSource(directory, accountId);
    }

protected:
    QJsonValue current() const override
    {
        const QString id = m_editor->currentId();
        return id.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(id);
    }
    void display(const QJsonValue &value) override
    {
        // Ids arrive as strings or numbers, or as an object carrying one.
        const QJsonValue id = value.isObject() ? value.toObject().value(QLatin1String("id")) : value;
        const QString text = id.isDouble() ? QString::number(id.toDouble(), 'g', 15) : id.toString();
        m_editor->setValue(text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonObject{{QStringLiteral("id"), text}}));
    }

private:
    ReferenceFieldEditor *m_editor;
};

// The unified list a reference's ids come from; empty when there is none to pick from.
QString referencedList(const CustomField &field)
{
    if (field.kind == CustomField::Kind::User)
        return QStringLiteral("users");
    const QString entity = field.referenceEntity.toLower();
    static const QHash<QString, QString> lists{
        {QStringLiteral("contact"), QStringLiteral("contacts")},
        {QStringLiteral("account"), QStringLiteral("accounts")},
        {QStringLiteral("company"), QStringLiteral("accounts")},
        {QStringLiteral("opportunity"), QStringLiteral("opportunities")},
        {QStringLiteral("deal"), QStringLiteral("opportunities")},
        {QStringLiteral("lead"), QStringLiteral("leads")},
    };
    return lists.value(entity);
}

CustomFieldInput *createInput(const CustomField &field, QWidget *parent)
{
    using Kind = CustomField::Kind;
    switch (field.kind) {
    case Kind::LongText: return new LongTextInput(field, parent);
    case Kind::Number:
    case Kind::Currency: return new NumberInput(field, parent);
    case Kind::Date: return new DateInput(field, parent);
    case Kind::DateTime: return new DateTimeInput(field, parent);
    case Kind::Boolean: return new BooleanInput(field, parent);
    case Kind::SingleSelect: return new SingleSelectInput(field, parent);
    case Kind::MultiSelect: return new MultiSelectInput(field, parent);
    case Kind::User:
    case Kind::Reference: {
        const QString list = referencedList(field);
        if (!list.isEmpty())
            return new ReferenceInput(field, list, parent);
        return new LineInput(field, parent); // an id typed as text
    }
    case Kind::Text:
    case Kind::Unknown: break;
    }
    return new LineInput(field, parent);
}
} // namespace

CustomFieldInput::CustomFieldInput(const CustomField &field, QWidget *parent)
    : QWidget(parent), m_field(field), m_message(new QLabel(this)), m_body(new QWidget(this))
{
    setObjectName(objectNameOf(field));
    setAccessibleName(field.displayName());
    m_message->setObjectName(objectNameOf(field) + QStringLiteral("_message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_message->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    layout->addWidget(m_body);
    layout->addWidget(m_message);
    if (field.readOnly) {
        // Shown, with the reason, never editable: the provider would refuse or drop a change.
        m_body->setEnabled(false);
        const QString reason = field.readOnlyReason.isEmpty() ? tr("The provider marks this field read-only")
                                                              : field.readOnlyReason;
        auto *note = new QLabel(tr("Read-only: %1").arg(reason), this);
        note->setObjectName(objectNameOf(field) + QStringLiteral("_readOnly"));
        note->setWordWrap(true);
        note->setStyleSheet(QStringLiteral("color: #5f6368;"));
        layout->addWidget(note);
        setToolTip(reason);
    }
}

QJsonValue CustomFieldInput::value() const
{
    if (!m_touched)
        return m_loaded;
    const QJsonValue now = current();
    if (now.isUndefined() && !m_loaded.isUndefined())
        return QJsonValue::Null; // unset a value the record had: clear it
    return now;
}

void CustomFieldInput::show(const QJsonValue &value)
{
    m_loaded = value;
    m_touched = false;
    m_displaying = true;
    display(value);
    m_displaying = false;
}

void CustomFieldInput::changed()
{
    if (m_displaying)
        return;
    m_touched = true;
    Q_EMIT edited();
}

void CustomFieldInput::setOwnMessage(const QString &message)
{
    m_own = message;
    updateMessage();
}

void CustomFieldInput::setIssue(const QString &message)
{
    m_issue = message;
    updateMessage();
}

QString CustomFieldInput::issue() const
{
    return m_message->text();
}

void CustomFieldInput::updateMessage()
{
    QStringList lines;
    if (!m_own.isEmpty())
        lines.append(m_own);
    if (!m_issue.isEmpty() && m_own.isEmpty()) // the input's own words say it better
        lines.append(m_issue);
    m_message->setText(lines.join(u'\n'));
    m_message->setVisible(!lines.isEmpty());
}

CustomFieldsEditor::CustomFieldsEditor(const FieldSpec &spec, QWidget *parent)
    : FieldEditor(spec, parent), m_typed(new QWidget(this)), m_typedLayout(new QFormLayout(m_typed)),
      m_otherLabel(new QLabel(tr("Other fields (no definition on this account):"), this)),
      m_other(new KeyValueFieldEditor(spec, this))
{
    m_typed->setObjectName(QStringLiteral("customFieldsTyped"));
    m_typedLayout->setContentsMargins(0, 0, 0, 0);
    m_typedLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_typedLayout->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_typed->hide();
    m_otherLabel->setObjectName(QStringLiteral("customFieldsOtherLabel"));
    m_otherLabel->hide();
    // The table keeps its name (field_custom_fields); the editor around it is this one.
    m_other->setObjectName(QStringLiteral("editor_custom_fields_other"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_typed);
    layout->addWidget(m_otherLabel);
    layout->addWidget(m_other);
    setFocusProxy(m_other);
    connect(m_other, &FieldEditor::edited, this, [this] { notifyEdited(); });
}

QJsonValue CustomFieldsEditor::value() const
{
    const QJsonValue other = m_other->value();
    if (other.isString())
        return other; // JSON that does not parse: kept as typed, validation says why
    QJsonObject object = other.toObject();
    for (const CustomFieldInput *input : m_inputs) {
        const QJsonValue value = input->value();
        if (!value.isUndefined())
            object.insert(input->field().name, value);
    }
    return object.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(object);
}

void CustomFieldsEditor::showValue(const QJsonValue &value)
{
    if (value.isString()) {
        for (CustomFieldInput *input : std::as_const(m_inputs))
            input->show(QJsonValue::Undefined);
        m_other->setValue(value);
        return;
    }
    QJsonObject rest = value.toObject();
    for (CustomFieldInput *input : std::as_const(m_inputs)) {
        input->show(rest.value(input->field().name));
        rest.remove(input->field().name);
    }
    m_other->setValue(rest.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(rest));
}

void CustomFieldsEditor::applyState(const FieldState &state)
{
    FieldEditor::applyState(state);
}

void CustomFieldsEditor::setDefinitions(const QList<CustomField> &definitions)
{
    if (definitions == m_definitions)
        return;
    const QJsonValue current = value();
    m_definitions = definitions;
    rebuild();
    setValue(current);
}

void CustomFieldsEditor::rebuild()
{
    for (CustomFieldInput *input : std::as_const(m_inputs))
        m_typedLayout->removeRow(input); // deletes the label and the input
    m_inputs.clear();
    for (const CustomField &field : std::as_const(m_definitions)) {
        CustomFieldInput *input = createInput(field, m_typed);
        input->setSource(m_directory, m_accountId);
        auto *label = new QLabel(field.displayName() + (field.required ? QStringLiteral(" *") : QString()), m_typed);
        label->setObjectName(objectNameOf(field) + QStringLiteral("_label"));
        label->setToolTip(field.required ? tr("%1 (required)").arg(field.name) : field.name);
        label->setBuddy(input);
        m_typedLayout->addRow(label, input);
        m_inputs.append(input);
        connect(input, &CustomFieldInput::edited, this, [this] { notifyEdited(); });
    }
    m_typed->setVisible(!m_inputs.isEmpty());
    m_otherLabel->setVisible(!m_inputs.isEmpty());
}

void CustomFieldsEditor::setReferenceSource(ReferenceDirectory *directory, const QString &accountId)
{
    m_directory = directory;
    m_accountId = accountId;
    for (CustomFieldInput *input : std::as_const(m_inputs))
        input->setSource(directory, accountId);
}

void CustomFieldsEditor::showIssues(const QList<ValidationIssue> &issues)
{
    QHash<QString, QStringList> byName;
    for (const ValidationIssue &issue : issues) {
        if (issue.path.startsWith(kPrefix))
            byName[issue.path.mid(kPrefix.size())].append(issue.message);
    }
    for (CustomFieldInput *input : std::as_const(m_inputs))
        input->setIssue(byName.value(input->field().name).join(u'\n'));
}

CustomFieldInput *CustomFieldsEditor::input(const QString &name) const
{
    for (CustomFieldInput *input : m_inputs) {
        if (input->field().name == name)
            return input;
    }
    return nullptr;
}

} // namespace crmdesk
