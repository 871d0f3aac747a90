// Compiled like a file of crmdesk_ui: the core headers the UI links are visible.
#include "api/trutoclient.h"
#include "editors/recordform.h"
#include "policy/editpolicy.h"
