#include "sandbox/faultinjector.h"

#include <QRegularExpression>
#include <QStringList>

#include <optional>

namespace crmdesk::sandbox {

namespace {

struct Item
{
    QString name;
    QString value;
    bool hasValue = false;
};

QList<Item> parseItems(const QString &spec)
{
    QList<Item> items;
    const QStringList parts =
        spec.split(QRegularExpression(QStringLiteral("[,;]")), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString trimmed = part.trimmed();
        if (trimmed.isEmpty())
            continue;
        Item item;
        const qsizetype equals = trimmed.indexOf(u'=');
        item.name = (equals < 0 ? trimmed : trimmed.left(equals)).trimmed().toLower();
        if (equals >= 0) {
            item.value = trimmed.mid(equals + 1).trimmed();
            item.hasValue = true;
        }
        items.append(item);
    }
    return items;
}

std::optional<qint64> number(const Item &item, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 value = item.value.toLongLong(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

bool isStatusItem(const QString &name)
{
    return name == QLatin1String("429") || name == QLatin1String("500") ||
           name == QLatin1String("502") || name == QLatin1String("503") ||
           name == QLatin1String("504") || name == QLatin1String("422");
}

// Applies one item to plan; returns an error text for an item it cannot read.
QString apply(const Item &item, FaultPlan &plan, int *firstAttempts, QString *token)
{
    const QString bad = QStringLiteral("X-Sandbox-Fault: cannot read '%1%2'")
                            .arg(item.name, item.hasValue ? QString(u'=' + item.value) : QString());
    if (item.name == QLatin1String("latency")) {
        const auto ms = number(item, 0, FaultInjector::kMaxLatencyMs);
        if (!ms)
            return bad;
        plan.latencyMs = int(*ms);
    } else if (item.name == QLatin1String("429")) {
        plan.status = 429;
        if (item.hasValue) {
            const auto seconds = number(item, 0, 3600);
            if (!seconds)
                return bad;
            plan.retryAfterSeconds = int(*seconds);
        }
    } else if (isStatusItem(item.name)) {
        plan.status = item.name.toInt();
        *firstAttempts = 0;
        if (item.hasValue) {
            const auto attempts = number(item, 1, 1000);
            if (!attempts)
                return bad;
            *firstAttempts = int(*attempts);
        }
    } else if (item.name == QLatin1String("drop")) {
        plan.drop = true;
        if (item.hasValue) {
            const auto bytes = number(item, 0, FaultInjector::kMaxLargeBytes);
            if (!bytes)
                return bad;
            plan.dropAfterBytes = *bytes;
        }
    } else if (item.name == QLatin1String("large")) {
        plan.largeBodyBytes = FaultInjector::kDefaultLargeBytes;
        if (item.hasValue) {
            const auto bytes = number(item, 1, FaultInjector::kMaxLargeBytes);
            if (!bytes)
                return bad;
            plan.largeBodyBytes = *bytes;
        }
    } else if (item.name == QLatin1String("hang")) {
        plan.hang = true;
    } else if (item.name == QLatin1String("token")) {
        if (item.value.isEmpty())
            return bad;
        *token = item.value;
    } else {
        return QStringLiteral("X-Sandbox-Fault: unknown fault '%1' (known: latency=MS, 429[=S], "
                              "500[=N], 502[=N], 503, 504[=N], 422, drop[=BYTES], large[=BYTES], "
                              "hang, token=NAME)")
            .arg(item.name);
    }
    return {};
}

} // namespace

bool FaultPlan::isEmpty() const
{
    return latencyMs == 0 && status == 0 && !drop && largeBodyBytes == 0 && !hang &&
           error.isEmpty();
}

QString FaultInjector::validate(const QString &spec)
{
    FaultPlan plan;
    int firstAttempts = 0;
    QString token;
    const QList<Item> items = parseItems(spec);
    for (const Item &item : items) {
        const QString error = apply(item, plan, &firstAttempts, &token);
        if (!error.isEmpty())
            return error;
    }
    return {};
}

FaultPlan FaultInjector::plan(const QString &accountSpec, const QString &headerSpec,
                              const QString &idempotencyKey, const QString &requestLine)
{
    FaultPlan plan;
    int firstAttempts = 0; // 0: every attempt fails
    QString token;
    // The account's own fault first, so that the header can override parts of it.
    const QList<Item> items = parseItems(accountSpec) + parseItems(headerSpec);
    for (const Item &item : items) {
        const QString error = apply(item, plan, &firstAttempts, &token);
        if (!error.isEmpty()) {
            FaultPlan failed;
            failed.error = error;
            return failed;
        }
    }
    if (plan.status != 0 && firstAttempts > 0) {
        const QString key = !token.isEmpty()            ? QString(u"token:" + token)
                            : !idempotencyKey.isEmpty() ? QString(u"idempotency:" + idempotencyKey)
                                                        : QString(u"request:" + requestLine);
        const QString counterKey = QString::number(plan.status) + u' ' + key;
        plan.attempt = ++m_attempts[counterKey];
        if (plan.attempt > firstAttempts)
            plan.status = 0; // this attempt goes through
    }
    return plan;
}

} // namespace crmdesk::sandbox
