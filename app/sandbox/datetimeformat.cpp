#include "sandbox/datetimeformat.h"

#include <QRegularExpression>
#include <QTimeZone>

#include <cstdlib>

namespace crmdesk::sandbox {

namespace {

int offsetSecondsOf(const QJsonValue &existing)
{
    const std::optional<QDateTime> parsed = DateTimeFormat::parse(existing.toString());
    return parsed ? parsed->offsetFromUtc() : 0;
}

QString offsetText(int seconds)
{
    const int minutes = std::abs(seconds) / 60;
    return QStringLiteral("%1%2:%3")
        .arg(QChar(seconds < 0 ? u'-' : u'+'))
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

bool DateTimeFormat::isKnown(const QString &format)
{
    static const QStringList known{
        QStringLiteral("iso"),       QStringLiteral("iso_seconds"),  QStringLiteral("offset"),
        QStringLiteral("offset_ms"), QStringLiteral("offset_micro"), QStringLiteral("sql"),
        QStringLiteral("date"),      QStringLiteral("epoch_ms"),     QStringLiteral("epoch_s")};
    return known.contains(format);
}

std::optional<QDateTime> DateTimeFormat::parse(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)"
        R"(\s*(Z|[+-]\d{2}:?\d{2})?$)"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(),
                     match.captured(3).toInt());
    const QString fraction = match.captured(7);
    const int ms = fraction.isEmpty() ? 0 : fraction.left(3).leftJustified(3, u'0').toInt();
    const QTime time(match.captured(4).toInt(), match.captured(5).toInt(),
                     match.captured(6).toInt(), ms);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    int offset = 0;
    const QString zone = match.captured(8);
    if (!zone.isEmpty() && zone != QLatin1String("Z")) {
        QString digits = zone.mid(1);
        digits.remove(u':');
        offset = (digits.left(2).toInt() * 3600 + digits.mid(2, 2).toInt() * 60) *
                 (zone.startsWith(u'-') ? -1 : 1);
    }
    const QDateTime dateTime(date, time, QTimeZone(offset));
    return dateTime.isValid() ? std::optional<QDateTime>(dateTime) : std::nullopt;
}

std::optional<QDateTime> DateTimeFormat::parseNative(const QJsonValue &value, const QString &format)
{
    if (format == QLatin1String("epoch_ms") || format == QLatin1String("epoch_s")) {
        bool ok = value.isDouble();
        qint64 number = value.isDouble() ? qint64(value.toDouble()) : 0;
        if (value.isString())
            number = value.toString().toLongLong(&ok);
        if (!ok)
            return std::nullopt;
        return format == QLatin1String("epoch_ms")
                   ? QDateTime::fromMSecsSinceEpoch(number, QTimeZone::utc())
                   : QDateTime::fromSecsSinceEpoch(number, QTimeZone::utc());
    }
    return parse(value.toString());
}

QString DateTimeFormat::toUnified(const QDateTime &dateTime)
{
    return dateTime.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));
}

QJsonValue DateTimeFormat::toNative(const QDateTime &dateTime, const QString &format,
                                    const QJsonValue &existing)
{
    const QDateTime utc = dateTime.toUTC();
    if (format == QLatin1String("epoch_ms"))
        return double(utc.toMSecsSinceEpoch());
    if (format == QLatin1String("epoch_s"))
        return double(utc.toSecsSinceEpoch());
    if (format == QLatin1String("iso_seconds"))
        return utc.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
    if (format == QLatin1String("sql"))
        return utc.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (format == QLatin1String("date"))
        return utc.toString(QStringLiteral("yyyy-MM-dd"));
    if (format.startsWith(QLatin1String("offset"))) {
        const int offset = offsetSecondsOf(existing);
        const QDateTime local = utc.toOffsetFromUtc(offset);
        QString text = local.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss"));
        if (format == QLatin1String("offset_ms"))
            text += local.toString(QStringLiteral(".zzz"));
        else if (format == QLatin1String("offset_micro"))
            text += local.toString(QStringLiteral(".zzz")) + QStringLiteral("000");
        return QString(text + offsetText(offset));
    }
    return toUnified(utc);
}

} // namespace crmdesk::sandbox
