#pragma once

#include "editors/fieldeditor.h"

class QComboBox;
class QGridLayout;
class QDateTimeEdit;
class QLineEdit;
class QPlainTextEdit;

namespace crmdesk {

// Single-line text.
class TextFieldEditor : public FieldEditor
{
    Q_OBJECT
public:
    explicit TextFieldEditor(const FieldSpec &spec, QWidget *parent = nullptr);
    QJsonValue value() const override;

protected:
    void showValue(const QJsonValue &value) override;

private:
    QLineEdit *m_line;
};

// Multi-line text (note content, descriptions).
class MultiLineFieldEditor : public FieldEditor
{
    Q_OBJECT
public:
    explicit MultiLineFieldEditor(const FieldSpec &spec, QWidget *parent = nullptr);
    QJsonValue value() const override;

protected:
    void showValue(const QJsonValue &value) override;

private:
    QPlainTextEdit *m_text;
};

// Numbers: a number when the text parses, otherwise the text itself so validation can say why.
class NumberFieldEditor : public FieldEditor
{
    Q_OBJECT
public:
    explicit NumberFieldEditor(const FieldSpec &spec, QWidget *parent = nullptr);
    QJsonValue value() const override;

protected:
    void showValue(const QJsonValue &value) override;

private:
    QLineEdit *m_line;
};

// A choice among the provider's documented values; a loaded value outside them stays shown.
class EnumFieldEditor : public FieldEditor
{
    Q_OBJECT
public:
    explicit EnumFieldEditor(const FieldSpec &spec, QWidget *parent = nullptr);
    QJsonValue value() const override;
    void applyState(const FieldState &state) override;

protected:
    void showValue(const QJsonValue &value) override;

private:
    void fillChoices(const QStringList &values, const QString &current);
    QComboBox *m_combo;
};

// An ISO 8601 date-time with its time zone offset: a calendar editor, an offset choice, and
// the exact text that will be sent.
class DateTimeFieldEditor : public FieldEditor
{
    Q_OBJECT
public:
    explicit DateTimeFieldEditor(const FieldSpec &spec, QWidget *parent = nullptr);
    QJsonValue value() const override;
    // As narrow as the two-line arrangement allows: a narrow form does not have to scroll.
    QSize minimumSizeHint() const override;

protected:
    void showValue(const QJsonValue &value) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void syncTextFromPicker();
    void arrange(bool narrow);
    bool m_narrow = false;
    QDateTimeEdit *m_picker;
    QComboBox *m_offset;
    QLineEdit *m_text;
};

} // namespace crmdesk
