#pragma once

#include "inspect/backgroundtask.h"
#include "inspect/bodydocument.h"
#include "inspect/inspectorformat.h"
#include "inspect/jsonpath.h"
#include "inspector/savepathchooser.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace crmdesk {

class BodyLoader;
class JsonTreeModel;
class JsonTreeView;
class PrettyBodyView;
class RawBodyView;

// One response body three ways (tree, pretty text, raw bytes), with search by text or key
// path and "Save body". The body is analysed off the UI thread; each view builds itself the
// first time it is shown (product principles 4 and 5).
class BodyViews : public QWidget
{
    Q_OBJECT
public:
    enum class View { Tree, Pretty, Raw };
    enum class SearchMode { Text, Path };

    explicit BodyViews(QWidget *parent = nullptr);
    ~BodyViews() override;

    void setBody(const QByteArray &bytes, const QByteArray &contentType);
    // No body to show, and why ("The body was streamed and not kept").
    void setPlaceholder(const QString &message);
    void setLargeBodyThreshold(qint64 bytes);
    qint64 largeBodyThreshold() const { return m_threshold; }
    void setSavePathChooser(SavePathChooser chooser);

    std::shared_ptr<const BodyDocument> document() const { return m_document; }
    bool isLoading() const;
    void setCurrentView(View view);
    View currentView() const;

    void search(const QString &text, SearchMode mode);
    void saveBodyTo(const QString &path);

    JsonTreeView *treeView() const { return m_tree; }
    JsonTreeModel *treeModel() const { return m_model; }
    PrettyBodyView *prettyView() const { return m_pretty; }
    RawBodyView *rawView() const { return m_raw; }
    QString searchStatus() const;

Q_SIGNALS:
    void bodyLoaded();
    void searchFinished(bool found);
    void bodySaved(const QString &path, bool ok, const QString &error);

private:
    void onLoaded(const std::shared_ptr<const BodyDocument> &document);
    void showReading();
    void releaseViews();
    void setTreeMessage(const QString &message, bool offerRaw);
    void findNext();
    void chooseSaveTarget();
    void revealMatch();
    void setSearchStatus(const QString &text);

    BodyLoader *m_loader;
    QComboBox *m_searchMode;
    QLineEdit *m_searchEdit;
    QPushButton *m_findButton;
    QLabel *m_searchStatus;
    QPushButton *m_saveButton;
    QLabel *m_info;
    QTabWidget *m_tabs;
    QStackedWidget *m_treeStack;
    JsonTreeView *m_tree;
    QWidget *m_treeMessagePage;
    QLabel *m_treeMessage;
    QPushButton *m_showInRawButton;
    PrettyBodyView *m_pretty;
    RawBodyView *m_raw;
    JsonTreeModel *m_model = nullptr; // owned; replaced with each body

    std::shared_ptr<const BodyDocument> m_document;
    qint64 m_threshold = DefaultLargeBodyThreshold;
    SavePathChooser m_chooser;
    CancelFlag m_searchCancel;
    CancelFlag m_saveCancel;
    QElapsedTimer m_loadTimer;
    QTimer m_readingNotice;
    qint64 m_readingBytes = 0;
    bool m_userChoseView = false;

    struct Match
    {
        qint64 offset = -1;
        qint64 length = 0;
        QString needle;  // text searches
        JsonPath path;   // path searches
        bool byPath = false;
        int shownIn = 0; // bit per View already revealed
    } m_match;
};

} // namespace crmdesk
