// Returning freed heap memory to the system.
#pragma once

namespace redflag::core {

// Hands memory freed so far back to the system (glibc keeps freed heap memory otherwise, so the
// temporaries of loading and index building would stay in the resident set of a long batch or
// server). A no-op on other C libraries. Thread-safe.
void ReleaseFreeMemory();

}  // namespace redflag::core
