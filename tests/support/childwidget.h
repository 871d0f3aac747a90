#pragma once

#include <QObject>
#include <QString>

namespace crmdesk::test {

// The child named `name` (an object name, as the UI sets them). A missing one stops the test
// run with its name, instead of a null pointer crash further on.
template<typename T>
T *child(const QObject &parent, const QString &name)
{
    T *found = parent.findChild<T *>(name);
    if (!found)
        qFatal("missing child %s", qPrintable(name));
    return found;
}

} // namespace crmdesk::test
