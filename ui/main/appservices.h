#pragma once

#include <QString>

namespace crmdesk {

class AppSettings;
class DraftStore;
class HistoryService;
class MetaCache;
class SecretStore;
class TrutoClient;

// The app's long-lived services, created once in main() and handed to the widgets that need
// them, so that no widget reaches for a global. Any of them but the client may be null (tests
// leave out what they do not exercise).
struct AppServices
{
    TrutoClient *client = nullptr;
    AppSettings *settings = nullptr;
    SecretStore *secrets = nullptr;
    DraftStore *drafts = nullptr;
    HistoryService *history = nullptr;
    MetaCache *metaCache = nullptr;
    QString profileId = QStringLiteral("sandbox"); // the connection in use; keys drafts and history
};

} // namespace crmdesk
