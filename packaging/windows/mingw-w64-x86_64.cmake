# CMake toolchain for Windows x86-64 with Debian's mingw-w64 (packaging/windows/build.sh).
# Libraries are found only in the mingw-w64 tree and in FS_WIN_DEPS (the libraries
# build.sh built from Debian's source packages); CMakeLists.txt takes only static archives.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)

set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
if(DEFINED ENV{FS_WIN_DEPS})
  list(PREPEND CMAKE_FIND_ROOT_PATH $ENV{FS_WIN_DEPS})
endif()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# pkg-config's Libs.private too (zlib under libxlsxwriter)
set(PKG_CONFIG_ARGN --static)
