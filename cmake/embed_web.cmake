# cmake -DWEB_DIR=... -DOUTPUT=... -P embed_web.cmake
# Writes a C++ file holding every file of web/ as a byte array (api/static_assets.cc serves
# them). Run at build time, so an edit under web/ is in the next `cmake --build`.
file(GLOB_RECURSE web_files RELATIVE ${WEB_DIR} ${WEB_DIR}/*)
list(SORT web_files)
set(arrays "")
set(table "")
set(count 0)
foreach(relative ${web_files})
  file(READ ${WEB_DIR}/${relative} hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND arrays "const unsigned char kWeb${count}[] = {${bytes}0x00};\n")
  string(APPEND table "    {\"${relative}\", kWeb${count}, ${size}},\n")
  math(EXPR count "${count} + 1")
endforeach()
set(content "// Generated from web/ by cmake/embed_web.cmake: edit web/, not this file.
#include <cstddef>

namespace redflag::api {
struct EmbeddedWebFile {
  const char* path;
  const unsigned char* data;
  std::size_t size;
};
namespace {
${arrays}}  // namespace
extern const EmbeddedWebFile kEmbeddedWebFiles[] = {
${table}    {nullptr, nullptr, 0}};
extern const std::size_t kEmbeddedWebFileCount = ${count};
}  // namespace redflag::api
")
file(WRITE ${OUTPUT}.tmp "${content}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
