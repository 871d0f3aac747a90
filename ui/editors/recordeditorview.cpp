#include "editors/recordeditorview.h"

#include "api/apicall.h"
#include "api/trutoclient.h"
#include "editors/fieldrow.h"
#include "editors/queryoptionspanel.h"
#include "editors/recordform.h"
#include "editors/customfieldseditor.h"
#include "policy/customfieldvalidation.h"
#include "snippets/copyasmenu.h"
#include "drafts/draftrecorder.h"
#include "references/referencedirectory.h"

#include <QApplication>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QUuid>
#include <QVBoxLayout>

namespace crmdesk {

namespace {
QString previewText(const SentRequest &request, const QStringList &excluded)
{
    QString text = QString::fromLatin1(request.method) + u' '
                   + QString::fromUtf8(request.url.toEncoded()) + u'\n';
    for (const auto &[name, value] : request.headers)
        text += QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(value) + u'\n';
    text += u'\n';
    const QJsonDocument body = QJsonDocument::fromJson(request.body);
    text += body.isNull() ? QString::fromUtf8(request.body) : QString::fromUtf8(body.toJson(QJsonDocument::Indented));
    if (!excluded.isEmpty())
        text += QStringLiteral("\n# Left out (not supported by this provider): ") + excluded.join(QStringLiteral(", "));
    return text;
}
} // namespace

RecordEditorView::RecordEditorView(const ResourceSchema &schema, TrutoClient *client, QWidget *parent)
    : QWidget(parent), m_schema(schema), m_client(client), m_model(new RecordModel(schema, this)),
      m_form(new RecordForm(m_model)), m_query(new QueryOptionsPanel(schema, this)), m_splitter(new QSplitter(this)),
      m_provider(new QComboBox(this)), m_environment(new QLabel(this)), m_policyNote(new QLabel(this)),
      m_summary(new QLabel(this)),
      m_preview(new QPlainTextEdit(this)), m_send(new QPushButton(tr("&Send"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)), m_progress(new QProgressBar(this)),
      m_rules(schema)
{
    setObjectName(QStringLiteral("editor_") + schema.name);
    m_provider->setObjectName(QStringLiteral("providerCombo"));
    m_provider->setAccessibleName(tr("Provider"));
    m_provider->addItem(tr("(any provider)"), QString());
    for (const QString &provider : schema.allProviders())
        m_provider->addItem(provider, provider);
    m_environment->setObjectName(QStringLiteral("environmentBadge"));
    m_policyNote->setObjectName(QStringLiteral("policyNote"));
    m_policyNote->setStyleSheet(QStringLiteral("color: #5f6368;"));
    m_summary->setObjectName(QStringLiteral("sendSummary"));
    m_summary->setWordWrap(true);
    m_preview->setObjectName(QStringLiteral("requestPreview"));
    m_preview->setAccessibleName(tr("Request preview"));
    m_preview->setReadOnly(true);
    m_preview->setFont(QFont(QStringLiteral("monospace")));
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_send->setObjectName(QStringLiteral("sendButton"));
    // Ctrl+Return is the main window's Record > Send action; a second shortcut here would make
    // the key ambiguous and fire neither.
    m_send->setToolTip(tr("Send the changed fields (Ctrl+Return)"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancel->hide();
    m_progress->setObjectName(QStringLiteral("sendProgress"));
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->hide();

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Provider:"), this));
    top->addWidget(m_provider, 1);
    top->addWidget(m_policyNote, 2);
    top->addWidget(m_environment);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("formScroll"));
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_form);

    auto *queryBox = new QGroupBox(tr("Query options"), this);
    auto *queryLayout = new QVBoxLayout(queryBox);
    queryLayout->addWidget(m_query);
    auto *previewBox = new QGroupBox(tr("Request preview"), this);
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(m_preview);
    // The preview is what people check before sending; it gets the larger share.
    auto *side = new QSplitter(Qt::Vertical, this);
    side->setObjectName(QStringLiteral("requestSplitter"));
    side->addWidget(queryBox);
    side->addWidget(previewBox);
    side->setStretchFactor(0, 0);
    side->setStretchFactor(1, 1);
    side->setSizes({queryBox->sizeHint().height(), 10 * queryBox->sizeHint().height()});

    m_splitter->setObjectName(QStringLiteral("editorSplitter"));
    m_splitter->addWidget(scroll);
    m_splitter->addWidget(side);
    m_splitter->setStretchFactor(0, 1); // a wider window widens the form; the side keeps its width
    m_splitter->setStretchFactor(1, 0);
    m_splitter->setChildrenCollapsible(false);
    side->setMinimumWidth(240);
    scroll->setMinimumWidth(360);
    // The technical fields are there when asked for, not in the way.
    m_form->setSectionExpanded(QStringLiteral("advanced"), false);
    connect(m_splitter, &QSplitter::splitterMoved, this, &RecordEditorView::layoutChanged);
    connect(m_form, &RecordForm::sectionsToggled, this, &RecordEditorView::layoutChanged);

    auto *copyAs = new QPushButton(tr("Copy as"), this);
    copyAs->setObjectName(QStringLiteral("copyAsButton"));
    copyAs->setToolTip(tr("Copy this request as curl, fetch, Python or an SDK call (token redacted)"));
    auto *copyMenu = new CopyAsMenu(
        [this] {
            SnippetRequest request;
            request.request = previewRequest();
            return m_model->isLoaded() ? request : SnippetRequest();
        },
        copyAs);
    copyMenu->setTokenSource([client = m_client] { return client->config().token; });
    connect(copyMenu, &CopyAsMenu::copied, this, [this](SnippetForm, bool withToken) {
        m_summary->setText(withToken ? tr("Copied, with the token: handle with care.") : tr("Copied (token redacted)."));
    });
    copyAs->setMenu(copyMenu);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(copyAs);
    bottom->addWidget(m_progress);
    bottom->addWidget(m_cancel);
    bottom->addWidget(m_send);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_splitter, 1);
    layout->addLayout(bottom);

    connect(m_provider, &QComboBox::currentIndexChanged, this, [this] {
        m_rules.setProvider(m_provider->currentData().toString());
        applyPolicy();
    });
    connect(m_model, &RecordModel::valueChanged, this, [this] {
        m_idempotencyKey.clear();
        refresh();
    });
    connect(m_model, &RecordModel::modifiedChanged, this, &RecordEditorView::titleChanged);
    connect(m_model, &RecordModel::loaded, this, &RecordEditorView::refresh);
    connect(m_query, &QueryOptionsPanel::changed, this, &RecordEditorView::refresh);
    connect(m_send, &QPushButton::clicked, this, &RecordEditorView::send);
    connect(m_cancel, &QPushButton::clicked, this, &RecordEditorView::cancel);
    applyPolicy();
}

RecordEditorView::~RecordEditorView()
{
    if (m_call) {
        // Cancelling reports finished() at once; this view must not hear it while half gone.
        disconnect(m_call, nullptr, this, nullptr);
        m_call->cancel();
    }
}

void RecordEditorView::setAccount(const AccountCapabilities &account)
{
    const bool newAccount = account.id() != m_rules.account().id();
    m_rules.setAccount(account);
    if (newAccount) {
        m_query->setAccountId(account.id());
        m_form->setReferenceSource(m_references, account.id());
        setProvider(account.provider());
    }
    applyPolicy();
}

void RecordEditorView::setProvider(const QString &provider)
{
    const int index = m_provider->findData(m_schema.canonicalProvider(provider).value_or(QString()));
    if (index >= 0 && index != m_provider->currentIndex()) {
        m_provider->setCurrentIndex(index); // applies the new rules
        return;
    }
    m_rules.setProvider(m_provider->currentData().toString());
    applyPolicy();
}

QString RecordEditorView::provider() const
{
    return m_provider->currentData().toString();
}

void RecordEditorView::setLiveFieldRules(const FieldPolicy &merged, const QString &note)
{
    m_rules.setLiveRules(merged, note);
    applyPolicy();
}

void RecordEditorView::applyPolicy()
{
    m_policy = m_rules.build();
    m_policy.customFields = m_customFields;
    m_policyNote->setText(m_policy.note);
    m_form->applyFieldPolicy(m_policy.fields);
    m_query->applyFieldPolicy(m_policy.fields);
    refresh();
}

void RecordEditorView::setReferenceDirectory(ReferenceDirectory *directory)
{
    m_references = directory;
    m_form->setReferenceSource(directory, accountId());
}

QByteArray RecordEditorView::layoutState() const
{
    const QJsonObject state{
        {QStringLiteral("splitter"), QString::fromLatin1(m_splitter->saveState().toBase64())},
        {QStringLiteral("collapsed"), QJsonArray::fromStringList(m_form->collapsedSections())},
    };
    return QJsonDocument(state).toJson(QJsonDocument::Compact);
}

void RecordEditorView::restoreLayoutState(const QByteArray &state)
{
    const QJsonObject json = QJsonDocument::fromJson(state).object();
    if (json.isEmpty())
        return;
    QStringList collapsed;
    for (const QJsonValue &section : json.value(QLatin1String("collapsed")).toArray())
        collapsed.append(section.toString());
    m_form->setCollapsedSections(collapsed);
    const QByteArray splitter = QByteArray::fromBase64(json.value(QLatin1String("splitter")).toString().toLatin1());
    if (m_splitter->restoreState(splitter))
        m_splitterPlaced = true;
}

void RecordEditorView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_splitterPlaced || width() < 200)
        return;
    // The first real width: the side (query options and preview) gets about a third, within
    // limits, so neither a 1024 px nor a 1920 px window starves the form.
    m_splitterPlaced = true;
    const int total = m_splitter->width();
    const int side = qBound(260, total * 36 / 100, 620);
    m_splitter->setSizes({total - side, side});
}

void RecordEditorView::setCustomFieldDefinitions(const QList<CustomField> &definitions)
{
    m_customFields = definitions;
    if (FieldRow *row = m_form->row(QStringLiteral("custom_fields"))) {
        if (auto *editor = qobject_cast<CustomFieldsEditor *>(row->editor()))
            editor->setDefinitions(definitions);
    }
    applyPolicy();
}

void RecordEditorView::enableDrafts(DraftStore *store, const DraftKey &key)
{
    delete m_drafts;
    m_drafts = new DraftRecorder(store, m_model, this);
    m_drafts->setKey(key, provider());
    connect(m_drafts, &DraftRecorder::failed, m_summary, &QLabel::setText);
    // Leaving a field is a natural pause: the draft reaches the disk itself then.
    connect(qApp, &QApplication::focusChanged, m_drafts, &DraftRecorder::flush);
}

void RecordEditorView::restoreDraftAfterLoad(const Draft &draft)
{
    m_afterLoad = [this, draft] {
        m_model->restoreEdits(draft.edits);
        const QString was = draft.original.value(QLatin1String("updated_at")).toString();
        const QString now = m_model->original().value(QLatin1String("updated_at")).toString();
        m_summary->setText(was == now
                               ? tr("Restored your unsent edits.")
                               : tr("Restored your unsent edits. The record changed on the server since "
                                    "(updated_at %1, was %2): check before sending.")
                                     .arg(now, was));
    };
}

void RecordEditorView::setServerChangeCheck(bool enabled, Confirmation prompt)
{
    m_checkServerChanges = enabled;
    m_overwritePrompt = std::move(prompt);
}

void RecordEditorView::setEnvironmentLabel(const QString &label)
{
    m_environment->setText(label.isEmpty() ? QString() : QStringLiteral(" %1 ").arg(label.toUpper()));
    const bool production = label.compare(QLatin1String("production"), Qt::CaseInsensitive) == 0;
    m_environment->setStyleSheet(production ? QStringLiteral("background:#b3261e;color:white;border-radius:3px;")
                                            : QStringLiteral("background:#1f5fae;color:white;border-radius:3px;"));
    m_send->setText(label.isEmpty() ? tr("&Send") : tr("&Send to %1").arg(label));
}

QList<ValidationIssue> RecordEditorView::issues() const
{
    QList<ValidationIssue> out = validateRecord(*m_model, m_policy.fields);
    if (m_model->isLoaded())
        out += validateCustomFields(m_policy.customFields, *m_model);
    return out;
}

QStringList RecordEditorView::blockingProblems() const
{
    return m_policy.sendProblems(*m_model, m_query->options()) + m_query->inputProblems();
}

PatchRequest RecordEditorView::patchRequest() const
{
    const QueryOptions options = m_query->options();
    return {{m_schema.name, m_model->id(), options.integratedAccountId},
            m_model->patchBody(m_policy.fields), options, m_idempotencyKey};
}

SentRequest RecordEditorView::previewRequest() const
{
    return m_client->previewUpdate(patchRequest());
}

QString RecordEditorView::title() const
{
    const QString name = m_model->isLoaded() ? recordDisplayName(m_model->original()) : m_recordId;
    return m_schema.label + QStringLiteral(": ") + name + (m_model->isModified() ? QStringLiteral(" *") : QString());
}

void RecordEditorView::refresh()
{
    const QList<ValidationIssue> shown = m_model->isModified() ? issues() : QList<ValidationIssue>();
    m_form->showIssues(shown);
    if (FieldRow *row = m_form->row(QStringLiteral("custom_fields"))) {
        if (auto *custom = qobject_cast<CustomFieldsEditor *>(row->editor()))
            custom->showIssues(shown);
    }
    m_preview->setPlainText(m_model->isLoaded() ? previewText(previewRequest(), m_model->excludedEdits(m_policy.fields))
                                                : tr("No record loaded."));
    const QStringList problems = blockingProblems();
    m_send->setEnabled(problems.isEmpty() && !isBusy());
    m_send->setToolTip(problems.isEmpty() ? tr("Send the changed fields (Ctrl+Return)")
                                          : problems.join(u'\n'));
    if (!isBusy()) {
        const int changed = int(m_model->changedFields().size());
        m_summary->setText(problems.isEmpty() ? tr("%n field(s) will be sent.", nullptr, changed)
                                              : problems.first());
    }
    Q_EMIT titleChanged();
}

void RecordEditorView::loadRecord(const QString &id)
{
    if (id.isEmpty()) {
        // An empty id would turn "GET one record" into a list call.
        m_summary->setText(tr("This record has no id; it cannot be loaded"));
        return;
    }
    m_recordId = id;
    QueryOptions options = m_query->options();
    options.resourceQuery = {};
    options.responseFormat.reset(); // the form is always filled from the unified record
    setBusy(m_client->getRecord(m_schema.name, id, options), tr("Loading %1…").arg(id));
    connect(m_call, &ApiCall::finished, this, &RecordEditorView::onLoaded);
}

void RecordEditorView::onLoaded(const ApiResult &result)
{
    setBusy(nullptr, {});
    Q_EMIT responseReceived(result);
    if (!result.ok() || !result.json.isObject()) {
        m_summary->setText(tr("Could not load the record: %1").arg(result.errorString));
        return;
    }
    m_model->load(result.json.object());
    if (m_afterLoad)
        std::exchange(m_afterLoad, {})();
    Q_EMIT recordLoaded();
}

bool RecordEditorView::send()
{
    if (isBusy() || !blockingProblems().isEmpty()) {
        refresh();
        return false;
    }
    if (m_idempotencyKey.isEmpty())
        m_idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (m_drafts) {
        m_drafts->setQuery(m_query->options());
        m_drafts->setIdempotencyKey(m_idempotencyKey);
        m_drafts->record();
    }
    if (!m_checkServerChanges) {
        sendNow();
        return true;
    }
    // Contract §16.1: Truto has no If-Match, so compare a fresh copy's updated_at and etag.
    QueryOptions options = m_query->options();
    options.resourceQuery = {};
    options.responseFormat.reset();
    options.ignoreRemoteData = true;
    setBusy(m_client->getRecord(m_schema.name, m_model->id(), options),
            tr("Checking for changes on the server…"));
    connect(m_call, &ApiCall::finished, this, &RecordEditorView::onFreshCopy);
    return true;
}

void RecordEditorView::onFreshCopy(const ApiResult &result)
{
    setBusy(nullptr, {});
    if (!result.ok()) {
        m_summary->setText(tr("Could not check the record before sending: %1").arg(result.errorString));
        return;
    }
    const QJsonObject fresh = result.json.object();
    const QJsonObject &loaded = m_model->original();
    QStringList changed;
    for (const char *key : {"updated_at", "etag"}) {
        const QJsonValue before = loaded.value(QLatin1String(key));
        const QJsonValue after = fresh.value(QLatin1String(key));
        if (!before.isUndefined() && before != after)
            changed.append(QStringLiteral("%1 %2 → %3").arg(QLatin1String(key), before.toVariant().toString(),
                                                          after.toVariant().toString()));
    }
    if (!changed.isEmpty()) {
        const QString question = tr("This record changed on the server since you loaded it (%1). "
                                    "Send your changes anyway?")
                                     .arg(changed.join(QStringLiteral(", ")));
        const QString notSent = tr("Not sent: the record changed on the server. Reload to see it; "
                                   "your edits are kept.");
        if (!m_overwritePrompt) {
            m_summary->setText(notSent);
            return;
        }
        QPointer<RecordEditorView> self(this);
        m_overwritePrompt({tr("Changed on the server"), question, tr("Send anyway")},
                          [self, notSent](bool overwrite) {
            if (!self)
                return;
            if (overwrite)
                self->sendNow();
            else
                self->m_summary->setText(notSent);
        });
        return;
    }
    sendNow();
}

void RecordEditorView::sendNow()
{
    setBusy(m_client->updateRecord(patchRequest()), tr("Sending…"));
    connect(m_call, &ApiCall::finished, this, &RecordEditorView::onFinishedSending);
    connect(m_call, &ApiCall::retrying, this, [this](int attempt, int delayMs, const QString &reason) {
        m_summary->setText(tr("%1 Trying again in %2 s (attempt %3), with the same Idempotency-Key.")
                               .arg(reason)
                               .arg(qMax(1, (delayMs + 999) / 1000))
                               .arg(attempt));
    });
    if (m_call->isStreaming()) {
        Q_EMIT streamStarted(m_call->sentRequest());
        connect(m_call, &ApiCall::bytesArrived, this, &RecordEditorView::streamBytes);
    }
}

void RecordEditorView::onFinishedSending(const ApiResult &result)
{
    setBusy(nullptr, {});
    if (result.streamed)
        Q_EMIT streamFinished(result);
    else
        Q_EMIT responseReceived(result);
    Q_EMIT sent(result);
    if (!result.ok()) {
        // Every edit stays; the error names the fields where the server said which.
        if (result.trutoError)
            m_form->markMissing(result.trutoError->missingRequiredBodyFields);
        m_summary->setText(result.errorString);
        return;
    }
    const QJsonObject saved = result.json.object();
    const bool unified = saved.contains(QLatin1String("id"))
                         && (!m_query->options().responseFormat
                             || *m_query->options().responseFormat == ResponseFormat::Unified
                             || *m_query->options().responseFormat == ResponseFormat::Normalized);
    if (unified) {
        m_model->acceptSaved(saved);
        m_summary->setText(tr("Saved."));
    } else {
        // A raw or streamed answer is not the unified record: read it back to be sure.
        loadRecord(m_model->id());
    }
}

void RecordEditorView::cancel()
{
    if (m_call)
        m_call->cancel();
}

void RecordEditorView::setBusy(ApiCall *call, const QString &what)
{
    m_call = call;
    m_progress->setVisible(call != nullptr);
    m_cancel->setVisible(call != nullptr);
    if (call)
        m_summary->setText(what);
    refresh();
}

} // namespace crmdesk
