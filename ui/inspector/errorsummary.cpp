#include "inspector/errorsummary.h"

#include "api/errortext.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace crmdesk {

namespace {

QString quote(const QString &text)
{
    return QStringLiteral("“") + text + QStringLiteral("”");
}

QString sentence(const QString &text)
{
    QString out = text.trimmed();
    if (!out.isEmpty() && !out.endsWith(u'.') && !out.endsWith(u'!') && !out.endsWith(u'?'))
        out += u'.';
    return out;
}

// The provider's own words from raw_response: a message-like field, else the text itself.
QString providerMessage(const TrutoError &error)
{
    const QJsonValue &raw = error.rawResponse;
    if (raw.isString())
        return errortext::quotable(raw.toString());
    const QString found = errortext::messageInJson(raw);
    if (!found.isEmpty())
        return found;
    if (raw.isObject() || raw.isArray()) {
        const QJsonDocument document = raw.isObject() ? QJsonDocument(raw.toObject())
                                                      : QJsonDocument(raw.toArray());
        return errortext::quotable(QString::fromUtf8(document.toJson(QJsonDocument::Compact)));
    }
    return {};
}

} // namespace

ErrorSummary::ErrorSummary(QWidget *parent)
    : QWidget(parent)
    , m_headline(new QLabel(this))
    , m_details(new QLabel(this))
    , m_fields(new QWidget(this))
    , m_fieldsLayout(new QHBoxLayout(m_fields))
{
    setObjectName(QStringLiteral("errorSummary"));
    setAccessibleName(tr("Error"));
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(QStringLiteral(
        "#errorSummary { background: #fff1f0; border: 1px solid #f5a3a3; border-radius: 6px; }"));
    m_headline->setObjectName(QStringLiteral("errorHeadline"));
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);
    m_headline->setStyleSheet(QStringLiteral("color: #a40e26;"));
    m_details->setObjectName(QStringLiteral("errorDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fields->setObjectName(QStringLiteral("missingFields"));
    m_fieldsLayout->setContentsMargins(0, 0, 0, 0);
    m_fieldsLayout->setSpacing(4);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(4);
    layout->addWidget(m_headline);
    layout->addWidget(m_details);
    layout->addWidget(m_fields);
    hide();
}

QStringList ErrorSummary::sentences(const ApiResult &result)
{
    if (result.ok())
        return {};
    QStringList out;
    const SentRequest &request = result.request;
    if (result.errorKind != ErrorKind::Http || !result.trutoError) {
        // Transport failures and non-envelope bodies: the client's sentence already says it all.
        out << sentence(result.errorString.isEmpty() ? toString(result.errorKind) : result.errorString);
        return out;
    }
    const TrutoError &error = *result.trutoError;
    const QString status = errortext::statusLine(result.httpStatus, result.reasonPhrase, result.trutoError);
    out << (error.isRemoteError
                ? tr("%1 failed with %2 from the provider.").arg(request.summary(), status)
                : tr("%1 failed with %2 from Truto.").arg(request.summary(), status));
    if (!error.message.trimmed().isEmpty())
        out << sentence(tr("Truto says: %1").arg(quote(errortext::quotable(error.message))));
    if (error.isRemoteError) {
        const QString provider = providerMessage(error);
        if (!provider.isEmpty() && provider != errortext::quotable(error.message))
            out << sentence(tr("The provider says: %1").arg(quote(provider)));
    }
    if (!error.missingRequiredQueryParameters.isEmpty())
        out << tr("Missing required query parameters: %1.")
                   .arg(error.missingRequiredQueryParameters.join(QStringLiteral(", ")));
    const QJsonArray failures = error.details.toObject().value(QLatin1String("failures")).toArray();
    for (const QJsonValue &failure : failures) {
        const QJsonObject object = failure.toObject();
        const QString field = object.value(QLatin1String("field")).toString(
            object.value(QLatin1String("path")).toString());
        const QString message = errortext::messageInJson(failure);
        if (!field.isEmpty() || !message.isEmpty())
            out << sentence(field.isEmpty() ? message : field + QStringLiteral(": ") + message);
    }
    // Conditional rules "can ride along on unrelated errors" (contract §7): shown, never blamed.
    const QJsonObject insight = error.insight.toObject();
    for (const char *key : {"conditionally_required_body_fields", "conditionally_required_query_parameters"}) {
        const QJsonObject rules = insight.value(QLatin1String(key)).toObject().value(QLatin1String("value")).toObject();
        if (!rules.isEmpty())
            out << tr("For information, conditionally required: %1.")
                       .arg(rules.keys().join(QStringLiteral(", ")));
    }
    const QString advice = errortext::statusAdvice(result.httpStatus, result.trutoError);
    if (!advice.isEmpty())
        out << sentence(advice);
    return out;
}

void ErrorSummary::setResult(const ApiResult &result)
{
    while (QLayoutItem *item = m_fieldsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const QStringList lines = sentences(result);
    if (lines.isEmpty()) {
        hide();
        return;
    }
    m_headline->setText(lines.first());
    m_details->setText(lines.mid(1).join(u' '));
    m_details->setVisible(lines.size() > 1);
    setAccessibleDescription(lines.join(u' '));

    const QStringList missing = result.trutoError ? result.trutoError->missingRequiredBodyFields
                                                  : QStringList();
    m_fields->setVisible(!missing.isEmpty());
    if (!missing.isEmpty()) {
        m_fieldsLayout->addWidget(new QLabel(tr("Missing required fields:"), m_fields));
        for (const QString &field : missing) {
            auto *link = new QPushButton(field, m_fields);
            link->setObjectName(QStringLiteral("missingField_") + field);
            link->setAccessibleName(tr("Go to field %1").arg(field));
            link->setFlat(true);
            link->setCursor(Qt::PointingHandCursor);
            link->setStyleSheet(QStringLiteral(
                "QPushButton { color: palette(link); text-decoration: underline; border: none; padding: 0 2px; }"));
            connect(link, &QPushButton::clicked, this,
                    [this, field] { Q_EMIT missingFieldActivated(field); });
            m_fieldsLayout->addWidget(link);
        }
        m_fieldsLayout->addStretch();
    }
    show();
}

QString ErrorSummary::text() const
{
    return isHidden() ? QString() : accessibleDescription();
}

} // namespace crmdesk
