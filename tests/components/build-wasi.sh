#!/usr/bin/env bash
# Rebuilds the WASI probe fixtures (a command program per language, same scenarios, same output)
# into tests/components/wasi/out/wasi-probe-{rust,go,c}.component.wasm, and the hostile C guest
# (wasi/c/attack.c, see README "Hostile guest") into wasi/out/wasi-attack-c.component.wasm.
#
#   tests/components/build-wasi.sh [--install-only] [rust] [go] [c] [c-attack]   (default: all four)
#
# Toolchains are installed on demand (idempotent), nothing of them goes into the repo:
#   rust : Debian bookworm rustc 1.63 + libstd-rust-dev-wasm32 + lld-14         (apt-get, system-wide)
#   c, c-attack : Debian bookworm clang-14 + lld-14 + wasi-libc + libclang-rt-14-dev-wasm32 (apt-get, system-wide)
#   go   : Debian trixie golang-1.24-go/-src, fetched with a private apt config and unpacked with dpkg -x
#          into the cache directory (the system apt state is not touched)
#   jco  : npm @bytecodealliance/jco 1.35.0 (+ preview2-shim 0.26.1) in the cache directory
# Cache directory: ${WITBINDGEN_TOOLCHAINS:-$HOME/.cache/witbindgen-toolchains}
#
# Each core module (wasm32-wasi / wasip1, with a `_start`) is wrapped into a component with jco's
# built-in wasi_snapshot_preview1 *command* adapter (`jco new --wasi-command`), so the component
# exports wasi:cli/run and imports WASI 0.2 interfaces only.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC="$HERE/wasi"; OUT="$SRC/out"
CACHE=${WITBINDGEN_TOOLCHAINS:-$HOME/.cache/witbindgen-toolchains}
WORK="$CACHE/work"   # intermediate core modules
mkdir -p "$CACHE" "$WORK" "$OUT"
install_only=0; [ "${1:-}" = --install-only ] && { install_only=1; shift; }
langs=("$@"); [ ${#langs[@]} -gt 0 ] || langs=(rust go c c-attack)
log() { printf '[build-wasi] %s\n' "$*" >&2; }

apt_ready() { # bookworm lists present (apt-cache/apt-get install need them)
  ls /var/lib/apt/lists/*_main_binary-*_Packages* >/dev/null 2>&1 || apt-get update -qq
}

# ---------------------------------------------------------------- jco (npm)
JCO="$CACHE/jco/jco"
install_jco() {
  local d="$CACHE/jco"
  mkdir -p "$d"
  # jco 1.35.0 runs wasm-tools as a WASI component on preview2-shim 0.26, which preopens nothing by
  # default; that breaks `jco embed --wit <path>` (new/print/parse/wit, used here, work anyway).
  # Preloading this module maps the host root for the embedded tools, so every jco command works.
  # Both files are replaced by rename, and only when they differ: another build running jco at the
  # same time must never see a half-written file (or get "Text file busy").
  put() { local t; t=$(mktemp "$1.XXXXXX"); cat > "$t"; chmod "$2" "$t"
          if cmp -s "$t" "$1"; then rm -f "$t"; else mv -f "$t" "$1"; fi; }
  put "$d/preopen-root.mjs" 644 <<'JS'
import { _setPreopens } from "@bytecodealliance/preview2-shim/filesystem";
_setPreopens({ "/": "/" });
JS
  put "$d/jco" 755 <<'SH'
#!/usr/bin/env bash
D="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec node --import "$D/preopen-root.mjs" "$D/node_modules/@bytecodealliance/jco/dist/jco.js" "$@"
SH
  if [ -f "$d/node_modules/@bytecodealliance/jco/dist/jco.js" ] \
     && grep -q '"version": "0.26.1"' "$d/node_modules/@bytecodealliance/preview2-shim/package.json" 2>/dev/null; then
    return 0
  fi
  log "installing jco 1.35.0 into $d"
  [ -f "$d/package.json" ] || echo '{"name":"witbindgen-jco","private":true}' > "$d/package.json"
  # preview2-shim is pinned at top level; otherwise npm hoists an older 0.25 that shadows the one jco needs.
  (cd "$d" && npm install --no-audit --no-fund --loglevel=error -E \
      @bytecodealliance/jco@1.35.0 @bytecodealliance/preview2-shim@0.26.1)
}

# ---------------------------------------------------------------- rust
install_rust() {
  if [ -x /usr/bin/rustc ] && [ -d /usr/lib/rustlib/wasm32-wasi/lib ] && [ -x /usr/bin/rust-lld ]; then return 0; fi
  log "installing rustc + wasm32-wasi std (apt)"
  apt_ready
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rustc libstd-rust-dev-wasm32 lld-14 >/dev/null
}
build_rust() {
  # /usr/bin/rustc explicitly: a rustup toolchain on PATH may lack the wasm32-wasi target.
  /usr/bin/rustc --edition 2021 --target wasm32-wasi --crate-type bin -C opt-level=s -C panic=abort \
    -C strip=debuginfo -C link-arg=--strip-debug \
    "$SRC/rust/main.rs" -o "$WORK/wasi-probe-rust.core.wasm"
}

# ---------------------------------------------------------------- go
GOROOT_DIR="$CACHE/go/sdk/usr/lib/go-1.24"
install_go() {
  if [ -x "$GOROOT_DIR/bin/go" ] && [ -d "$GOROOT_DIR/src/runtime" ]; then return 0; fi
  log "installing Go 1.24 (Debian trixie packages, unpacked into $CACHE/go/sdk)"
  local a="$CACHE/go/apt" mirror
  mkdir -p "$a/parts" "$a/lists/partial" "$a/cache/archives/partial" "$a/debs"
  # same mirror the machine's own apt sources use, but suite trixie, in a private apt state dir
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  printf 'Types: deb\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$mirror" > "$a/parts/trixie.sources"
  local opts=(-o Dir::Etc::sourcelist=/dev/null -o Dir::Etc::sourceparts="$a/parts"
              -o Dir::State::Lists="$a/lists" -o Dir::Cache="$a/cache" -o APT::Get::List-Cleanup=0
              -o APT::Sandbox::User=root)
  ls "$a"/lists/*trixie_main*Packages* >/dev/null 2>&1 || apt-get "${opts[@]}" update -qq
  (cd "$a/debs" && apt-get "${opts[@]}" download -qq golang-1.24-go golang-1.24-src)
  rm -rf "$CACHE/go/sdk"; mkdir -p "$CACHE/go/sdk"
  for p in golang-1.24-go golang-1.24-src; do dpkg -x "$(ls -t "$a/debs/${p}"_*.deb | head -1)" "$CACHE/go/sdk"; done
}
build_go() {
  (cd "$SRC/go" && env GOROOT="$GOROOT_DIR" GOPATH="$CACHE/go/gopath" GOCACHE="$CACHE/go/cache" \
      GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on GOOS=wasip1 GOARCH=wasm CGO_ENABLED=0 \
      "$GOROOT_DIR/bin/go" build -trimpath -ldflags=-s -o "$WORK/wasi-probe-go.plain.wasm" .)
  # The Go runtime owns all memory past its data, so the adapter must not memory.grow its pages:
  # give the module a cabi_realloc over a reserved array (see main.go and add_cabi_realloc.py).
  "$JCO" print "$WORK/wasi-probe-go.plain.wasm" -o "$WORK/wasi-probe-go.plain.wat"
  python3 "$SRC/go/add_cabi_realloc.py" "$WORK/wasi-probe-go.plain.wasm" "$WORK/wasi-probe-go.plain.wat" \
    "$WORK/wasi-probe-go.core.wat"
  "$JCO" parse "$WORK/wasi-probe-go.core.wat" -o "$WORK/wasi-probe-go.core.wasm"
  rm -f "$WORK/wasi-probe-go.plain.wat" "$WORK/wasi-probe-go.core.wat"
}

# ---------------------------------------------------------------- c
install_c() {
  if command -v clang-14 >/dev/null && [ -x /usr/bin/wasm-ld-14 ] && [ -f /usr/lib/wasm32-wasi/libc.a ] \
     && ls /usr/lib/llvm-14/lib/clang/14*/lib/wasi/libclang_rt.builtins-wasm32.a >/dev/null 2>&1; then return 0; fi
  log "installing clang-14 + wasi-libc (apt)"
  apt_ready
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32 >/dev/null
}
build_c() {
  # Debian's clang-14 finds wasi-libc under /usr/{include,lib}/wasm32-wasi; default exec model = command.
  clang-14 --target=wasm32-wasi -O2 -Wall -Wextra -Werror -Wl,--strip-debug \
    -o "$WORK/wasi-probe-c.core.wasm" "$SRC/c/main.c"
}
# The hostile guest: same toolchain and flags as the C probe, its own source.
install_c_attack() { install_c; }
build_c_attack() {
  clang-14 --target=wasm32-wasi -O2 -Wall -Wextra -Werror -Wl,--strip-debug \
    -o "$WORK/wasi-attack-c.core.wasm" "$SRC/c/attack.c"
}

# ---------------------------------------------------------------- main
install_jco
# --install-only also takes `jco` (guests/js/build.sh installs just that).
if [ $install_only = 1 ]; then for l in "${langs[@]}"; do "install_${l//-/_}"; done; exit 0; fi
for l in "${langs[@]}"; do
  case "$l" in rust|go|c|c-attack) ;; *) echo "unknown language: $l (want rust, go, c, c-attack)" >&2; exit 2;; esac
done
for l in "${langs[@]}"; do
  fn=${l//-/_}                                           # c-attack -> install_c_attack/build_c_attack
  case "$l" in c-attack) name=wasi-attack-c;; *) name=wasi-probe-$l;; esac
  t0=$(date +%s.%N)
  "install_$fn"
  t1=$(date +%s.%N)
  "build_$fn"
  "$JCO" new "$WORK/$name.core.wasm" --wasi-command -o "$OUT/$name.component.wasm"
  t2=$(date +%s.%N)
  printf '[build-wasi] %-8s install %5.1fs  build %5.1fs  %8d bytes  %s\n' "$l" \
    "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" \
    "$(stat -c %s "$OUT/$name.component.wasm")" "$OUT/$name.component.wasm" >&2
done
