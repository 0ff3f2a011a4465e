# Installs headers, both libraries, a CMake package (find_package(tern) ->
# tern::tern) and a pkg-config file (tern.pc).
include(CMakePackageConfigHelpers)

install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
install(DIRECTORY ${TERN_GENERATED_INCLUDE_DIR}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")

install(TARGETS tern_static tern_shared EXPORT ternTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(EXPORT ternTargets NAMESPACE tern::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/tern)

configure_package_config_file(cmake/ternConfig.cmake.in
        ${CMAKE_CURRENT_BINARY_DIR}/ternConfig.cmake
        INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/tern)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/ternConfigVersion.cmake
        VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/ternConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/ternConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/tern)

string(REPLACE ";" " " TERN_PC_REQUIRES_STR "${TERN_PC_REQUIRES}")
# The prefix is written relative to the .pc file, so that `cmake --install
# --prefix DIR` to any directory gives a working tern.pc.
file(RELATIVE_PATH TERN_PC_PREFIX_REL
     "${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig"
     "${CMAKE_INSTALL_PREFIX}")
string(REGEX REPLACE "/$" "" TERN_PC_PREFIX_REL "${TERN_PC_PREFIX_REL}")
configure_file(cmake/tern.pc.in ${CMAKE_CURRENT_BINARY_DIR}/tern.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/tern.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
