#include "core/memory.h"

#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace redflag::core {
namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::size_t MappedBytes(std::size_t bytes) {
  return (bytes + kHugePage - 1) / kHugePage * kHugePage;
}

}  // namespace

void ReleaseFreeMemory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

void* AllocateLarge(std::size_t bytes) {
  if (bytes < kLargeBlockBytes) {
    void* block = std::malloc(bytes == 0 ? 1 : bytes);
    if (block == nullptr) throw std::bad_alloc();
    return block;
  }
  // Map one huge page more than needed, then unmap the unaligned head and tail: the block starts
  // on a 2 MiB boundary, so every 2 MiB of it can be one huge page.
  const std::size_t mapped = MappedBytes(bytes);
  void* raw =
      mmap(nullptr, mapped + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t aligned = (start + kHugePage - 1) / kHugePage * kHugePage;
  if (aligned > start) munmap(raw, aligned - start);
  const std::uintptr_t end = start + mapped + kHugePage;
  if (end > aligned + mapped)
    munmap(reinterpret_cast<void*>(aligned + mapped), end - aligned - mapped);
#ifdef MADV_HUGEPAGE
  // Advice only: where transparent huge pages are off, the block keeps ordinary pages.
  madvise(reinterpret_cast<void*>(aligned), mapped, MADV_HUGEPAGE);
#endif
  return reinterpret_cast<void*>(aligned);
}

void FreeLarge(void* block, std::size_t bytes) noexcept {
  if (block == nullptr) return;
  if (bytes < kLargeBlockBytes) {
    std::free(block);
    return;
  }
  munmap(block, MappedBytes(bytes));
}

}  // namespace redflag::core
