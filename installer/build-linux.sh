#!/usr/bin/env bash
# Builds the ClinicLedger Linux application image and, when fakeroot and
# dpkg-deb are available, a .deb package, with jpackage.
#
# Usage: installer/build-linux.sh          (from any directory)
#
# Environment:
#   VERSION=x.y.z   application version; default: the pom's project.version
#   SKIP_BUILD=1    reuse target/clinicledger.jar and target/lib/ instead of
#                   running the Maven build first
#   SKIP_DEB=1      build only the application image
#   VERBOSE=1       pass --verbose to jpackage
#   JAVA_HOME       JDK whose bin/jpackage is used (and whose runtime is
#                   bundled); otherwise jpackage is taken from PATH
#
# Outputs (under target/installer/):
#   ClinicLedger/            application image; run ClinicLedger/bin/ClinicLedger
#                            (the jars are in ClinicLedger/lib/app/)
#   clinicledger_<version>-1_<arch>.deb
set -euo pipefail

die() { echo "build-linux: error: $*" >&2; exit 1; }
note() { echo "build-linux: $*"; }

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$script_dir/.." && pwd)"
cd "$root"

jar_file=target/clinicledger.jar
lib_dir=target/lib
out_dir=target/installer
input_dir=$out_dir/input
app_name=ClinicLedger

# --- jpackage ---------------------------------------------------------------
if [[ -n "${JAVA_HOME:-}" ]]; then
  jpackage="$JAVA_HOME/bin/jpackage"
  jar_tool="$JAVA_HOME/bin/jar"
  [[ -x "$jpackage" ]] || die "JAVA_HOME is $JAVA_HOME but it has no bin/jpackage." \
    "jpackage comes with full JDKs 17 or newer; point JAVA_HOME at one, or unset it to use jpackage from PATH."
else
  jpackage="$(command -v jpackage || true)"
  jar_tool="$(command -v jar || true)"
  [[ -n "$jpackage" ]] || die "jpackage not found on PATH and JAVA_HOME is not set." \
    "Install a full JDK 17 or newer (on Debian/Ubuntu: apt-get install openjdk-17-jdk) or set JAVA_HOME to one."
fi

# --- build the jar ----------------------------------------------------------
if [[ "${SKIP_BUILD:-0}" == 1 && -f "$jar_file" ]]; then
  note "SKIP_BUILD=1: reusing $jar_file"
else
  [[ "${SKIP_BUILD:-0}" == 1 ]] && note "SKIP_BUILD=1 but $jar_file does not exist: building it"
  if [[ -x ./mvnw ]]; then
    mvn_cmd=(./mvnw)
  elif command -v mvn >/dev/null 2>&1; then
    note "no ./mvnw in $root: using mvn from PATH"
    mvn_cmd=(mvn)
  else
    die "cannot build $jar_file: neither ./mvnw nor mvn is available."
  fi
  note "building the jar: ${mvn_cmd[*]} -q -DskipTests package"
  "${mvn_cmd[@]}" -q -DskipTests package
fi
[[ -f "$jar_file" ]] || die "$jar_file is missing after the build." \
  "The Maven build must produce target/clinicledger.jar with its dependencies in target/lib/."
[[ -d "$lib_dir" ]] || die "$lib_dir/ is missing: the Maven build must copy the dependencies there."

# --- version ----------------------------------------------------------------
version_from_pom() {
  local v=""
  if [[ -x ./mvnw ]]; then
    v="$(./mvnw -q -B -Dstyle.color=never help:evaluate -Dexpression=project.version \
           -DforceStdout 2>/dev/null | tail -n 1 | sed -e 's/\x1b\[[0-9;]*m//g' || true)"
  fi
  if [[ ! "$v" =~ ^[0-9] ]] && [[ -f pom.xml ]]; then
    # Fallback: the project's own <version>, i.e. the first one outside
    # <parent> and before the sections that hold other artifacts' versions.
    v="$(awk '
          /<parent>/ { skip = 1 }
          /<\/parent>/ { skip = 0; next }
          /<(properties|dependencies|dependencyManagement|build|profiles|modules|reporting)>/ { exit }
          !skip && match($0, /<version>[^<]*<\/version>/) {
            v = substr($0, RSTART + 9, RLENGTH - 19); print v; exit
          }' pom.xml)"
  fi
  printf '%s' "$v"
}

version="${VERSION:-}"
if [[ -z "$version" ]]; then
  version="$(version_from_pom)"
  [[ -n "$version" ]] || die "could not read project.version from pom.xml; set VERSION=x.y.z."
fi
# jpackage and the package formats want a plain numeric version: 0.1.0-SNAPSHOT -> 0.1.0.
app_version="$version"
if [[ ! "$app_version" =~ ^[0-9]+(\.[0-9]+){0,3}$ ]]; then
  app_version="$(printf '%s' "$version" | grep -o -m1 -E '^[0-9]+(\.[0-9]+){0,3}' || true)"
  [[ -n "$app_version" ]] || die "version '$version' does not start with a number (like 0.1.0)."
  note "using version $app_version for the packages (project version is $version)"
fi

# --- application image --------------------------------------------------------
# jpackage puts every jar found under --input on the launcher's class path, so
# the input holds the main jar alone; lib/ is copied into the image afterwards
# and reached through the jar's manifest Class-Path, exactly as with
# "java -jar target/clinicledger.jar".
rm -rf "$out_dir"
mkdir -p "$input_dir"
cp "$jar_file" "$input_dir/"

common_args=(
  @installer/jpackage-common.args
  @installer/jpackage-linux.args
  --app-version "$app_version"
  --dest "$out_dir"
)
[[ "${VERBOSE:-0}" == 1 ]] && common_args+=(--verbose)

note "jpackage $("$jpackage" --version) from $jpackage"
note "creating the application image"
"$jpackage" "${common_args[@]}" @installer/jpackage-app-image.args \
  --input "$input_dir" --type app-image
rm -rf "$input_dir"

image="$out_dir/$app_name"
app_dir="$image/lib/app"
[[ -x "$image/bin/$app_name" && -f "$app_dir/clinicledger.jar" ]] \
  || die "jpackage finished but $image is incomplete (no bin/$app_name or lib/app/clinicledger.jar)."
cp -R "$lib_dir" "$app_dir/lib"

# The launcher loads the JavaFX (and other UI) jars in lib/ as named modules,
# which jlink never sees, so the bundled runtime must already hold every JDK
# module they require. To stay on the safe side, check the requirements of
# every jar in lib/ that declares a module, against the modules the runtime
# really has.
release_file="$image/lib/runtime/release"
if [[ -n "$jar_tool" && -f "$release_file" ]]; then
  runtime_modules=" $(sed -n 's/^MODULES="\(.*\)"$/\1/p' "$release_file") "
  feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release_file")"
  missing=()
  shopt -s nullglob
  for lib_jar in "$app_dir"/lib/*.jar; do
    while read -r module; do
      [[ "$runtime_modules" == *" $module "* ]] || missing+=("$module (required by $(basename "$lib_jar"))")
    done < <("$jar_tool" --describe-module --file "$lib_jar" ${feature:+--release "$feature"} 2>/dev/null \
               | awk '$1 == "requires" && $2 ~ /^(java|jdk)\./ && $3 != "static" { print $2 }')
  done
  shopt -u nullglob
  if (( ${#missing[@]} )); then
    printf 'build-linux: error: the bundled runtime lacks JDK modules that jars in lib/ require:\n' >&2
    printf '  %s\n' "${missing[@]}" >&2
    die "add them to --add-modules in installer/jpackage-app-image.args."
  fi
else
  note "warning: could not check the runtime's modules against the jars in lib/"
fi

# --- .deb -----------------------------------------------------------------------
deb_file=""
if [[ "${SKIP_DEB:-0}" == 1 ]]; then
  note "SKIP_DEB=1: not building a .deb"
elif command -v fakeroot >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1; then
  note "creating the .deb package"
  "$jpackage" "${common_args[@]}" @installer/jpackage-linux-deb.args \
    --app-image "$image" --type deb
  deb_file="$(find "$out_dir" -maxdepth 1 -name '*.deb' -print -quit)"
  [[ -n "$deb_file" ]] || die "jpackage finished but no .deb appeared in $out_dir."
else
  note "fakeroot and/or dpkg-deb not found: skipping the .deb" \
       "(on Debian/Ubuntu: apt-get install fakeroot dpkg)"
fi

echo
note "done (version $app_version)"
note "  application image: $root/$image"
note "  launcher:          $root/$image/bin/$app_name"
[[ -n "$deb_file" ]] && note "  deb package:       $root/$deb_file"
exit 0
