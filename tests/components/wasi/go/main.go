// WASI probe fixture (Go 1.24, GOOS=wasip1 GOARCH=wasm).
// Scenario = argv[1]; the output is byte-identical with the Rust and C versions
// (see tests/components/README.md). Built by tests/components/build-wasi.sh.
package main

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
	"unsafe"
)

const lang = "go"

// The Go standard library does not expose the clock resolution, so the preview1
// function is imported directly.
//
//go:wasmimport wasi_snapshot_preview1 clock_res_get
func clockResGet(clockID uint32, resolution unsafe.Pointer) uint32

const clockMonotonic = 1

// Memory for the preview1 command adapter.
// The adapter needs a stack page and a state page from the main module, from the moment the
// component's run export is entered, before _start. Without a cabi_realloc export it takes them
// with memory.grow, but the Go runtime regards all linear memory past its data as its own heap and
// hands those pages out again (the adapter then fails its state canary check). A Go
// //go:wasmexport function cannot serve them either, since it may not run before the runtime is
// initialised. So this array is reserved for the adapter: build-wasi.sh finds it by the marker at
// its start (add_cabi_realloc.py) and gives the core module a cabi_realloc export, written in
// WebAssembly text, that bump-allocates from it. Go code never touches it except to check the
// marker, which also keeps the linker from dropping it.
var adapterArena = [16 + 4<<16]byte{'w', 'i', 't', 'b', 'i', 'n', 'd', 'g', 'e', 'n', '-', 'a', 'r', 'e', 'n', 'a'}

var stdout = bufio.NewWriter(os.Stdout)

func fail(what string, err error) {
	stdout.Flush()
	fmt.Fprintf(os.Stderr, "error: %s: %v\n", what, err)
	os.Exit(1)
}

func out(line string) {
	stdout.WriteString(line)
	stdout.WriteByte('\n')
}

func main() {
	// (byte constants, not the marker string: the string would be a second copy in the data)
	if adapterArena[0] != 'w' || adapterArena[10] != '-' || adapterArena[15] != 'a' {
		fmt.Fprintln(os.Stderr, "adapter arena marker overwritten")
		os.Exit(1)
	}
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: wasi-probe <hello|args|env|stdin|files|clock|random|exit|escape> [args...]")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "hello":
		out("hello from " + lang)
		stdout.Flush()
		fmt.Fprintln(os.Stderr, "warning from "+lang)
	case "args":
		for i := 1; i < len(os.Args); i++ {
			out(fmt.Sprintf("arg %d=%s", i, os.Args[i]))
		}
	case "env":
		printEnv()
	case "stdin":
		stdinUpper()
	case "files":
		files()
	case "clock":
		clock()
	case "random":
		random()
	case "exit":
		out("exiting")
		stdout.Flush()
		os.Exit(3)
	case "escape":
		escape()
	default:
		fmt.Fprintf(os.Stderr, "unknown scenario: %s\n", os.Args[1])
		os.Exit(2)
	}
	if err := stdout.Flush(); err != nil {
		fmt.Fprintf(os.Stderr, "error: write stdout: %v\n", err)
		os.Exit(1)
	}
}

func printEnv() {
	type kv struct{ k, v string }
	var vars []kv
	for _, e := range os.Environ() {
		k, v, _ := strings.Cut(e, "=")
		vars = append(vars, kv{k, v})
	}
	// Go compares strings bytewise, i.e. ordinal order.
	sort.SliceStable(vars, func(i, j int) bool { return vars[i].k < vars[j].k })
	for _, e := range vars {
		out("env " + e.k + "=" + e.v)
	}
}

func upper(b []byte) {
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - ('a' - 'A')
		}
	}
}

func stdinUpper() {
	data, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail("read stdin", err)
	}
	upper(data)
	stdout.Write(data)
}

func files() {
	data, err := os.ReadFile("/data/input.txt")
	if err != nil {
		fail("read /data/input.txt", err)
	}
	upper(data)
	if err := os.WriteFile("/data/output.txt", data, 0o644); err != nil {
		fail("write /data/output.txt", err)
	}
	if err := os.Mkdir("/data/made", 0o755); err != nil {
		fail("mkdir /data/made", err)
	}
	entries, err := os.ReadDir("/data") // sorted by name, without . and ..
	if err != nil {
		fail("readdir /data", err)
	}
	for _, e := range entries {
		out("entry " + e.Name())
	}
	fi, err := os.Stat("/data/output.txt")
	if err != nil {
		fail("stat /data/output.txt", err)
	}
	out(fmt.Sprintf("size %d", fi.Size()))
}

func clock() {
	out(fmt.Sprintf("wall %d", time.Now().Unix()))
	a := time.Now()
	b := time.Now()
	if b.Sub(a) >= 0 { // uses the monotonic readings
		out("mono-ok")
	}
	var res uint64
	if clockResGet(clockMonotonic, unsafe.Pointer(&res)) == 0 && res > 0 {
		out("resolution-ok")
	}
}

func random() {
	var buf [16]byte
	if _, err := rand.Read(buf[:]); err != nil {
		fail("crypto/rand", err)
	}
	out("random " + hex.EncodeToString(buf[:]))
}

func escape() {
	for _, p := range []string{"/data/../secret.txt", "/etc/passwd", "/data/link-out/secret.txt"} {
		f, err := os.Open(p)
		report(p, err)
		if err == nil {
			f.Close()
		}
	}
	p := "/data/../new.txt"
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE, 0o644)
	report(p, err)
	if err == nil {
		f.Close()
	}
}

func report(path string, err error) {
	if err == nil {
		out("escape " + path + " ok")
	} else {
		out("escape " + path + " denied")
	}
}
