// Package cabi holds the canonical-ABI plumbing shared by the hand-written Go guests: the
// cabi_realloc export, ownership of the buffers the host and the guest hand each other, the
// return area for results that do not fit one flat value, and lifting/lowering of strings and
// lists. No wit-bindgen: every export signature in the guests is written out by hand.
package cabi

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"unsafe"
)

// ---------------------------------------------------------------- buffers
//
// Go's collector does not move objects, but it frees unreachable ones. Every buffer whose address
// the host knows (argument buffers it filled through cabi_realloc, result buffers the guest
// returns) stays referenced from `held` until the guest is done with it:
//   - argument buffers: an export copies its arguments into Go values and then calls Release;
//   - result buffers: released by the export's cabi_post_* function (or by the next export's
//     Release, whichever comes first — the host has read them by then either way).
var held = map[uintptr][]uint64{}

func alloc(size uint32) uintptr {
	if size == 0 {
		return 8
	}
	buf := make([]uint64, (size+7)/8) // 8-byte aligned: enough for every canonical-ABI alignment
	p := uintptr(unsafe.Pointer(&buf[0]))
	held[p] = buf
	return p
}

// Release forgets every buffer shared with the host (arguments already copied, results already read).
func Release() { clear(held) }

// ---------------------------------------------------------------- cabi_realloc
//
// The WASI preview1 reactor adapter allocates its state through cabi_realloc while _initialize
// runs, before package initialisation: such requests are served from a static arena (in .bss, so
// the Go heap never hands it out) without any Go allocation.
var (
	goReady    bool
	earlyArena [128 << 10]byte
	earlyUsed  uintptr
)

func init() {
	goReady = true
	// A Go allocation inside cabi_realloc may start or assist a GC cycle, which reads the clock:
	// a WASI import, forbidden while the host is lowering arguments ("cannot leave component
	// instance"). Automatic GC is therefore off; exports collect at GCPoint, where imports are allowed.
	debug.SetGCPercent(-1)
}

func earlyAlloc(align, size uint32) uint32 {
	base := uintptr(unsafe.Pointer(&earlyArena[0]))
	p := (base + earlyUsed + uintptr(align) - 1) &^ (uintptr(align) - 1)
	if p+uintptr(size) > base+uintptr(len(earlyArena)) {
		panic("cabi_realloc: early arena exhausted")
	}
	earlyUsed = p + uintptr(size) - base
	return uint32(p)
}

//go:wasmexport cabi_realloc
func cabiRealloc(old, oldSize, align, newSize uint32) uint32 {
	if !goReady {
		return earlyAlloc(align, newSize) // never freed: the adapter's state lives as long as the instance
	}
	p := alloc(newSize)
	if oldSize != 0 && newSize != 0 {
		n := min(oldSize, newSize)
		copy(unsafe.Slice((*byte)(unsafe.Pointer(p)), n), unsafe.Slice((*byte)(unsafe.Pointer(uintptr(old))), n))
	}
	if old != 0 {
		delete(held, uintptr(old))
	}
	return uint32(p)
}

var (
	gcSample = []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	gcLast   uint64
)

// GCPoint collects once 8 MiB have been allocated since the last collection. Only call it from an
// export body (imports are allowed there), never from cabi_realloc or a cabi_post_* function.
func GCPoint() {
	metrics.Read(gcSample)
	if a := gcSample[0].Value.Uint64(); a-gcLast > 8<<20 {
		runtime.GC()
		gcLast = a
	}
}

// ---------------------------------------------------------------- return area
//
// Results needing more than one flat value are stored here and the export returns its address;
// the host reads it before the guest runs again.
var retArea [8]uint64

// Ret returns the return area's address.
func Ret() uint32 { return uint32(uintptr(unsafe.Pointer(&retArea[0]))) }

func at(base uint32, off uint32) unsafe.Pointer { return unsafe.Pointer(uintptr(base + off)) }

func PutU8(base, off uint32, v uint8)   { *(*uint8)(at(base, off)) = v }
func PutU16(base, off uint32, v uint16) { *(*uint16)(at(base, off)) = v }
func PutU32(base, off uint32, v uint32) { *(*uint32)(at(base, off)) = v }
func PutU64(base, off uint32, v uint64) { *(*uint64)(at(base, off)) = v }
func GetU8(base, off uint32) uint8      { return *(*uint8)(at(base, off)) }
func GetU32(base, off uint32) uint32    { return *(*uint32)(at(base, off)) }

// ---------------------------------------------------------------- strings and lists

// String copies a string argument (ptr, len) out of linear memory.
func String(ptr, n uint32) string {
	if n == 0 {
		return ""
	}
	return string(unsafe.Slice((*byte)(unsafe.Pointer(uintptr(ptr))), n))
}

// Bytes copies a list<u8> argument.
func Bytes(ptr, n uint32) []byte {
	if n == 0 {
		return nil
	}
	return append([]byte(nil), unsafe.Slice((*byte)(unsafe.Pointer(uintptr(ptr))), n)...)
}

// U32s copies a list<u32> argument.
func U32s(ptr, n uint32) []uint32 {
	if n == 0 {
		return nil
	}
	return append([]uint32(nil), unsafe.Slice((*uint32)(unsafe.Pointer(uintptr(ptr))), n)...)
}

// Strings copies a list<string> argument (elements are (ptr, len) pairs, 8 bytes each).
func Strings(ptr, n uint32) []string {
	out := make([]string, n)
	for i := uint32(0); i < n; i++ {
		out[i] = String(GetU32(ptr, 8*i), GetU32(ptr, 8*i+4))
	}
	return out
}

// LowerString copies s into a held buffer and returns (ptr, len).
func LowerString(s string) (uint32, uint32) {
	if len(s) == 0 {
		return 1, 0
	}
	p := alloc(uint32(len(s)))
	copy(unsafe.Slice((*byte)(unsafe.Pointer(p)), len(s)), s)
	return uint32(p), uint32(len(s))
}

// LowerU32s copies xs into a held buffer and returns (ptr, len).
func LowerU32s(xs []uint32) (uint32, uint32) {
	if len(xs) == 0 {
		return 4, 0
	}
	p := alloc(uint32(4 * len(xs)))
	copy(unsafe.Slice((*uint32)(unsafe.Pointer(p)), len(xs)), xs)
	return uint32(p), uint32(len(xs))
}

// LowerStrings lowers a list<string> into held buffers and returns (ptr, len).
func LowerStrings(xs []string) (uint32, uint32) {
	if len(xs) == 0 {
		return 4, 0
	}
	p := uint32(alloc(uint32(8 * len(xs))))
	for i, s := range xs {
		sp, sn := LowerString(s)
		PutU32(p, uint32(8*i), sp)
		PutU32(p, uint32(8*i+4), sn)
	}
	return p, uint32(len(xs))
}

// RetString stores a string result in the return area and returns the area's address.
func RetString(s string) uint32 {
	p, n := LowerString(s)
	r := Ret()
	PutU32(r, 0, p)
	PutU32(r, 4, n)
	return r
}

// ReadRetString reads (and copies) a string that the host wrote into the return area of an import call.
func ReadRetString() string {
	r := Ret()
	return String(GetU32(r, 0), GetU32(r, 4))
}
