// Progress.h: a progress bar on stderr for long runs.
//
// Active only when requested (snn_options.progress) and stderr is a terminal, so logs and pipes
// never see it. update() is cheap enough to call every step: it reads the steady clock and redraws
// at most ten times per second. finish() (also run by the destructor) clears the line.
#ifndef SNN_RUNTIME_PROGRESS_H
#define SNN_RUNTIME_PROGRESS_H

#include <chrono>
#include <cstdint>

namespace snn::rt {

/// A one-line progress bar for a run of `total` steps.
class ProgressBar {
public:
  ProgressBar(bool requested, uint64_t total);
  ProgressBar(const ProgressBar &) = delete;
  ProgressBar &operator=(const ProgressBar &) = delete;
  ~ProgressBar() { finish(); }

  /// True when the bar is drawn at all.
  bool active() const { return active_; }
  /// Reports that `done` of the steps are complete.
  void update(uint64_t done) {
    if (active_)
      maybeDraw(done);
  }
  /// Clears the bar's line.
  void finish();

private:
  using Clock = std::chrono::steady_clock;
  void maybeDraw(uint64_t done);

  bool active_ = false;
  bool drawn_ = false;
  uint64_t total_ = 0;
  Clock::time_point start_;
  Clock::time_point lastDraw_;
};

} // namespace snn::rt

#endif
