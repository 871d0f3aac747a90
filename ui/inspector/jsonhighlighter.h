#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace crmdesk {

// Colours keys, strings, numbers, literals and punctuation of pretty-printed JSON. A long
// string split over several blocks keeps its colour (the block state says "inside a string").
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
    QTextCharFormat m_punctuation;
};

} // namespace crmdesk
