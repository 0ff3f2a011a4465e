# Run by ctest as `cmake -P`: builds Tern with TERN_NET_BACKEND=custom in a
# scratch directory, checks that the library holds no part of the POSIX
# network layer, runs the custom-network example against it, and checks the
# generated configuration header of both backends.
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

function(config_header_has dir expected)
    set(header ${dir}/include/avsystem/commons/avs_commons_config.h)
    file(READ ${header} text)
    if(text MATCHES "#define AVS_COMMONS_NET_WITH_POSIX_AVS_SOCKET")
        set(found TRUE)
    else()
        set(found FALSE)
    endif()
    if(NOT found STREQUAL expected)
        message(FATAL_ERROR "${header}: AVS_COMMONS_NET_WITH_POSIX_AVS_SOCKET "
                            "defined=${found}, expected ${expected}")
    endif()
endfunction()

set(custom_dir ${WORK_DIR}/custom)
set(posix_dir ${WORK_DIR}/posix)
file(REMOVE_RECURSE ${WORK_DIR})

set(common_args -G ${GENERATOR} -DCMAKE_C_COMPILER=${C_COMPILER}
                -DCMAKE_BUILD_TYPE=${BUILD_TYPE} -DTERN_SANITIZE=${SANITIZE}
                -DTERN_TLS_BACKEND=none -DTERN_BUILD_TESTS=OFF
                -DTERN_BUILD_BENCH=OFF -DTERN_BUILD_FUZZ=OFF)

run("configuring with TERN_NET_BACKEND=custom"
    ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${custom_dir} ${common_args}
    -DTERN_NET_BACKEND=custom -DTERN_BUILD_EXAMPLES=ON)
config_header_has(${custom_dir} FALSE)

run("configuring with TERN_NET_BACKEND=posix"
    ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${posix_dir} ${common_args}
    -DTERN_NET_BACKEND=posix -DTERN_BUILD_EXAMPLES=OFF)
config_header_has(${posix_dir} TRUE)

run("building the custom-network example"
    ${CMAKE_COMMAND} --build ${custom_dir} --target example_custom_network
    -j2)

# Every externally visible name of the POSIX layer starts with tern_posix_;
# the hooks must be left for the application (referenced, not defined); and
# no object of the library resolves names on its own.
run("listing the library's symbols" ${NM} -A ${custom_dir}/libtern.a)
set(symbols "${run_output}")
if(symbols MATCHES "tern_posix_")
    string(REGEX MATCHALL "[^\n]*tern_posix_[^\n]*" hits "${symbols}")
    message(FATAL_ERROR "POSIX layer symbols in the custom build: ${hits}")
endif()
foreach(hook _avs_net_create_udp_socket _avs_net_create_tcp_socket
             _avs_net_initialize_global_compat_state)
    if(symbols MATCHES "[0-9a-fA-F]+ [A-TV-Z] ${hook}\n")
        message(FATAL_ERROR "the library defines ${hook}")
    endif()
    if(NOT symbols MATCHES " U ${hook}\n")
        message(FATAL_ERROR "the library does not call ${hook}")
    endif()
endforeach()
if(symbols MATCHES " U getaddrinfo\n")
    message(FATAL_ERROR "the custom build still resolves names itself")
endif()

run("running the custom-network example"
    ${custom_dir}/examples/custom-network/example_custom_network)
message(STATUS "custom-network example: ${run_output}")
