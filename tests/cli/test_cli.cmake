# Drives the real `crmdesk` binary's command-line modes, as scripts and support staff use them.
# Run with: cmake -DCRMDESK=<path to crmdesk> -P test_cli.cmake
set(ENV{QT_QPA_PLATFORM} offscreen)

function(run_crmdesk)
  execute_process(COMMAND ${CRMDESK} ${ARGN}
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(code "${code}" PARENT_SCOPE)
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

function(expect condition message)
  if(NOT ${condition})
    message(FATAL_ERROR "${message}\nexit code: ${code}\nstdout:\n${out}\nstderr:\n${err}")
  endif()
endfunction()

# Finds the element of a JSON array whose "path" is PATH and returns it in VAR.
function(find_path_entry json array path var)
  string(JSON count LENGTH "${json}" ${array})
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    string(JSON entry_path GET "${json}" ${array} ${i} path)
    if(entry_path STREQUAL path)
      string(JSON entry GET "${json}" ${array} ${i})
      set(${var} "${entry}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  message(FATAL_ERROR "no ${array} entry with path ${path}")
endfunction()

function(expect_state json array path state required)
  find_path_entry("${json}" ${array} ${path} entry)
  string(JSON actual_state GET "${entry}" state)
  string(JSON actual_required GET "${entry}" required)
  if(NOT actual_state STREQUAL state OR NOT actual_required STREQUAL required)
    message(FATAL_ERROR "${path}: expected ${state}/${required}, got ${actual_state}/${actual_required}")
  endif()
endfunction()

run_crmdesk(--help)
expect("code EQUAL 0" "--help must succeed")
foreach(option --list-providers --describe --provider --json --sandbox --port --version)
  string(FIND "${out}" "${option}" at)
  expect("NOT at EQUAL -1" "--help must mention ${option}")
endforeach()

run_crmdesk(--version)
expect("code EQUAL 0" "--version must succeed")
expect("out MATCHES \"^crmdesk [0-9]+\\\\.[0-9]+\\\\.[0-9]+\"" "--version prints the version")

run_crmdesk(--list-providers)
expect("code EQUAL 0" "--list-providers must succeed")
foreach(provider HubSpot Pipedrive "Zoho CRM" Close Capsule Teamleader)
  string(FIND "${out}" "${provider}\n" at)
  expect("NOT at EQUAL -1" "--list-providers must list ${provider}")
endforeach()

run_crmdesk(--list-providers notes)
expect("code EQUAL 0" "--list-providers notes must succeed")
string(FIND "${out}" "Teamleader" at)
expect("at EQUAL -1" "Teamleader does not update notes")
string(FIND "${out}" "Highlevel\n" at)
expect("NOT at EQUAL -1" "Highlevel updates notes")

run_crmdesk(--list-providers tickets)
expect("code EQUAL 2" "an unknown resource exits with 2")
string(FIND "${err}" "contacts" at)
expect("NOT at EQUAL -1" "an unknown resource lists the valid ones")

run_crmdesk(--describe notes --provider hubspot --json)
expect("code EQUAL 0" "--describe --json must succeed")
string(JSON provider GET "${out}" provider)
expect("provider STREQUAL \"HubSpot\"" "provider names match case-insensitively")
expect_state("${out}" fields content supported OFF)
expect_state("${out}" fields title unsupported OFF)
expect_state("${out}" fields contact.id supported OFF)
expect_state("${out}" query integrated_account_id supported ON)

run_crmdesk(--describe notes --provider Affinity --json)
expect_state("${out}" fields content supported ON)

run_crmdesk(--describe engagements --provider onepagecrm --json)
expect_state("${out}" query engagement_type supported ON)

run_crmdesk(--describe contacts --provider HubSpot --json)
expect_state("${out}" fields etag unknown OFF)
expect_state("${out}" fields addresses.city unknown OFF)

run_crmdesk(--describe notes --provider Salesforce --json)
expect_state("${out}" fields content unknown OFF)

run_crmdesk(--describe notes --provider NoSuchCrm)
expect("code EQUAL 2" "an unknown provider exits with 2")
string(FIND "${err}" "HubSpot" at)
expect("NOT at EQUAL -1" "an unknown provider lists the valid ones")

run_crmdesk(--describe widgets --provider HubSpot)
expect("code EQUAL 2" "an unknown resource exits with 2")

run_crmdesk(--describe notes)
expect("code EQUAL 2" "--describe without --provider is a usage error")

run_crmdesk(--describe leads --provider pipedrive)
expect("code EQUAL 0" "the table form must succeed")
string(FIND "${out}" "Body fields" at)
expect("NOT at EQUAL -1" "the table form has a body section")
message(STATUS "command line: all checks passed")
