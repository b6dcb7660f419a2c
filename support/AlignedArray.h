//===- support/AlignedArray.h - owning storage for network buffers --------------------------===//
//
//
// AlignedBlock owns a zero-filled block of bytes whose address is a multiple of 64 (a cache line,
// and enough for any vector width the generated kernels use). Its capacity is rounded up to a
// multiple of 64 bytes and is never zero, so every buffer has a distinct, valid address and
// kernels may read whole vectors past the last element without faulting. AlignedArray<T> is a
// growable typed array on top of it (used while building connectivity, whose size is not known in
// advance); its storage can be handed over to the network's buffer table without copying.
// Allocation failure throws std::bad_alloc.
#ifndef SNNC_SUPPORT_ALIGNEDARRAY_H
#define SNNC_SUPPORT_ALIGNEDARRAY_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <type_traits>
#include <utility>

namespace snn::support {

/// A zero-filled, 64-byte-aligned block of raw memory with unique ownership.
/// It comes from calloc (over-allocated by one cache line and aligned by hand): large blocks are
/// then fresh pages that the kernel zeroes lazily, instead of being written once more by memset.
class AlignedBlock {
public:
  static constexpr size_t kAlignment = 64;

  AlignedBlock() = default;
  /// Allocates at least `bytes` zeroed bytes (at least one cache line).
  explicit AlignedBlock(size_t bytes) { allocate(bytes); }
  AlignedBlock(const AlignedBlock &) = delete;
  AlignedBlock &operator=(const AlignedBlock &) = delete;
  AlignedBlock(AlignedBlock &&other) noexcept
      : base_(std::exchange(other.base_, nullptr)), data_(std::exchange(other.data_, nullptr)),
        capacity_(std::exchange(other.capacity_, 0)) {}
  AlignedBlock &operator=(AlignedBlock &&other) noexcept {
    if (this != &other) {
      std::free(base_);
      base_ = std::exchange(other.base_, nullptr);
      data_ = std::exchange(other.data_, nullptr);
      capacity_ = std::exchange(other.capacity_, 0);
    }
    return *this;
  }
  ~AlignedBlock() { std::free(base_); }

  void *data() const { return data_; }
  /// Usable bytes (a multiple of 64).
  size_t capacity() const { return capacity_; }

  /// Grows to at least `bytes`, keeping the current contents and zero-filling the rest.
  void grow(size_t bytes) {
    if (bytes <= capacity_)
      return;
    AlignedBlock bigger(bytes);
    if (data_)
      std::memcpy(bigger.data_, data_, capacity_);
    *this = std::move(bigger);
  }

private:
  void allocate(size_t bytes) {
    if (bytes > std::numeric_limits<size_t>::max() - 2 * kAlignment)
      throw std::bad_alloc();
    const size_t rounded =
        std::max<size_t>(kAlignment, (bytes + kAlignment - 1) / kAlignment * kAlignment);
    void *base = std::calloc(1, rounded + kAlignment);
    if (!base)
      throw std::bad_alloc();
    const auto address = reinterpret_cast<uintptr_t>(base);
    base_ = base;
    data_ = reinterpret_cast<void *>((address + kAlignment - 1) / kAlignment * kAlignment);
    capacity_ = rounded;
  }

  void *base_ = nullptr; ///< what calloc returned
  void *data_ = nullptr; ///< base_ rounded up to a multiple of 64
  size_t capacity_ = 0;
};

/// A growable array of trivially copyable T in an AlignedBlock. New elements are zero.
template <class T> class AlignedArray {
  static_assert(std::is_trivially_copyable_v<T>);

public:
  AlignedArray() = default;
  /// `count` zero elements.
  explicit AlignedArray(size_t count) { resize(count); }

  T *data() { return static_cast<T *>(block_.data()); }
  const T *data() const { return static_cast<const T *>(block_.data()); }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T &operator[](size_t i) { return data()[i]; }
  const T &operator[](size_t i) const { return data()[i]; }
  T *begin() { return data(); }
  T *end() { return data() + size_; }
  const T *begin() const { return data(); }
  const T *end() const { return data() + size_; }

  /// Makes room for `count` elements without changing size().
  void reserve(size_t count) { block_.grow(bytesFor(count)); }
  /// Changes the size; new elements are zero.
  void resize(size_t count) {
    reserve(count);
    if (count < size_)
      std::memset(static_cast<void *>(data() + count), 0, (size_ - count) * sizeof(T));
    size_ = count;
  }
  /// Appends `value`, doubling the capacity when full.
  void push_back(T value) {
    if ((size_ + 1) * sizeof(T) > block_.capacity())
      reserve(std::max<size_t>(2 * size_, 16));
    data()[size_++] = value;
  }

  /// Hands the storage over (this array becomes empty).
  AlignedBlock takeBlock() && {
    size_ = 0;
    return std::move(block_);
  }

private:
  static size_t bytesFor(size_t count) {
    if (count > std::numeric_limits<size_t>::max() / sizeof(T))
      throw std::bad_alloc();
    return count * sizeof(T);
  }

  AlignedBlock block_;
  size_t size_ = 0;
};

} // namespace snn::support

#endif
