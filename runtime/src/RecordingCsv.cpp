// RecordingCsv.cpp: Recordings::writeCsv(), the CSV files of the recordings.
//
// spikes_<pop>.csv: header "time_ms,neuron", one line per recorded spike in emission order.
// state_<pop>_<var>.csv: header "time_ms,neuron,<column>", one line per sample and neuron (samples
// in time order, neurons in the recording's order), the value multiplied by the display scale.
// Times are step * dt in milliseconds with 12 significant digits (exact for any realistic dt and
// run length, free of binary rounding noise); values have 15 significant digits. Numbers are
// formatted with std::to_chars, so the output does not depend on the C locale.
#include "Errors.h"
#include "Recording.h"

#include "support/Csv.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace snn::rt {

namespace {

/// A CSV file being written; every failure throws RuntimeError(SNN_ERROR_IO) naming the file.
class CsvFile {
public:
  explicit CsvFile(std::filesystem::path path) : path_(std::move(path)) {
    file_ = std::fopen(path_.c_str(), "w");
    if (!file_)
      fail();
    std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
  }
  CsvFile(const CsvFile &) = delete;
  CsvFile &operator=(const CsvFile &) = delete;
  ~CsvFile() {
    if (file_)
      std::fclose(file_);
  }

  void text(const std::string &s) { std::fwrite(s.data(), 1, s.size(), file_); }
  void character(char c) { std::fputc(c, file_); }
  /// A number with `digits` significant digits (shortest form, like %.<digits>g).
  void number(double value, int digits) {
    char buffer[64];
    std::fwrite(buffer, 1, support::csv::formatNumber(value, digits, buffer), file_);
  }
  void integer(uint64_t value) {
    char buffer[32];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::fwrite(buffer, 1, static_cast<size_t>(result.ptr - buffer), file_);
  }

  /// Flushes and closes; throws if anything failed on the way.
  void close() {
    bool failed = std::ferror(file_) != 0;
    int savedErrno = errno;
    if (std::fclose(file_) != 0) {
      failed = true;
      savedErrno = errno;
    }
    file_ = nullptr;
    if (failed) {
      errno = savedErrno;
      fail();
    }
  }

private:
  [[noreturn]] void fail() const {
    throw RuntimeError(SNN_ERROR_IO,
                       "cannot write '" + path_.string() + "': " + std::strerror(errno));
  }

  std::filesystem::path path_;
  std::FILE *file_ = nullptr;
};

constexpr int kTimeDigits = support::csv::TimeDigits;
constexpr int kValueDigits = support::csv::ValueDigits;

} // namespace

void Recordings::writeCsv(const std::string &dir, double dt, int64_t step) const {
  const std::filesystem::path root(dir);
  std::error_code error;
  std::filesystem::create_directories(root, error);
  if (error || !std::filesystem::is_directory(root))
    throw RuntimeError(SNN_ERROR_IO, "cannot create the output directory '" + dir +
                                         "': " + (error ? error.message() : "not a directory"));
  const double dtMs = dt * 1000.0;

  for (int pop : spikePopulations_) {
    const SpikeRecorder &recorder = *spikeRecorders_[static_cast<size_t>(pop)];
    CsvFile file(root / ("spikes_" + recorder.populationName() + ".csv"));
    file.text("time_ms,neuron\n");
    const std::vector<int64_t> &steps = recorder.steps();
    const std::vector<uint32_t> &neurons = recorder.neurons();
    for (size_t i = 0; i < steps.size(); ++i) {
      file.number(static_cast<double>(steps[i]) * dtMs, kTimeDigits);
      file.character(',');
      file.integer(neurons[i]);
      file.character('\n');
    }
    file.close();
  }

  for (const StateRecorder &state : states_) {
    CsvFile file(root / state.fileName);
    file.text("time_ms,neuron," + state.column + "\n");
    const size_t width = state.neurons.size();
    for (size_t s = 0; s < state.sampleSteps.size(); ++s) {
      const double timeMs = static_cast<double>(state.sampleSteps[s]) * dtMs;
      for (size_t i = 0; i < width; ++i) {
        file.number(timeMs, kTimeDigits);
        file.character(',');
        file.integer(state.neurons[i]);
        file.character(',');
        file.number(state.samples[s * width + i] * state.displayScale, kValueDigits);
        file.character('\n');
      }
    }
    file.close();
  }

  for (const SynapseRecorder &syn : synapses_) {
    CsvFile file(root / syn.fileName);
    file.text("time_ms,pre,post," + syn.column + "\n");
    const size_t width = syn.synapses.size();
    auto row = [&](int64_t at, size_t i, double value) {
      file.number(static_cast<double>(at) * dtMs, kTimeDigits);
      file.character(',');
      file.integer(syn.pre[i]);
      file.character(',');
      file.integer(syn.post[i]);
      file.character(',');
      file.number(value * syn.displayScale, kValueDigits);
      file.character('\n');
    };
    if (syn.atEnd) {
      for (size_t i = 0; i < width; ++i)
        row(step, i, syn.reader.at(syn.synapses[i], step));
    } else {
      for (size_t s = 0; s < syn.sampleSteps.size(); ++s)
        for (size_t i = 0; i < width; ++i)
          row(syn.sampleSteps[s], i, syn.samples[s * width + i]);
    }
    file.close();
  }
}

} // namespace snn::rt
