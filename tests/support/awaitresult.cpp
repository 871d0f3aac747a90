#include "awaitresult.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

namespace crmdesk::test {

bool awaitResult(ApiCall *call, ApiResult &result, int timeoutMs)
{
    QSignalSpy finished(call, &ApiCall::finished);
    const QPointer<ApiCall> alive(call);
    if (!finished.wait(timeoutMs))
        return false;
    if (!QTest::qWaitFor([&] { return alive.isNull(); }, 5000))
        return false;
    if (finished.size() != 1)
        return false;
    result = finished.first().first().value<ApiResult>();
    return true;
}

} // namespace crmdesk::test
