#include "editors/referenceeditors.h"

#include "references/referencedirectory.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <utility>

namespace crmdesk {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kNameRole = Qt::UserRole + 2; // what a picked completion writes into the box

QString idText(const QJsonValue &id)
{
    return id.isDouble() ? QString::number(qint64(id.toDouble())) : id.toString();
}

// "Ada Lovelace · 151": the name first, the id for telling namesakes apart.
QString listText(const QString &name, const QString &id)
{
    return name.isEmpty() || name == id ? id : name + QStringLiteral("  ·  ") + id;
}

QLabel *smallNote(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setStyleSheet(QStringLiteral("color: #5f6368; font-size: small;"));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

ReferenceEditorBase::ReferenceEditorBase(const FieldSpec &spec, const QString &resource, QWidget *parent)
    : FieldEditor(spec, parent), m_resource(resource)
{
}

void ReferenceEditorBase::setSource(ReferenceDirectory *directory, const QString &accountId)
{
    if (m_directory)
        disconnect(m_directory, nullptr, this, nullptr);
    m_directory = directory;
    m_accountId = accountId;
    if (m_directory && !m_resource.isEmpty()) {
        connect(m_directory, &ReferenceDirectory::changed, this,
                [this](const QString &account, const QString &resource) {
                    if (account == m_accountId && resource == m_resource) {
                        fillCompletions();
                        namesChanged();
                    }
                });
        m_directory->load(m_accountId, m_resource);
    }
    fillCompletions();
    namesChanged();
}

bool ReferenceEditorBase::namesLoading() const
{
    if (!m_directory || m_resource.isEmpty())
        return false;
    const ReferenceDirectory::State state = m_directory->state(m_accountId, m_resource);
    return state == ReferenceDirectory::State::Loading || state == ReferenceDirectory::State::Unknown;
}

std::optional<ReferenceChoice> ReferenceEditorBase::choice(const QString &id) const
{
    if (!m_directory || m_resource.isEmpty() || id.isEmpty())
        return std::nullopt;
    return m_directory->find(m_accountId, m_resource, id);
}

QString ReferenceEditorBase::resolveTyped(const QString &text) const
{
    const QString typed = text.trimmed();
    if (typed.isEmpty() || !m_directory || m_resource.isEmpty())
        return typed;
    if (m_directory->find(m_accountId, m_resource, typed))
        return typed; // an id from the list
    const QList<ReferenceChoice> matches = m_directory->search(m_accountId, m_resource, typed, 50);
    for (const ReferenceChoice &match : matches) {
        if (match.name.compare(typed, Qt::CaseInsensitive) == 0 || listText(match.name, match.id) == typed)
            return match.id;
    }
    if (matches.size() == 1 && matches.first().name.contains(typed, Qt::CaseInsensitive))
        return matches.first().id;
    return typed;
}

QString ReferenceEditorBase::namesNote(const QString &id) const
{
    if (id.isEmpty() || m_resource.isEmpty() || !m_directory)
        return {};
    switch (m_directory->state(m_accountId, m_resource)) {
    case ReferenceDirectory::State::Unknown:
    case ReferenceDirectory::State::Loading:
        return tr("looking up the name…");
    case ReferenceDirectory::State::Failed:
        return tr("names unavailable (%1): the id is shown and can still be typed")
            .arg(m_directory->error(m_accountId, m_resource));
    case ReferenceDirectory::State::Ready:
        return choice(id) ? QString() : tr("not among this account's %1").arg(m_resource);
    }
    return {};
}

void ReferenceEditorBase::attachCompleter(QLineEdit *line)
{
    m_completions = new QStandardItemModel(this);
    m_completer = new QCompleter(m_completions, this);
    // The directory searches (names first, then e-mail and id); the completer only shows the
    // result, and a picked one writes the plain name into the box.
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCompletionRole(kNameRole);
    m_completer->setMaxVisibleItems(12);
    m_completer->popup()->setObjectName(line->objectName() + QStringLiteral("_completions"));
    line->setCompleter(m_completer);
    connect(line, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_typed = text;
        fillCompletions();
        if (!text.trimmed().isEmpty() && m_completions->rowCount() > 0)
            m_completer->complete();
    });
    // Queued: the completer writes its text into the box after announcing the pick.
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            [this](const QModelIndex &index) {
                const QString id = index.data(kIdRole).toString();
                QMetaObject::invokeMethod(this, [this, id] { picked(id); }, Qt::QueuedConnection);
            });
}

void ReferenceEditorBase::fillCompletions()
{
    if (!m_completions)
        return;
    m_completions->clear();
    if (!m_directory || m_resource.isEmpty())
        return;
    for (const ReferenceChoice &choice : m_directory->search(m_accountId, m_resource, m_typed, 50)) {
        QString text = listText(choice.name, choice.id);
        if (!choice.detail.isEmpty())
            text += QStringLiteral("  ·  ") + choice.detail;
        auto *item = new QStandardItem(text);
        item->setData(choice.id, kIdRole);
        item->setData(choice.name.isEmpty() ? choice.id : choice.name, kNameRole);
        m_completions->appendRow(item);
    }
}

ReferenceFieldEditor::ReferenceFieldEditor(const FieldSpec &spec, const QString &resource, QWidget *parent)
    : ReferenceEditorBase(spec, resource, parent), m_line(new QLineEdit(this)),
      m_idLabel(smallNote(QStringLiteral("field_") + spec.path + QStringLiteral("_id"), this))
{
    m_line->setObjectName(QStringLiteral("field_") + spec.path);
    m_line->setAccessibleName(spec.path);
    m_line->setToolTip(spec.description);
    m_line->setClearButtonEnabled(true);
    m_line->setPlaceholderText(resource.isEmpty() ? tr("id") : tr("Search %1 by name, or type an id").arg(resource));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_line, 1);
    layout->addWidget(m_idLabel);
    setFocusProxy(m_line);
    if (!resource.isEmpty())
        attachCompleter(m_line);
    connect(m_line, &QLineEdit::editingFinished, this, &ReferenceFieldEditor::commitTyped);
    // The clear button empties the box without an editingFinished of its own.
    connect(m_line, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty() && !m_rendering && !m_id.isEmpty())
            setId({});
    });
}

QJsonValue ReferenceFieldEditor::value() const
{
    if (m_id.isEmpty())
        return QJsonValue::Null;
    QJsonObject object = m_object;
    // An unchanged id keeps the JSON type it was loaded with (HubSpot's numeric owner ids).
    if (idText(m_object.value(QLatin1String("id"))) != m_id)
        object.insert(QStringLiteral("id"), m_id);
    return object;
}

void ReferenceFieldEditor::showValue(const QJsonValue &value)
{
    const QString previous = m_id;
    m_object = value.toObject();
    m_id = idText(m_object.value(QLatin1String("id")));
    m_pendingTyped.clear();
    if (m_id != previous) {
        // Undo, Revert, Clear or a reload while the box has focus: it must not keep showing
        // (and, on leaving it, send again) the reference that was replaced.
        m_rendering = true;
        m_line->setText(QString());
        m_rendering = false;
    }
    namesChanged();
}

void ReferenceFieldEditor::namesChanged()
{
    // A name typed while the list was still loading is resolved now that it is here.
    if (!m_pendingTyped.isEmpty() && !namesLoading()) {
        setId(resolveTyped(std::exchange(m_pendingTyped, QString())));
        return;
    }
    // The name of the record when the list has it; else the one the reference carries (a
    // stage's name); else the id itself.
    const std::optional<ReferenceChoice> known = choice(m_id);
    QString name = known ? known->name : m_object.value(QLatin1String("name")).toString();
    if (name.isEmpty())
        name = m_id;
    if (!m_line->hasFocus() || m_line->text().isEmpty()) {
        m_rendering = true;
        m_line->setText(name);
        m_rendering = false;
    }
    const QString note = namesNote(m_id);
    QString idText = m_id.isEmpty() || name == m_id ? QString() : tr("id %1").arg(m_id);
    if (!note.isEmpty())
        idText = idText.isEmpty() ? note : idText + QStringLiteral(" · ") + note;
    m_idLabel->setText(idText);
    m_idLabel->setToolTip(known && !known->detail.isEmpty() ? known->detail : QString());
    m_idLabel->setVisible(!idText.isEmpty());
}

void ReferenceFieldEditor::commitTyped()
{
    const QString shown = m_line->text().trimmed();
    const std::optional<ReferenceChoice> current = choice(m_id);
    const QString currentName = current ? current->name : m_object.value(QLatin1String("name")).toString();
    if (!m_id.isEmpty() && (shown == m_id || (!currentName.isEmpty() && shown == currentName)))
        return; // unchanged: the box shows the current reference
    if (!shown.isEmpty() && namesLoading() && !choice(shown)) {
        m_pendingTyped = shown; // resolved when the names arrive (namesChanged)
        m_idLabel->setText(tr("looking up “%1”…").arg(shown));
        m_idLabel->setVisible(true);
        return;
    }
    const QString id = resolveTyped(shown);
    // Text with a space that names nobody is a name not found, not an id: nothing is changed,
    // and the text stays for the user to correct.
    if (id == shown && shown.contains(u' ') && !choice(id) && m_directory
        && m_directory->state(m_accountId, referencedResource()) == ReferenceDirectory::State::Ready) {
        m_idLabel->setText(tr("no %1 named “%2”: pick one from the list, or type an id").arg(referencedResource(), shown));
        m_idLabel->setVisible(true);
        return;
    }
    setId(id);
}

void ReferenceFieldEditor::picked(const QString &id)
{
    setId(id);
}

void ReferenceFieldEditor::setId(const QString &id)
{
    if (id != m_id) {
        m_id = id;
        m_object.remove(QStringLiteral("name")); // a name carried along belonged to the old one
        notifyEdited();
    }
    m_rendering = true;
    m_line->setText(QString()); // namesChanged() writes the name, focus or not
    m_rendering = false;
    namesChanged();
}

ReferenceListFieldEditor::ReferenceListFieldEditor(const FieldSpec &spec, const QString &resource, QWidget *parent)
    : ReferenceEditorBase(spec, resource, parent), m_list(new QListWidget(this)), m_search(new QLineEdit(this)),
      m_remove(new QPushButton(tr("Remove"), this)),
      m_note(smallNote(QStringLiteral("field_") + spec.path + QStringLiteral("_note"), this))
{
    m_list->setObjectName(QStringLiteral("field_") + spec.path);
    m_list->setAccessibleName(spec.path);
    m_list->setToolTip(spec.description);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_search->setObjectName(QStringLiteral("field_") + spec.path + QStringLiteral("_search"));
    m_search->setAccessibleName(spec.path + QStringLiteral(" search"));
    m_search->setPlaceholderText(resource.isEmpty() ? tr("Add an id") : tr("Add: search %1 by name, or type an id").arg(resource));
    m_remove->setObjectName(QStringLiteral("field_") + spec.path + QStringLiteral("_remove"));
    m_remove->setAccessibleName(m_remove->objectName());
    m_remove->setAutoDefault(false);
    auto *row = new QHBoxLayout;
    row->addWidget(m_search, 1);
    row->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_list);
    layout->addLayout(row);
    layout->addWidget(m_note);
    m_note->hide();
    setFocusProxy(m_search);
    if (!resource.isEmpty())
        attachCompleter(m_search);
    connect(m_search, &QLineEdit::returnPressed, this, &ReferenceListFieldEditor::addTyped);
    connect(m_remove, &QPushButton::clicked, this, &ReferenceListFieldEditor::removeSelected);
    fitHeight();
}

QStringList ReferenceListFieldEditor::ids() const
{
    QStringList out;
    for (const QJsonValue &item : m_items)
        out.append(idText(item.toObject().value(QLatin1String("id"))));
    return out;
}

QJsonValue ReferenceListFieldEditor::value() const
{
    return m_items;
}

void ReferenceListFieldEditor::showValue(const QJsonValue &value)
{
    m_items = value.toArray();
    fillList();
}

void ReferenceListFieldEditor::namesChanged()
{
    fillList();
}

void ReferenceListFieldEditor::fillList()
{
    m_list->clear();
    QStringList notes;
    for (const QString &id : ids()) {
        const std::optional<ReferenceChoice> known = choice(id);
        auto *item = new QListWidgetItem(listText(known ? known->name : QString(), id), m_list);
        item->setData(kIdRole, id);
        if (known && !known->detail.isEmpty())
            item->setToolTip(known->detail);
        const QString note = namesNote(id);
        if (!note.isEmpty() && !notes.contains(note))
            notes.append(note);
    }
    m_note->setText(notes.join(QStringLiteral("; ")));
    m_note->setVisible(!notes.isEmpty());
    fitHeight();
}

void ReferenceListFieldEditor::fitHeight()
{
    const int rows = qBound(1, m_list->count(), 6);
    const int rowHeight = qMax(m_list->sizeHintForRow(0), fontMetrics().height() + 4);
    m_list->setFixedHeight(rows * rowHeight + 2 * m_list->frameWidth() + 4);
}

void ReferenceListFieldEditor::addTyped()
{
    const QString id = resolveTyped(m_search->text());
    if (!id.isEmpty())
        picked(id);
}

void ReferenceListFieldEditor::picked(const QString &id)
{
    m_search->clear();
    if (id.isEmpty() || ids().contains(id))
        return;
    m_items.append(QJsonObject{{QStringLiteral("id"), id}});
    fillList();
    notifyEdited();
}

void ReferenceListFieldEditor::removeSelected()
{
    QList<int> rows;
    for (const QListWidgetItem *item : m_list->selectedItems())
        rows.append(m_list->row(item));
    if (rows.isEmpty() && m_list->currentRow() >= 0)
        rows.append(m_list->currentRow());
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : rows)
        m_items.removeAt(row);
    fillList();
    notifyEdited();
}

} // namespace crmdesk
