// Progress.cpp: drawing the progress bar of Progress.h:
//   [##########----------]  50%  5000/10000 steps  2.1 s, 2.1 s left
#include "Progress.h"

#include <cstdio>
#include <unistd.h>

namespace snn::rt {

namespace {
constexpr int kBarWidth = 30;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
} // namespace

ProgressBar::ProgressBar(bool requested, uint64_t total)
    : active_(requested && total > 0 && isatty(fileno(stderr)) == 1), total_(total),
      start_(Clock::now()), lastDraw_(start_) {}

void ProgressBar::maybeDraw(uint64_t done) {
  const Clock::time_point now = Clock::now();
  if (now - lastDraw_ < kRedrawInterval && done < total_)
    return;
  lastDraw_ = now;
  drawn_ = true;
  const double fraction = static_cast<double>(done) / static_cast<double>(total_);
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double left = done > 0 ? elapsed * (1.0 - fraction) / fraction : 0.0;
  char bar[kBarWidth + 1];
  const int filled = static_cast<int>(fraction * kBarWidth);
  for (int i = 0; i < kBarWidth; ++i)
    bar[i] = i < filled ? '#' : '-';
  bar[kBarWidth] = '\0';
  std::fprintf(stderr, "\r[%s] %3d%%  %llu/%llu steps  %.1f s, %.1f s left\033[K", bar,
               static_cast<int>(fraction * 100.0), static_cast<unsigned long long>(done),
               static_cast<unsigned long long>(total_), elapsed, left);
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (active_ && drawn_) {
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
  }
  active_ = false;
}

} // namespace snn::rt
