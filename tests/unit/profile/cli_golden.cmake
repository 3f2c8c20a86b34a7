# Runs one leakrig command and compares its stdout and exit code with a
# golden file. LEAKRIG_UPDATE_GOLDEN=1 rewrites the file instead.
#   cmake -DCOMMAND="leakrig;analyze;--json;x.txt" -DEXPECTED=f.json
#         -DEXIT_CODE=1 -P cli_golden.cmake
execute_process(COMMAND ${COMMAND}
                OUTPUT_VARIABLE got RESULT_VARIABLE rc)
if(NOT rc EQUAL EXIT_CODE)
  message(FATAL_ERROR "exit code ${rc}, want ${EXIT_CODE}")
endif()
if("$ENV{LEAKRIG_UPDATE_GOLDEN}" STREQUAL "1")
  file(WRITE ${EXPECTED} "${got}")
  return()
endif()
file(READ ${EXPECTED} want)
if(NOT got STREQUAL want)
  file(WRITE ${EXPECTED}.got "${got}")
  execute_process(COMMAND diff -u ${EXPECTED} ${EXPECTED}.got)
  file(REMOVE ${EXPECTED}.got)
  message(FATAL_ERROR "${EXPECTED} differs; rerun with LEAKRIG_UPDATE_GOLDEN=1 to accept")
endif()
