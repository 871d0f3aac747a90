#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace crmdesk::textsniff {

// Length of the well-formed UTF-8 sequence at p (lead byte >= 0x80), 0 when malformed:
// overlong forms, surrogates and code points above U+10FFFF are rejected.
int utf8SequenceLength(const unsigned char *p, const unsigned char *end);

bool isValidUtf8(QByteArrayView bytes);

// NUL bytes or many control characters near the start: show as hex, not as text.
bool looksBinary(QByteArrayView bytes);

// The charset parameter of a Content-Type ("iso-8859-1"), lower case; empty when absent.
QByteArray charsetOf(const QByteArray &contentType);

// Text for display. Valid UTF-8 is decoded as such; otherwise the declared charset when Qt
// knows it, else Latin-1 (every byte maps to one character, so nothing is lost from view).
// encoding receives the name actually used.
QString decode(QByteArrayView bytes, const QByteArray &charset, QString *encoding = nullptr);

} // namespace crmdesk::textsniff
