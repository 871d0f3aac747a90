// Compiled like a file of crmdesk_ui: the sandbox is not a layer the UI links, so this include
// must fail. tests/layering/test_layering.cmake expects exactly that error.
#include "sandbox/sandboxserver.h"
