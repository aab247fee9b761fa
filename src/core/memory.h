// Memory: returning freed heap memory to the system, and large arrays on huge pages.
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace redflag::core {

// Hands memory freed so far back to the system (glibc keeps freed heap memory otherwise, so the
// temporaries of loading and index building would stay in the resident set of a long batch or
// server). A no-op on other C libraries. Thread-safe.
void ReleaseFreeMemory();

// Blocks of at least this many bytes get their own mapping on huge pages (AllocateLarge).
inline constexpr std::size_t kLargeBlockBytes = std::size_t{1} << 20;

// A block of `bytes` for a large array that is read at random (the index's key tables, postings
// and per-name records): from kLargeBlockBytes up it is mapped on its own, aligned to 2 MiB and
// marked for transparent huge pages before it is touched, so a lookup costs about one TLB miss
// per 2 MiB instead of one per 4 KiB (measured in docs/benchmarks.md). Smaller blocks, and every
// block where the kernel has no huge pages, behave as malloc'd memory. Throws std::bad_alloc
// like operator new. Thread-safe.
void* AllocateLarge(std::size_t bytes);
// Frees a block from AllocateLarge of the same size.
void FreeLarge(void* block, std::size_t bytes) noexcept;

// A std::allocator for AllocateLarge, so that large arrays are std::vectors like the rest.
template <class T>
struct LargeAllocator {
  using value_type = T;
  LargeAllocator() = default;
  template <class U>
  LargeAllocator(const LargeAllocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor)
  T* allocate(std::size_t count) {
    if (count > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(AllocateLarge(count * sizeof(T)));
  }
  void deallocate(T* block, std::size_t count) noexcept { FreeLarge(block, count * sizeof(T)); }
  template <class U>
  bool operator==(const LargeAllocator<U>&) const noexcept {
    return true;
  }
};

template <class T>
using LargeVector = std::vector<T, LargeAllocator<T>>;

}  // namespace redflag::core
