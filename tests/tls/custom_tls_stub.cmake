# Run by ctest as `cmake -P`: configures Tern with TERN_TLS_BACKEND=custom in
# a scratch directory, builds the custom-tls stub example against it, checks
# that no OpenSSL is linked or referenced and that the generated header says
# "custom TLS", then runs the stub, which exits 0 only if socket creation
# was refused with exactly AVS_ENOTSUP.
#
# Variables: SOURCE_DIR, WORK_DIR, GENERATOR, C_COMPILER, BUILD_TYPE,
# SANITIZE, NM.

function(run what)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc
                    OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${what} failed (${rc}):\n${out}")
    endif()
    set(run_output "${out}" PARENT_SCOPE)
endfunction()

set(dir ${WORK_DIR}/build)
file(REMOVE_RECURSE ${WORK_DIR})

run("configuring with TERN_TLS_BACKEND=custom"
    ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${dir} -G ${GENERATOR}
    -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_BUILD_TYPE=${BUILD_TYPE}
    -DTERN_SANITIZE=${SANITIZE} -DTERN_TLS_BACKEND=custom
    -DTERN_BUILD_TESTS=OFF -DTERN_BUILD_EXAMPLES=ON -DTERN_BUILD_BENCH=OFF
    -DTERN_BUILD_FUZZ=OFF)

set(header ${dir}/include/avsystem/commons/avs_commons_config.h)
file(READ ${header} text)
if(NOT text MATCHES "\n#define AVS_COMMONS_WITH_CUSTOM_TLS\n")
    message(FATAL_ERROR "${header} does not define AVS_COMMONS_WITH_CUSTOM_TLS")
endif()
if(text MATCHES "\n#define AVS_COMMONS_WITH_OPENSSL\n")
    message(FATAL_ERROR "${header} defines AVS_COMMONS_WITH_OPENSSL")
endif()

run("building the custom-tls stub example"
    ${CMAKE_COMMAND} --build ${dir} --target example_custom_tls_stub -j2)
set(stub ${dir}/examples/custom-tls/stub/example_custom_tls_stub)

# Neither the library nor the program may carry or load any OpenSSL: the
# hooks must be the stub's.
run("listing the library's symbols" ${NM} -A ${dir}/libtern.a)
if(run_output MATCHES " [UTDBR] (SSL_|OPENSSL_|EVP_|BIO_)")
    string(REGEX MATCHALL "[^\n]* [UTDBR] (SSL_|OPENSSL_|EVP_|BIO_)[^\n]*"
           hits "${run_output}")
    message(FATAL_ERROR "OpenSSL symbols in the custom-TLS library: ${hits}")
endif()
foreach(hook _avs_net_create_dtls_socket _avs_net_create_ssl_socket
             _avs_net_initialize_global_ssl_state)
    if(run_output MATCHES "[0-9a-fA-F]+ [A-TV-Z] ${hook}\n")
        message(FATAL_ERROR "the library defines ${hook}")
    endif()
endforeach()
run("listing the stub's symbols" ${NM} ${stub})
if(run_output MATCHES " (SSL_CTX_new|OPENSSL_init_ssl|OPENSSL_cleanse)")
    message(FATAL_ERROR "the stub program contains OpenSSL")
endif()
foreach(hook _avs_net_create_dtls_socket _avs_net_create_ssl_socket
             _avs_net_initialize_global_ssl_state
             _avs_net_cleanup_global_ssl_state avs_crypto_clear_buffer)
    if(NOT run_output MATCHES " T ${hook}\n")
        message(FATAL_ERROR "the stub program does not define ${hook}")
    endif()
endforeach()
run("listing the stub's libraries" ldd ${stub})
if(run_output MATCHES "lib(ssl|crypto)\\.so")
    message(FATAL_ERROR "the stub program loads OpenSSL:\n${run_output}")
endif()

run("running the stub" ${stub})
message(STATUS "${run_output}")
