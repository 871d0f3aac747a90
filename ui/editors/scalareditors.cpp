#include "editors/scalareditors.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTimeZone>

namespace crmdesk {

namespace {
QHBoxLayout *flatLayout(QWidget *owner)
{
    auto *layout = new QHBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    return layout;
}

QString scalarText(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toString();
}

void name(QWidget *widget, const FieldSpec &spec, const QString &suffix = {})
{
    widget->setObjectName(QStringLiteral("field_") + spec.path + suffix);
    widget->setAccessibleName(spec.path + suffix);
    widget->setToolTip(spec.description);
}
} // namespace

TextFieldEditor::TextFieldEditor(const FieldSpec &spec, QWidget *parent)
    : FieldEditor(spec, parent), m_line(new QLineEdit(this))
{
    name(m_line, spec);
    flatLayout(this)->addWidget(m_line);
    setFocusProxy(m_line);
    connect(m_line, &QLineEdit::textEdited, this, &TextFieldEditor::notifyEdited);
}

QJsonValue TextFieldEditor::value() const
{
    return m_line->text();
}

void TextFieldEditor::showValue(const QJsonValue &value)
{
    m_line->setText(scalarText(value));
}

MultiLineFieldEditor::MultiLineFieldEditor(const FieldSpec &spec, QWidget *parent)
    : FieldEditor(spec, parent), m_text(new QPlainTextEdit(this))
{
    name(m_text, spec);
    m_text->setTabChangesFocus(true);
    m_text->setMinimumHeight(80);
    flatLayout(this)->addWidget(m_text);
    setFocusProxy(m_text);
    connect(m_text, &QPlainTextEdit::textChanged, this, &MultiLineFieldEditor::notifyEdited);
}

QJsonValue MultiLineFieldEditor::value() const
{
    return m_text->toPlainText();
}

void MultiLineFieldEditor::showValue(const QJsonValue &value)
{
    m_text->setPlainText(scalarText(value));
}

NumberFieldEditor::NumberFieldEditor(const FieldSpec &spec, QWidget *parent)
    : FieldEditor(spec, parent), m_line(new QLineEdit(this))
{
    name(m_line, spec);
    m_line->setPlaceholderText(tr("number"));
    flatLayout(this)->addWidget(m_line);
    setFocusProxy(m_line);
    connect(m_line, &QLineEdit::textEdited, this, &NumberFieldEditor::notifyEdited);
}

QJsonValue NumberFieldEditor::value() const
{
    const QString text = m_line->text().trimmed();
    if (text.isEmpty())
        return QJsonValue::Null;
    bool ok = false;
    const double number = text.toDouble(&ok);
    return ok ? QJsonValue(number) : QJsonValue(text);
}

void NumberFieldEditor::showValue(const QJsonValue &value)
{
    m_line->setText(scalarText(value));
}

EnumFieldEditor::EnumFieldEditor(const FieldSpec &spec, QWidget *parent)
    : FieldEditor(spec, parent), m_combo(new QComboBox(this))
{
    name(m_combo, spec);
    fillChoices(spec.enumValues, {});
    flatLayout(this)->addWidget(m_combo);
    setFocusProxy(m_combo);
    connect(m_combo, &QComboBox::activated, this, &EnumFieldEditor::notifyEdited);
}

QJsonValue EnumFieldEditor::value() const
{
    const QString text = m_combo->currentData().toString();
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

void EnumFieldEditor::applyState(const FieldState &state)
{
    FieldEditor::applyState(state);
    fillChoices(state.enumValues.isEmpty() ? spec().enumValues : state.enumValues,
                m_combo->currentData().toString());
}

void EnumFieldEditor::showValue(const QJsonValue &value)
{
    QStringList values;
    for (int i = 1; i < m_combo->count(); ++i)
        values.append(m_combo->itemData(i).toString());
    fillChoices(values, value.toString());
}

void EnumFieldEditor::fillChoices(const QStringList &values, const QString &current)
{
    const QSignalBlocker blocker(m_combo);
    m_combo->clear();
    m_combo->addItem(tr("(not set)"), QString());
    for (const QString &value : values)
        m_combo->addItem(value, value);
    if (!current.isEmpty() && !values.contains(current))
        m_combo->addItem(tr("%1 (not documented for this provider)").arg(current), current);
    m_combo->setCurrentIndex(qMax(0, m_combo->findData(current)));
}

DateTimeFieldEditor::DateTimeFieldEditor(const FieldSpec &spec, QWidget *parent)
    : FieldEditor(spec, parent), m_picker(new QDateTimeEdit(this)), m_offset(new QComboBox(this)),
      m_text(new QLineEdit(this))
{
    name(m_picker, spec, QStringLiteral("_picker"));
    name(m_offset, spec, QStringLiteral("_offset"));
    name(m_text, spec);
    m_picker->setCalendarPopup(true);
    m_picker->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_picker->setTimeSpec(Qt::UTC);
    // The picker's lowest value stands for "not set", so an empty field never shows a date.
    m_picker->setMinimumDateTime(QDateTime(QDate(1970, 1, 1), QTime(0, 0), Qt::UTC));
    m_picker->setSpecialValueText(tr("not set"));
    m_picker->setDateTime(m_picker->minimumDateTime());
    for (int minutes = -12 * 60; minutes <= 14 * 60; minutes += 30) {
        const QString label = minutes == 0 ? QStringLiteral("Z")
                                           : QStringLiteral("%1%2:%3")
                                                 .arg(minutes < 0 ? QStringLiteral("-") : QStringLiteral("+"))
                                                 .arg(qAbs(minutes) / 60, 2, 10, QLatin1Char('0'))
                                                 .arg(qAbs(minutes) % 60, 2, 10, QLatin1Char('0'));
        m_offset->addItem(label, minutes * 60);
    }
    m_offset->setCurrentIndex(m_offset->findData(0));
    m_text->setPlaceholderText(QStringLiteral("2026-11-23T14:30:00Z"));
    // The text is what is sent, so it is never squeezed: it keeps room for a whole date-time
    // with an offset, and in a narrow form the calendar and offset go on a line below it.
    m_text->setMinimumWidth(m_text->fontMetrics().horizontalAdvance(QStringLiteral("2026-11-23T14:30:00+05:30")) + 16);
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    arrange(false);
    setFocusProxy(m_text);
    connect(m_text, &QLineEdit::textEdited, this, &DateTimeFieldEditor::notifyEdited);
    connect(m_picker, &QDateTimeEdit::dateTimeChanged, this, &DateTimeFieldEditor::syncTextFromPicker);
    connect(m_offset, &QComboBox::activated, this, &DateTimeFieldEditor::syncTextFromPicker);
}

void DateTimeFieldEditor::arrange(bool narrow)
{
    m_narrow = narrow;
    auto *grid = static_cast<QGridLayout *>(layout());
    grid->removeWidget(m_text);
    grid->removeWidget(m_picker);
    grid->removeWidget(m_offset);
    grid->addWidget(m_text, 0, 0, 1, narrow ? 2 : 1);
    grid->addWidget(m_picker, narrow ? 1 : 0, narrow ? 0 : 1);
    grid->addWidget(m_offset, narrow ? 1 : 0, narrow ? 1 : 2);
    for (int column = 0; column < 3; ++column)
        grid->setColumnStretch(column, 0);
    grid->setColumnStretch(0, narrow ? 1 : 2);
    grid->setColumnStretch(1, narrow ? 0 : 1);
}

QSize DateTimeFieldEditor::minimumSizeHint() const
{
    const int spacing = layout()->spacing() > 0 ? layout()->spacing() : 6;
    const int width = qMax(m_text->minimumWidth(),
                           m_picker->minimumSizeHint().width() + spacing + m_offset->minimumSizeHint().width());
    return {width, FieldEditor::minimumSizeHint().height()};
}

void DateTimeFieldEditor::resizeEvent(QResizeEvent *event)
{
    FieldEditor::resizeEvent(event);
    // Room for the text, the calendar and the offset side by side, or not. The choice changes
    // the height only, so it cannot flip back and forth with the width.
    const int sideBySide = m_text->minimumWidth() + m_picker->sizeHint().width() + m_offset->sizeHint().width() + 12;
    const bool narrow = width() < sideBySide;
    if (narrow != m_narrow)
        arrange(narrow);
}

void DateTimeFieldEditor::syncTextFromPicker()
{
    if (m_picker->dateTime() == m_picker->minimumDateTime()) {
        m_text->clear();
        notifyEdited();
        return;
    }
    const int offsetSeconds = m_offset->currentData().toInt();
    QDateTime local = m_picker->dateTime();
    local.setTimeZone(QTimeZone(offsetSeconds));
    m_text->setText(offsetSeconds == 0 ? local.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + u'Z'
                                       : local.toString(Qt::ISODate));
    notifyEdited();
}

QJsonValue DateTimeFieldEditor::value() const
{
    const QString text = m_text->text().trimmed();
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

void DateTimeFieldEditor::showValue(const QJsonValue &value)
{
    const QString text = value.toString();
    m_text->setText(text);
    const QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    const QSignalBlocker pickerBlocker(m_picker);
    const QSignalBlocker offsetBlocker(m_offset);
    if (!parsed.isValid()) {
        m_picker->setDateTime(m_picker->minimumDateTime());
    } else {
        const int offset = parsed.offsetFromUtc();
        const int index = m_offset->findData(offset);
        m_offset->setCurrentIndex(index >= 0 ? index : m_offset->findData(0));
        QDateTime wall = parsed.toOffsetFromUtc(offset);
        wall.setTimeSpec(Qt::UTC); // the picker shows the wall-clock time at that offset
        m_picker->setDateTime(QDateTime(wall.date(), wall.time(), Qt::UTC));
    }
}

} // namespace crmdesk
