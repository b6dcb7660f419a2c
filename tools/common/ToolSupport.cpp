//===- tools/common/ToolSupport.cpp - what snnc and snnc-opt share --------------------------===//
#include "tools/common/ToolSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/thread.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#ifndef SNNC_VERSION
#define SNNC_VERSION "unknown"
#endif

namespace snn::tools {

namespace cl = llvm::cl;

cl::OptionCategory &snncCategory() {
  static cl::OptionCategory C("snnc options");
  return C;
}
cl::OptionCategory &passCategory() {
  static cl::OptionCategory C("Pass manager options");
  return C;
}

void claimOptionNames(std::initializer_list<const char *> Names) {
  auto &Map = cl::getRegisteredOptions(cl::SubCommand::getTopLevel());
  for (const char *N : Names) {
    auto It = Map.find(N);
    if (It != Map.end())
      It->second->removeArgument();
  }
}

static std::string &toolNameStorage() {
  static std::string Name = "snnc";
  return Name;
}

const std::string &toolName() { return toolNameStorage(); }

void setupHelpAndVersion(const char *ToolName) {
  cl::HideUnrelatedOptions({&snncCategory(), &passCategory()});
  toolNameStorage() = ToolName;
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << toolName() << " version " << SNNC_VERSION << " (spiking neural network compiler; LLVM "
       << LLVM_VERSION_STRING << ")\n";
  });
}

void reportOptionError(const llvm::Twine &Msg) {
  llvm::errs().flush();
  llvm::WithColor::error(llvm::errs(), toolName()) << Msg << "\n";
}

bool CountParser::parse(cl::Option &O, llvm::StringRef ArgName, llvm::StringRef Arg,
                        unsigned &V) {
  unsigned long long X;
  if (Arg.getAsInteger(0, X) || X > 0xFFFFFFFFull) {
    reportOptionError("invalid value '" + Arg + "' for --" + ArgName +
                      "; expected a whole number >= 0");
    return true;
  }
  V = static_cast<unsigned>(X);
  (void)O;
  return false;
}

/// Edit distance counting a swap of two neighbours as one edit ("rnu" -> "run").
static unsigned editDistance(llvm::StringRef A, llvm::StringRef B) {
  std::vector<std::vector<unsigned>> D(A.size() + 1, std::vector<unsigned>(B.size() + 1));
  for (size_t I = 0; I <= A.size(); ++I)
    D[I][0] = I;
  for (size_t J = 0; J <= B.size(); ++J)
    D[0][J] = J;
  for (size_t I = 1; I <= A.size(); ++I)
    for (size_t J = 1; J <= B.size(); ++J) {
      D[I][J] = std::min({D[I - 1][J] + 1, D[I][J - 1] + 1,
                          D[I - 1][J - 1] + (A[I - 1] == B[J - 1] ? 0 : 1)});
      if (I > 1 && J > 1 && A[I - 1] == B[J - 2] && A[I - 2] == B[J - 1])
        D[I][J] = std::min(D[I][J], D[I - 2][J - 2] + 1);
    }
  return D[A.size()][B.size()];
}

/// The closest of `Candidates` to a misspelled `Name`, or "" (snnc-opt does not link the
/// frontend, so this does not use its closestName).
static std::string closestName(llvm::StringRef Name, const std::vector<std::string> &Candidates) {
  std::string Best;
  unsigned BestD = ~0u;
  unsigned Limit = Name.size() <= 3 ? 1 : 2;
  if (Name.size() > 256)
    return Best;
  for (const std::string &C : Candidates) {
    unsigned D = llvm::StringRef(C).equals_insensitive(Name) ? 0 : editDistance(Name, C);
    // A suggestion must keep something of the name: 'Q' is no typo of 'G'.
    if (D <= Limit && D < Name.size() && D < BestD && C != Name) {
      BestD = D;
      Best = C;
    }
  }
  return Best;
}

/// "--name" for long options, "-x" for one-letter ones, as --help shows them.
static std::string spell(llvm::StringRef Name) {
  return (Name.size() == 1 ? "-" : "--") + Name.str();
}

/// Is `O` one of the tool's own options (not one of LLVM's hidden ones)?
static bool isOurs(const cl::Option &O) {
  for (cl::OptionCategory *C : O.Categories)
    if (C == &snncCategory() || C == &passCategory())
      return true;
  return false;
}

bool parseCommandLine(int argc, char **argv, llvm::StringRef Overview, llvm::StringRef Usage) {
  // The subcommand given (if any) decides which options exist.
  cl::SubCommand *Active = &cl::SubCommand::getTopLevel();
  if (argc > 1)
    for (cl::SubCommand *S : cl::getRegisteredSubcommands())
      if (S != &cl::SubCommand::getTopLevel() && S->getName() == llvm::StringRef(argv[1]))
        Active = S;
  // llvm::cl looks an option up in the subcommand, then in the top level.
  auto exists = [&](llvm::StringRef Name) {
    return Active->OptionsMap.count(Name) ||
           cl::SubCommand::getTopLevel().OptionsMap.count(Name);
  };
  std::vector<std::string> Known;
  for (cl::SubCommand *S : {Active, &cl::SubCommand::getTopLevel()})
    for (const auto &E : S->OptionsMap)
      if (isOurs(*E.second) || E.first() == "help" || E.first() == "version")
        Known.push_back(E.first().str());

  auto unknownOption = [&](llvm::StringRef Arg) {
    llvm::StringRef Name = Arg.ltrim('-');
    Name = Name.substr(0, Name.find('='));
    std::string Msg = "unknown option '" + Arg.substr(0, Arg.find('=')).str() + "'";
    std::string Elsewhere;
    for (cl::SubCommand *S : cl::getRegisteredSubcommands()) {
      if (S == Active || S == &cl::SubCommand::getTopLevel() || !S->OptionsMap.count(Name) ||
          !isOurs(*S->OptionsMap[Name]))
        continue;
      Elsewhere = "; " + spell(Name) + " is an option of '" + toolName() + " " +
                  S->getName().str() + "'";
    }
    std::string Hint = closestName(Name, Known);
    if (!Elsewhere.empty())
      Msg += Elsewhere;
    else if (!Hint.empty())
      Msg += "; did you mean '" + spell(Hint) + "'?";
    else
      Msg += "; see '" + toolName() + " --help'";
    reportOptionError(Msg);
  };

  // Unknown long options are reported here: llvm::cl would try to read `--out` as the group
  // `-o -u -t` and complain about that first.
  auto find = [&](llvm::StringRef Name) -> cl::Option * {
    for (cl::SubCommand *S : {Active, &cl::SubCommand::getTopLevel()})
      if (auto It = S->OptionsMap.find(Name); It != S->OptionsMap.end())
        return It->second;
    return nullptr;
  };
  bool Bad = false;
  for (int I = 1; I < argc; ++I) {
    llvm::StringRef A(argv[I]);
    if (A == "--")
      break;
    if (!A.starts_with("-") || A.size() == 1)
      continue;
    llvm::StringRef Name = A.ltrim('-');
    bool HasValue = Name.contains('=');
    Name = Name.substr(0, Name.find('='));
    if (cl::Option *O = find(Name)) {
      // `-o --odd-name`: the next argument is this option's value, not an option.
      if (!HasValue && O->getValueExpectedFlag() == cl::ValueRequired)
        ++I;
      continue;
    }
    if (A.starts_with("--") && !exists(Name)) {
      unknownOption(A);
      Bad = true;
    }
  }
  if (Bad)
    return false;

  std::string Errors;
  llvm::raw_string_ostream ES(Errors);
  if (cl::ParseCommandLineOptions(argc, argv, Overview, &ES))
    return true;
  ES.flush();
  // Options whose values are wrong have reported already (EnumParser, CountParser); what is
  // left in `Errors` is llvm::cl's own wording.
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  llvm::StringRef(Errors).split(Lines, '\n', -1, false);
  for (llvm::StringRef L : Lines) {
    size_t K = L.find(": Unknown command line argument '");
    if (K != llvm::StringRef::npos) {
      llvm::StringRef Arg = L.substr(K + 33);
      unknownOption(Arg.substr(0, Arg.find("'.  Try:")));
    } else if (L.contains("Not enough positional command line arguments")) {
      reportOptionError("no input file; usage: " + Usage);
    } else if (L.contains("Too many positional arguments")) {
      std::string Msg = "more than one input file; " + toolName() + " compiles one file at a time";
      // `snnc rn net.snn`: a misspelled subcommand reads as a second input.
      if (argc > 1 && argv[1][0] != '-')
        for (cl::SubCommand *S : cl::getRegisteredSubcommands())
          if (!S->getName().empty() && closestName(argv[1], {S->getName().str()}) != "")
            Msg = "unknown subcommand '" + std::string(argv[1]) + "'; did you mean '" +
                  S->getName().str() + "'?";
      reportOptionError(Msg);
    } else if (L.contains("Did you mean") || L.contains("Must specify at least") ||
               L.contains("Can specify at most") || L.trim().empty()) {
      // Replaced by the messages above.
    } else {
      llvm::errs() << L << "\n";
    }
  }
  return false;
}

template <typename T> static void addSubs(T &Opt, const std::vector<cl::SubCommand *> &Subs) {
  for (cl::SubCommand *S : Subs)
    Opt.addSubCommand(*S);
}

PassOptions::PassOptions(std::vector<cl::SubCommand *> Subs)
    : Passes("passes", cl::desc("Run these passes (comma-separated) instead of the default "
                                "pipeline"),
             cl::value_desc("a,b,c"), cl::cat(passCategory())),
      PrintAfterAll("print-after-all", cl::desc("Print the IR after every pass (to stderr)"),
                    cl::cat(passCategory())),
      PrintAfter("print-after", cl::desc("Print the IR after the named pass (to stderr)"),
                 cl::value_desc("pass"), cl::CommaSeparated, cl::cat(passCategory())),
      PrintChanged("print-changed", cl::desc("Print the IR after each pass that changed it"),
                   cl::cat(passCategory())),
      VerifyEach("verify-each", cl::desc("Verify the IR after every pass"),
                 cl::cat(passCategory())),
      TimePasses("time-passes", cl::desc("Report the time spent in each pass"),
                 cl::cat(passCategory())),
      DumpDir("dump-dir", cl::desc("Write the IR before and after every pass into DIR"),
              cl::value_desc("DIR"), cl::cat(passCategory())) {
  addSubs(Passes, Subs);
  addSubs(PrintAfterAll, Subs);
  addSubs(PrintAfter, Subs);
  addSubs(PrintChanged, Subs);
  addSubs(VerifyEach, Subs);
  addSubs(TimePasses, Subs);
  addSubs(DumpDir, Subs);
}

PassManagerOptions PassOptions::get() const {
  PassManagerOptions O;
  O.PrintAfterAll = PrintAfterAll;
  O.PrintAfter.assign(PrintAfter.begin(), PrintAfter.end());
  O.PrintChanged = PrintChanged;
  O.VerifyEach = VerifyEach;
  O.TimePasses = TimePasses;
  O.DumpDir = DumpDir;
  return O;
}

DiagOptions::DiagOptions(std::vector<cl::SubCommand *> Subs)
    : Werror("Werror", cl::desc("Treat warnings as errors"), cl::cat(snncCategory())),
      MaxErrors("max-errors", cl::desc("Stop after this many errors (default 20)"),
                cl::init(20), cl::cat(snncCategory())),
      Remarks("remarks", cl::desc("Report the compiler's decisions (e.g. the ODE method chosen)"),
              cl::cat(snncCategory())) {
  addSubs(Werror, Subs);
  addSubs(MaxErrors, Subs);
  addSubs(Remarks, Subs);
}

void DiagOptions::apply(DiagnosticsEngine &D) const {
  D.setWarningsAsErrors(Werror);
  D.setMaxErrors(MaxErrors == 0 ? ~0u : static_cast<unsigned>(MaxErrors));
  D.setShowRemarks(Remarks);
}

std::optional<double> parseQuantity(llvm::StringRef Text, const Dim &Want, const char *Option,
                                    DiagnosticsEngine &D) {
  llvm::StringRef T = Text.trim();
  size_t Split = 0;
  while (Split < T.size() && (llvm::isDigit(T[Split]) || T[Split] == '.' || T[Split] == 'e' ||
                              T[Split] == 'E' || T[Split] == '+' || T[Split] == '-')) {
    // An 'e' followed by a letter starts a unit, not an exponent.
    if ((T[Split] == 'e' || T[Split] == 'E') &&
        (Split + 1 >= T.size() || !(llvm::isDigit(T[Split + 1]) || T[Split + 1] == '-' ||
                                    T[Split + 1] == '+')))
      break;
    ++Split;
  }
  llvm::StringRef Num = T.substr(0, Split), Unit = T.substr(Split).trim();
  double V;
  if (Num.empty() || Num.getAsDouble(V) || !std::isfinite(V)) {
    D.toolError(llvm::Twine("invalid value '") + Text + "' for --" + Option +
                "; expected a number with a unit, e.g. '" + (Want == Dim::time() ? "500ms" : "1") +
                "'");
    return std::nullopt;
  }
  if (Unit.empty()) {
    D.toolError(llvm::Twine("missing unit in --") + Option + "=" + Text + "; write e.g. '" +
                Num + (Want == Dim::time() ? "s' or '" + Num.str() + "ms'" : "'"));
    return std::nullopt;
  }
  auto U = lookupUnit(Unit);
  if (!U) {
    std::string Hint = suggestUnit(Unit);
    D.toolError(llvm::Twine("unknown unit '") + Unit + "' in --" + Option +
                (Hint.empty() ? "" : "; did you mean '" + Hint + "'?"));
    return std::nullopt;
  }
  if (U->D != Want) {
    D.toolError(llvm::Twine("--") + Option + " needs a value in '" + Want.str() + "', not '" +
                U->D.str() + "'");
    return std::nullopt;
  }
  return V * U->Scale;
}

TargetOptions::TargetOptions(std::vector<cl::SubCommand *> Subs)
    : Target("target",
             cl::desc("Compile for this target (default 'native'); --target=list lists them"),
             cl::value_desc("name"), cl::cat(snncCategory())),
      TargetFile("target-file", cl::desc("Compile for the target described in this JSON file"),
                 cl::value_desc("file"), cl::cat(snncCategory())) {
  addSubs(Target, Subs);
  addSubs(TargetFile, Subs);
}

std::string defaultTargetsDir(const char *Argv0) {
  if (auto Env = llvm::sys::Process::GetEnv("SNNC_TARGETS"))
    return *Env;
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, (void *)&defaultTargetsDir);
  llvm::SmallString<256> Installed(llvm::sys::path::parent_path(llvm::sys::path::parent_path(Exe)));
  llvm::sys::path::append(Installed, "share", "snnc", "targets");
  if (llvm::sys::fs::is_directory(Installed))
    return std::string(Installed);
#ifdef SNNC_SOURCE_TARGETS_DIR
  return SNNC_SOURCE_TARGETS_DIR;
#else
  return std::string(Installed);
#endif
}

/// The names of the built-in targets (the .json files of Dir), sorted.
static std::vector<std::string> builtinTargets(const std::string &Dir) {
  std::vector<std::string> Names;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC))
    if (llvm::sys::path::extension(It->path()) == ".json")
      Names.push_back(llvm::sys::path::stem(It->path()).str());
  std::sort(Names.begin(), Names.end());
  return Names;
}

/// Reads and checks the description in Path; errors go through D.
static std::optional<support::TargetDesc> readTargetFile(const std::string &Path,
                                                         DiagnosticsEngine &D) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf) {
    D.fileError(Path, "cannot read target description: " + Buf.getError().message());
    return std::nullopt;
  }
  std::string Text = (*Buf)->getBuffer().str();
  support::TargetDescErrors Errors;
  std::optional<support::TargetDesc> T = support::parseTargetDesc(Text, Errors);
  if (T) {
    T->Path = Path;
    return T;
  }
  unsigned Id = 0;
  for (const auto &E : Errors.Items) {
    if (E.Offset < 0) {
      D.fileError(Path, E.Message);
      continue;
    }
    if (!Id)
      Id = D.sourceMgr().AddNewSourceBuffer(std::move(*Buf), llvm::SMLoc());
    const llvm::MemoryBuffer *MB = D.sourceMgr().getMemoryBuffer(Id);
    size_t Off = std::min<size_t>(static_cast<size_t>(E.Offset), MB->getBufferSize());
    D.error(llvm::SMRange(llvm::SMLoc::getFromPointer(MB->getBufferStart() + Off),
                          llvm::SMLoc::getFromPointer(MB->getBufferStart() + Off)),
            E.Message);
  }
  return std::nullopt;
}

std::optional<support::TargetDesc> loadTarget(const TargetOptions &O, const std::string &Dir,
                                              DiagnosticsEngine &D) {
  if (!O.Target.empty() && !O.TargetFile.empty()) {
    D.toolError("--target and --target-file both name a target; give one");
    return std::nullopt;
  }
  if (O.Target.getNumOccurrences() && O.Target.empty()) {
    D.toolError("--target needs a name; --target=list lists the targets");
    return std::nullopt;
  }
  if (O.TargetFile.getNumOccurrences() && O.TargetFile.empty()) {
    D.toolError("--target-file needs a file");
    return std::nullopt;
  }
  if (!O.TargetFile.empty())
    return readTargetFile(O.TargetFile, D);
  std::string Name = O.Target.empty() ? "native" : O.Target.getValue();
  std::vector<std::string> Known = builtinTargets(Dir);
  if (std::find(Known.begin(), Known.end(), Name) == Known.end()) {
    if (Name == "native")
      return support::nativeTarget(); // no data directory: the built-in description
    std::string Hint = closestName(Name, Known), List;
    for (size_t I = 0; I < Known.size(); ++I)
      List += (I ? ", " : "") + Known[I];
    D.toolError("unknown target '" + Name + "'" +
                (Hint.empty() ? "; the targets are " + List + " (--target=list describes them)"
                              : "; did you mean '" + Hint + "'?"));
    return std::nullopt;
  }
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Name + ".json");
  auto T = readTargetFile(std::string(Path), D);
  if (T && T->Name != Name) {
    D.fileError(std::string(Path), "the description names target '" + T->Name +
                                       "', but the file is " + Name + ".json");
    return std::nullopt;
  }
  return T;
}

bool printTargets(const std::string &Dir, llvm::raw_ostream &OS, DiagnosticsEngine &D) {
  std::vector<std::string> Names = builtinTargets(Dir);
  if (Names.empty()) {
    D.toolError("no target descriptions in '" + Dir + "'");
    return false;
  }
  OS << "targets (from " << Dir << "):\n";
  bool Ok = true;
  for (const std::string &N : Names) {
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, N + ".json");
    auto T = readTargetFile(std::string(Path), D);
    if (!T) {
      Ok = false;
      continue;
    }
    OS << "  " << llvm::left_justify(N, 12) << " " << llvm::left_justify(T->isChip() ? "chip" : "native", 7)
       << " " << T->Description << "\n";
  }
  return Ok;
}

int runWithLargeStack(const std::function<int()> &F) {
  int Result = 1;
  llvm::thread T(std::optional<unsigned>(512u << 20), [&] { Result = F(); });
  T.join();
  return Result;
}

} // namespace snn::tools
