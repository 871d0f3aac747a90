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

# expect("what must hold" <if() condition words>)
macro(expect message)
  if(NOT (${ARGN}))
    message(FATAL_ERROR "${message}\nexit code: ${code}\nstdout:\n${out}\nstderr:\n${err}")
  endif()
endmacro()

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
expect("--help must succeed" code EQUAL 0)
foreach(option --list-providers --describe --provider --json --sandbox --port --version)
  string(FIND "${out}" "${option}" at)
  expect("--help must mention ${option}" NOT at EQUAL -1)
endforeach()

run_crmdesk(--version)
expect("--version must succeed" code EQUAL 0)
expect("--version prints the version" out MATCHES "^crmdesk [0-9]+\\.[0-9]+\\.[0-9]+")

run_crmdesk(--list-providers)
expect("--list-providers must succeed" code EQUAL 0)
foreach(provider HubSpot Pipedrive "Zoho CRM" Close Capsule Teamleader)
  string(FIND "${out}" "${provider}\n" at)
  expect("--list-providers must list ${provider}" NOT at EQUAL -1)
endforeach()

run_crmdesk(--list-providers notes)
expect("--list-providers notes must succeed" code EQUAL 0)
string(FIND "${out}" "Teamleader" at)
expect("Teamleader does not update notes" at EQUAL -1)
string(FIND "${out}" "Highlevel\n" at)
expect("Highlevel updates notes" NOT at EQUAL -1)

run_crmdesk(--list-providers tickets)
expect("an unknown resource exits with 2" code EQUAL 2)
string(FIND "${err}" "contacts" at)
expect("an unknown resource lists the valid ones" NOT at EQUAL -1)

run_crmdesk(--describe notes --provider hubspot --json)
expect("--describe --json must succeed" code EQUAL 0)
string(JSON provider GET "${out}" provider)
expect("provider names match case-insensitively" provider STREQUAL "HubSpot")
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
expect("an unknown provider exits with 2" code EQUAL 2)
string(FIND "${err}" "HubSpot" at)
expect("an unknown provider lists the valid ones" NOT at EQUAL -1)

run_crmdesk(--describe widgets --provider HubSpot)
expect("an unknown resource exits with 2" code EQUAL 2)

run_crmdesk(--describe notes)
expect("--describe without --provider is a usage error" code EQUAL 2)

run_crmdesk(--describe leads --provider pipedrive)
expect("the table form must succeed" code EQUAL 0)
string(FIND "${out}" "Body fields" at)
expect("the table form has a body section" NOT at EQUAL -1)
message(STATUS "command line: all checks passed")
