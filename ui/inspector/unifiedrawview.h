#pragma once

#include "inspect/backgroundtask.h"
#include "inspect/bodydocument.h"
#include "inspect/fieldprovenance.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <memory>

class QLabel;
class QListWidget;
class QSpinBox;

namespace crmdesk {

class JsonTreeModel;
class JsonTreeView;

// Unified fields beside the raw data they came from (contract §6.2, product §6 item 4): the
// raw pane is the record's remote_data, or a second response fetched with
// truto_response_format=raw. Selecting a unified field highlights its raw sources (by
// mapping and by value); raw fields that no unified field shows are listed.
class UnifiedRawView : public QWidget
{
    Q_OBJECT
public:
    explicit UnifiedRawView(QWidget *parent = nullptr);
    ~UnifiedRawView() override;

    void setUnifiedDocument(std::shared_ptr<const BodyDocument> document);
    // A separate raw response of the same record; null goes back to remote_data.
    void setRawDocument(std::shared_ptr<const BodyDocument> document);
    void setFieldMapping(const QHash<QString, QString> &mapping);
    void clear();

    bool isAvailable() const { return m_available; }
    QString message() const;
    int recordCount() const { return m_recordCount; }
    void setRecord(int record);
    int record() const { return m_record; }

    // Selects a unified field (path relative to the record) as a click would.
    void selectUnifiedField(const QString &path);
    QStringList highlightedRawPaths() const { return m_highlightedRaw; }
    QStringList highlightedUnifiedPaths() const { return m_highlightedUnified; }
    const FieldProvenance &provenance() const { return m_provenance; }
    bool linksReady() const { return m_linksReady; }

    JsonTreeView *unifiedTree() const { return m_unifiedTree; }
    JsonTreeView *rawTree() const { return m_rawTree; }
    QListWidget *unmappedList() const { return m_unmapped; }

Q_SIGNALS:
    void linksComputed();

protected:
    void showEvent(QShowEvent *event) override;

private:
    // rebuild() only finds the record and its raw side (cheap, decides availability);
    // build() makes the trees and the links, once the view is shown.
    void rebuild();
    void build();
    void showMessage(const QString &text);
    void onUnifiedCurrentChanged();
    void onRawCurrentChanged();
    void applyMarks();

    QLabel *m_message;
    QWidget *m_recordBar;
    QSpinBox *m_recordBox;
    QLabel *m_recordCountLabel;
    QLabel *m_status;
    QLabel *m_rawTitle;
    QLabel *m_unmappedTitle;
    JsonTreeView *m_unifiedTree;
    JsonTreeView *m_rawTree;
    QListWidget *m_unmapped;
    QWidget *m_panes;
    JsonTreeModel *m_unifiedModel = nullptr; // owned
    JsonTreeModel *m_rawModel = nullptr;

    std::shared_ptr<const BodyDocument> m_unified;
    std::shared_ptr<const BodyDocument> m_raw;
    QHash<QString, QString> m_mapping;
    FieldProvenance m_provenance;
    CancelFlag m_cancel;
    int m_recordContainer = -1;
    std::shared_ptr<const JsonIndex> m_rawIndex;
    int m_rawContainer = -1;
    bool m_buildPending = false;
    bool m_available = false;
    bool m_linksReady = false;
    bool m_syncing = false;
    int m_record = 0;
    int m_recordCount = 0;
    QStringList m_highlightedRaw;
    QStringList m_highlightedUnified;
};

} // namespace crmdesk
