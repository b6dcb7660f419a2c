# lit configuration for snnc's tests: every .snn, .snnir and .test file under test/ (but not in
# Inputs/ folders or test/unit) is a test with RUN lines.
import os
import lit.formats

config.name = "snnc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".snn", ".snnir", ".test"]
config.excludes = ["Inputs", "nets", "golden", "configs", "unit", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.snnc_obj_root, "test")

config.substitutions.append(("%snnc-emu", os.path.join(config.snnc_tools_dir, "snnc-emu")))
config.substitutions.append(("%snnc-opt", os.path.join(config.snnc_tools_dir, "snnc-opt")))
config.substitutions.append(("%snnc", os.path.join(config.snnc_tools_dir, "snnc")))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%examples", os.path.join(config.snnc_src_root, "examples")))
config.substitutions.append(("%srcroot", config.snnc_src_root))

path = [config.snnc_tools_dir, "/usr/lib/llvm-19/bin", config.environment.get("PATH", "")]
config.environment["PATH"] = os.pathsep.join(path)
# Diagnostics are compared as plain text.
config.environment["TERM"] = "dumb"
# The micro-benchmarks are built when SNNC_BUILD_BENCHMARKS is on (scripts/build.sh turns it on).
if os.path.exists(os.path.join(config.snnc_tools_dir, "snnc-micro-bench")):
    config.available_features.add("micro-bench")
