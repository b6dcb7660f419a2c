//===- frontend/DataFiles.h - CSV data files named by a network -----------------------------===//
//
// Networks read data from CSV files: spike lists, rate tables and other time series, and
// connection lists. A DataFile wraps one such file once the SourceLoader has put it into the
// SourceMgr. It splits lines into fields that point into the buffer, so that every error is
// reported at the line and column of the offending field (with the line and a caret, like any
// other diagnostic), followed by a note at the string in the .snn file that named the file. The
// first error in a file stops reading it.
//
// The format (docs/language.md, "Data files"): UTF-8 text; lines that are blank or start with
// '#' are skipped; the first other line is the header; fields are separated by ',' and may be
// surrounded by blanks; there is no quoting. Numbers are decimal (`12`, `-0.5`, `1e-3`). A
// column carries its unit after its name (`time_ms`, `weight_mV`, `rate_Hz`), as in the files
// `record` writes, so that recorded spikes can be read back.
//
// The readers below check one kind of file each and convert its values to SI.
//
//===----------------------------------------------------------------------------------------===//
#ifndef SNNC_FRONTEND_DATAFILES_H
#define SNNC_FRONTEND_DATAFILES_H

#include "ir/Diagnostics.h"
#include "ir/Units.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace snn {

class DataFile {
public:
  /// `Name` is the file as the .snn source wrote it, `NamedAt` that string's range.
  DataFile(DiagnosticsEngine &D, unsigned Buffer, std::string Name, llvm::SMRange NamedAt);

  /// Reads the header line; false after reporting an error (a file without one).
  bool readHeader();
  const std::vector<llvm::StringRef> &header() const { return Header; }
  /// The header line itself.
  llvm::StringRef headerLine() const { return HeaderLine; }
  /// The fields of the next data line, as many as the header has. False at the end of the file
  /// or after an error (then failed() is set).
  bool nextRow(std::vector<llvm::StringRef> &Fields);
  /// The line number of the row nextRow() returned last.
  unsigned line() const { return LineNo; }
  bool failed() const { return Failed; }
  const std::string &name() const { return Name; }

  /// Reports `Msg` at `At` (a field, or an empty string at a position in the buffer), then the
  /// note at the .snn string; sets failed(). Returns nothing, for `return F.error(...)`.
  std::nullopt_t error(llvm::StringRef At, const llvm::Twine &Msg);

  /// A decimal number (with an optional sign and exponent); reports `What` if it is not one.
  std::optional<double> number(llvm::StringRef Field, const llvm::Twine &What);
  /// A whole number below `Size`; `Outside(i)` words the message for an index out of range.
  std::optional<uint64_t> index(llvm::StringRef Field, uint64_t Size, const llvm::Twine &What,
                                const std::function<std::string(uint64_t)> &Outside);
  /// The scale to SI of column `Column` whose unit is spelled `UnitText` ("" when the column has
  /// none); reports a unit that is unknown or not of dimension `Want`. With `Lenient`, a suffix
  /// that is no unit at all is taken as part of a dimensionless column's name.
  std::optional<double> unitScale(llvm::StringRef Column, llvm::StringRef UnitText, const Dim &Want,
                                  bool Lenient = false);
  /// The scale to SI of a column `<Prefix>` or `<Prefix>_<unit>` (`time_ms`, `weight_mV`).
  std::optional<double> prefixedUnit(llvm::StringRef Column, llvm::StringRef Prefix,
                                     const Dim &Want);

private:
  bool nextLine(llvm::StringRef &Line);
  void split(llvm::StringRef Line, std::vector<llvm::StringRef> &Fields);

  DiagnosticsEngine *Diags;
  std::string Name;
  llvm::SMRange NamedAt;
  llvm::StringRef Start; ///< the start of the file
  llvm::StringRef Rest;  ///< the text not read yet
  unsigned NextLineNo = 1, LineNo = 0;
  std::vector<llvm::StringRef> Header;
  llvm::StringRef HeaderLine;
  bool Failed = false;
};

/// True if `Column` is `Prefix` or starts with `Prefix_`.
bool hasColumnPrefix(llvm::StringRef Column, llvm::StringRef Prefix);

/// A spike file: columns `time_<unit>` and `neuron` (which may be left out for one neuron), rows
/// in time order.
struct SpikeData {
  std::vector<double> Times; ///< seconds
  std::vector<uint32_t> Neurons;
  std::vector<llvm::SMRange> Locs; ///< the time field of each row
};
std::optional<SpikeData> readSpikes(DataFile &F, uint64_t Size, llvm::StringRef Pop);

/// What a time series must look like.
struct SeriesSpec {
  Dim D;                 ///< dimension of the values
  uint64_t Channels = 1; ///< value columns (or `neuron` indices) the consumer has
  std::string Owner;     ///< "population 'p'", for messages
  std::string Things;    ///< what the channels are: "neurons", "channels"
  /// Checks one value (SI); returns an error message, or "" when it is fine.
  std::function<std::string(double)> Check;
};

/// A time series, in one of three layouts (rows in time order):
///   time_<unit>,<value>                  one value for every channel
///   time_<unit>,<value 0>,<value 1>,...  one column per channel
///   time_<unit>,neuron,<value>           each row sets one channel
struct TimeSeries {
  bool Long = false;         ///< the `neuron` layout
  unsigned Width = 1;        ///< values per row in the other layouts (1 or Channels)
  std::vector<double> Times; ///< seconds, one per row
  std::vector<llvm::SMRange> TimeLocs;
  std::vector<uint32_t> Channels; ///< Long: the channel of each row
  std::vector<double> Values;     ///< SI; Width per row, or one per row when Long
};
std::optional<TimeSeries> readTimeSeries(DataFile &F, const SeriesSpec &S);

/// A connection list: columns `pre`, `post` and optionally `weight_<unit>`, `delay_<unit>`, in
/// any order. readConnectionHeader() finds the columns, readConnections() the rows.
struct ConnectionColumns {
  int Pre = -1, Post = -1, Weight = -1, Delay = -1;
};
std::optional<ConnectionColumns> readConnectionHeader(DataFile &F);
struct ConnectionData {
  std::vector<uint32_t> Pre, Post;
  std::vector<double> Weights, Delays; ///< SI; empty without the column
  std::vector<llvm::SMRange> DelayLocs;
};
std::optional<ConnectionData> readConnections(DataFile &F, const ConnectionColumns &C,
                                              uint64_t NumPre, llvm::StringRef PrePop,
                                              uint64_t NumPost, llvm::StringRef PostPop,
                                              const Dim &WeightDim);

} // namespace snn

#endif
