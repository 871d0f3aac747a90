#include "bulk/csvreader.h"

#include <QStringDecoder>

namespace crmdesk {

namespace {
bool setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
    return false;
}

// Without a BOM, UTF-16 text of mostly ASCII has a zero in every other byte: in the odd
// positions for little endian, the even ones for big endian.
std::optional<QStringConverter::Encoding> sniffUtf16(const QByteArray &bytes)
{
    const qsizetype sample = std::min<qsizetype>(bytes.size() & ~qsizetype(1), 512);
    if (sample < 2)
        return std::nullopt;
    int evenZeros = 0;
    int oddZeros = 0;
    for (qsizetype i = 0; i < sample; i += 2) {
        evenZeros += bytes.at(i) == '\0';
        oddZeros += bytes.at(i + 1) == '\0';
    }
    const int pairs = int(sample / 2);
    if (oddZeros * 2 > pairs && evenZeros * 8 < pairs)
        return QStringConverter::Utf16LE;
    if (evenZeros * 2 > pairs && oddZeros * 8 < pairs)
        return QStringConverter::Utf16BE;
    return std::nullopt;
}

// The separator the header uses more often outside quotes; a comma when neither appears.
QChar detectDelimiter(const QString &text)
{
    int commas = 0;
    int semicolons = 0;
    bool quoted = false;
    for (const QChar c : text) {
        if (c == u'"')
            quoted = !quoted;
        else if (!quoted && (c == u'\n' || c == u'\r'))
            break;
        else if (!quoted && c == u',')
            ++commas;
        else if (!quoted && c == u';')
            ++semicolons;
    }
    return semicolons > commas ? QChar(u';') : QChar(u',');
}
} // namespace

std::optional<QString> decodeCsvText(const QByteArray &bytes, QString *encoding, QString *error)
{
    QStringConverter::Encoding found = QStringConverter::Utf8;
    QString name = QStringLiteral("UTF-8");
    qsizetype skip = 0;
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        name = QStringLiteral("UTF-8 with BOM");
        skip = 3;
    } else if (bytes.startsWith("\xFF\xFE")) {
        found = QStringConverter::Utf16LE;
        name = QStringLiteral("UTF-16LE with BOM");
        skip = 2;
    } else if (bytes.startsWith("\xFE\xFF")) {
        found = QStringConverter::Utf16BE;
        name = QStringLiteral("UTF-16BE with BOM");
        skip = 2;
    } else if (const auto utf16 = sniffUtf16(bytes)) {
        found = *utf16;
        name = found == QStringConverter::Utf16LE ? QStringLiteral("UTF-16LE")
                                                  : QStringLiteral("UTF-16BE");
    }
    QStringDecoder decoder(found, QStringConverter::Flag::Stateless);
    QString text = decoder.decode(QByteArrayView(bytes).sliced(skip));
    if (decoder.hasError()) {
        setError(error, QStringLiteral("The file is not valid %1 text; save it as UTF-8 or UTF-16")
                            .arg(name));
        return std::nullopt;
    }
    if (encoding)
        *encoding = name;
    return text;
}

std::optional<CsvTable> readCsv(const QByteArray &bytes, QString *error)
{
    CsvTable table;
    const std::optional<QString> decoded = decodeCsvText(bytes, &table.encoding, error);
    if (!decoded)
        return std::nullopt;
    const QString &text = *decoded;
    table.delimiter = detectDelimiter(text);

    QList<QStringList> records;
    QList<int> recordLines;
    QStringList record;
    QString cell;
    bool quoted = false;     // inside a quoted cell
    bool wasQuoted = false;  // the current cell was quoted (so an empty one still counts)
    int line = 1;
    int recordLine = 1;
    auto endCell = [&] {
        record.append(cell);
        cell.clear();
        wasQuoted = false;
    };
    auto endRecord = [&] {
        endCell();
        // A blank line is no record.
        if (!(record.size() == 1 && record.first().isEmpty())) {
            records.append(record);
            recordLines.append(recordLine);
        }
        record.clear();
    };
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < size && text.at(i + 1) == u'"') {
                    cell.append(u'"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == u'\n' || (c == u'\r' && !(i + 1 < size && text.at(i + 1) == u'\n')))
                    ++line;
                cell.append(c);
            }
            continue;
        }
        if (c == u'"' && cell.isEmpty() && !wasQuoted) {
            quoted = true;
            wasQuoted = true;
        } else if (c == table.delimiter) {
            endCell();
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < size && text.at(i + 1) == u'\n')
                ++i;
            endRecord();
            ++line;
            recordLine = line;
        } else {
            cell.append(c); // a stray quote inside an unquoted cell is kept as text
        }
    }
    if (quoted) {
        setError(error, QStringLiteral("A quoted cell that starts on line %1 is never closed")
                            .arg(recordLine));
        return std::nullopt;
    }
    if (!cell.isEmpty() || !record.isEmpty() || wasQuoted)
        endRecord();
    if (records.isEmpty()) {
        setError(error, QStringLiteral("The file is empty: it needs a header line"));
        return std::nullopt;
    }
    table.header = records.takeFirst();
    recordLines.removeFirst();
    for (QString &name : table.header)
        name = name.trimmed();
    table.rows = std::move(records);
    table.lines = std::move(recordLines);
    return table;
}

QString csvLine(const QStringList &cells, QChar delimiter)
{
    QStringList out;
    out.reserve(cells.size());
    for (const QString &cell : cells) {
        const bool needsQuotes = cell.contains(delimiter) || cell.contains(u'"')
                                 || cell.contains(u'\n') || cell.contains(u'\r')
                                 || cell.startsWith(u' ') || cell.endsWith(u' ');
        if (!needsQuotes) {
            out.append(cell);
            continue;
        }
        QString escaped = cell;
        escaped.replace(u'"', QLatin1String("\"\""));
        out.append(u'"' + escaped + u'"');
    }
    return out.join(delimiter);
}

} // namespace crmdesk
