# Builds the .deb with CPack and checks that it installs what a desktop needs.
# Run with: cmake -DBINARY_DIR=<build dir> -DWORK_DIR=<scratch dir> -P test_deb.cmake
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(COMMAND ${CMAKE_CPACK_COMMAND} --config "${BINARY_DIR}/CPackConfig.cmake" -B "${WORK_DIR}"
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "cpack failed:\n${out}\n${err}")
endif()
file(GLOB debs "${WORK_DIR}/*.deb")
list(LENGTH debs count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected one .deb in ${WORK_DIR}, found: ${debs}")
endif()
execute_process(COMMAND dpkg-deb --contents ${debs} OUTPUT_VARIABLE contents RESULT_VARIABLE code)
execute_process(COMMAND dpkg-deb --field ${debs} Depends OUTPUT_VARIABLE depends)
foreach(path
    ./usr/bin/crmdesk
    ./usr/share/applications/one.crmdesk.CrmDesk.desktop
    ./usr/share/metainfo/one.crmdesk.CrmDesk.metainfo.xml
    ./usr/share/icons/hicolor/scalable/apps/one.crmdesk.CrmDesk.svg)
  string(FIND "${contents}" "${path}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the package lacks ${path}:\n${contents}")
  endif()
endforeach()
foreach(dependency libqt6widgets6 libqt6keychain1 libqt6httpserver6 libqt6sql6-sqlite)
  string(FIND "${depends}" "${dependency}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the package does not depend on ${dependency}: ${depends}")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")
message(STATUS "package: ${debs} has the binary, desktop entry, metainfo and icon")
