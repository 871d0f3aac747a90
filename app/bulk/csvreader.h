#pragma once

#include <QByteArray>
#include <QChar>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crmdesk {

// A CSV file as text: its header and data rows, with the line each row starts on (quoted cells
// may hold newlines, so row N is not line N+1).
struct CsvTable
{
    QStringList header;
    QList<QStringList> rows;
    QList<int> lines;   // 1-based line of each row's first character
    QString encoding;   // "UTF-8", "UTF-8 with BOM", "UTF-16LE with BOM", ...
    QChar delimiter = u',';
};

// Reads a CSV file's bytes: UTF-8 or UTF-16 (LE or BE), with or without a byte order mark;
// comma or semicolon separated (whichever the header line uses more, outside quotes); RFC 4180
// quoting ("" inside quotes is one quote; quoted cells may hold separators and newlines); CRLF,
// LF or CR line ends. Blank lines are skipped. Nothing on failure, with the reason in error.
std::optional<CsvTable> readCsv(const QByteArray &bytes, QString *error = nullptr);

// Bytes to text, with the encoding found (see readCsv). UTF-16 without a BOM is recognised by
// its zero bytes; anything else must be valid UTF-8.
std::optional<QString> decodeCsvText(const QByteArray &bytes, QString *encoding,
                                     QString *error = nullptr);

// One CSV line (no line end) of cells, quoted where RFC 4180 needs it.
QString csvLine(const QStringList &cells, QChar delimiter = u',');

} // namespace crmdesk
