#pragma once

#include "api/apiresult.h"
#include "inspect/backgroundtask.h"
#include "inspect/jsondiff.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTreeWidget;

namespace crmdesk {

// Two responses side by side as a list of differences: status and headers first, then the
// body by path (added, removed, changed), filterable by kind and path. The diff runs off the
// UI thread.
class ResponseDiffView : public QWidget
{
    Q_OBJECT
public:
    enum Column { KindColumn, PathColumn, BeforeColumn, AfterColumn };

    explicit ResponseDiffView(QWidget *parent = nullptr);
    ~ResponseDiffView() override;

    void compare(const ApiResult &before, const ApiResult &after);
    void clear();
    bool isReady() const { return m_ready; }
    const JsonDiff::Result &bodyDifferences() const { return m_result; }
    QString summaryText() const;
    QTreeWidget *list() const { return m_list; }
    // Rows not hidden by the filters.
    int visibleRows() const;

Q_SIGNALS:
    void diffReady();

private:
    void applyFilter();
    void addRow(JsonDifference::Kind kind, const QString &path, const QString &before,
                const QString &after);

    QLabel *m_summary;
    QComboBox *m_kindFilter;
    QLineEdit *m_pathFilter;
    QTreeWidget *m_list;
    JsonDiff::Result m_result;
    CancelFlag m_cancel;
    bool m_ready = false;
};

} // namespace crmdesk
