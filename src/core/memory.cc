#include "core/memory.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace redflag::core {

void ReleaseFreeMemory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

}  // namespace redflag::core
