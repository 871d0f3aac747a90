#include "editors/fieldeditor.h"

#include "editors/customfieldseditor.h"
#include "editors/referenceeditors.h"
#include "editors/scalareditors.h"
#include "schema/formsections.h"
#include "editors/structurededitors.h"

namespace crmdesk {

FieldEditor::FieldEditor(const FieldSpec &spec, QWidget *parent) : QWidget(parent), m_spec(spec)
{
    setObjectName(QStringLiteral("editor_") + spec.path);
}

void FieldEditor::setValue(const QJsonValue &value)
{
    m_showing = true;
    showValue(value);
    m_showing = false;
}

void FieldEditor::applyState(const FieldState &state)
{
    setEnabled(state.editable());
}

void FieldEditor::notifyEdited()
{
    if (!m_showing)
        Q_EMIT edited();
}

FieldEditor *createFieldEditor(const FieldSpec &spec, QWidget *parent)
{
    const QString &type = spec.type;
    if (spec.name == QLatin1String("custom_fields"))
        return new CustomFieldsEditor(spec, parent);
    if (spec.isFreeForm())
        return new JsonFieldEditor(spec, parent);
    const QString referenced = referencedResource(spec);
    if (type == QLatin1String("object[]") && !referenced.isEmpty())
        return new ReferenceListFieldEditor(spec, referenced, parent);
    if (type == QLatin1String("object[]"))
        return new ObjectListFieldEditor(spec, parent);
    if (type == QLatin1String("object")) // a reference; one to a stage shows the name it carries
        return new ReferenceFieldEditor(spec, referenced, parent);
    if (type == QLatin1String("number"))
        return new NumberFieldEditor(spec, parent);
    if (spec.format == QLatin1String("date-time"))
        return new DateTimeFieldEditor(spec, parent);
    if (!spec.enumValues.isEmpty() || !spec.providerEnum.isEmpty())
        return new EnumFieldEditor(spec, parent);
    static const QStringList longText{QStringLiteral("content"), QStringLiteral("description"),
                                      QStringLiteral("internal_notes")};
    if (longText.contains(spec.name))
        return new MultiLineFieldEditor(spec, parent);
    return new TextFieldEditor(spec, parent);
}

} // namespace crmdesk
