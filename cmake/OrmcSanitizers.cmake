# ORMC_SANITIZE=address,undefined (or thread, ...) instruments every target of the build.
# UBSan is made fatal so that a report fails the test that triggered it.
if(ORMC_SANITIZE)
  add_compile_options(-fsanitize=${ORMC_SANITIZE} -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=${ORMC_SANITIZE})
  if(ORMC_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=all)
  endif()
endif()
