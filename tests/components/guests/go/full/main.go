// Guest for world test:guests/full (tests/components/wit/guests.wit), written by hand against the
// canonical ABI: every export below is the core function the component model lifts, with the
// flattened signature spelled out (MAX_FLAT_PARAMS 16; more than one flat result goes through
// the return area). Built by build.sh: GOOS=wasip1 -buildmode=c-shared, then jco embed + new.
package main

import (
	"math"

	"witbindgen.test/guests/cabi"
)

func main() {} // required by -buildmode=c-shared; _initialize sets the runtime up

// ---------------------------------------------------------------- imports: test:guests/host

//go:wasmimport test:guests/host@0.1.0 log
func hostLog(ptr, n uint32)

// label returns a string: lowered with a return pointer the host writes (ptr, len) to.
//
//go:wasmimport test:guests/host@0.1.0 label
func hostLabel(id uint32, ret uint32)

func log(s string) {
	p, n := cabi.LowerString(s)
	hostLog(p, n)
}

func label(id uint32) string {
	hostLabel(id, cabi.Ret())
	return cabi.ReadRetString()
}

// ---------------------------------------------------------------- values

//go:wasmexport test:guests/values@0.1.0#add
func add(a, b uint32) uint32 { return a + b }

// tuple<s8, u8, s16, u16, s32, u32, s64, u64>: offsets 0, 1, 2, 4, 8, 12, 16, 24.
//
//go:wasmexport test:guests/values@0.1.0#limits
func limits() uint32 {
	r := cabi.Ret()
	cabi.PutU8(r, 0, uint8(0x80))          // s8 min -128
	cabi.PutU8(r, 1, math.MaxUint8)        // u8 max
	cabi.PutU16(r, 2, uint16(0x8000))      // s16 min
	cabi.PutU16(r, 4, math.MaxUint16)      // u16 max
	cabi.PutU32(r, 8, uint32(0x80000000))  // s32 min
	cabi.PutU32(r, 12, math.MaxUint32)     // u32 max
	cabi.PutU64(r, 16, uint64(1)<<63)      // s64 min
	cabi.PutU64(r, 24, math.MaxUint64)     // u64 max
	return r
}

//go:wasmexport test:guests/values@0.1.0#negate
func negate(x int64) int64 { return -x }

//go:wasmexport test:guests/values@0.1.0#scale
func scale(x float64, by float32) float64 { return x * float64(by) }

//go:wasmexport test:guests/values@0.1.0#next-char
func nextChar(c uint32) uint32 {
	switch c {
	case 0x10FFFF:
		return 0
	case 0xD7FF:
		return 0xE000
	}
	return c + 1
}

//go:wasmexport test:guests/values@0.1.0#greet
func greet(ptr, n uint32) uint32 {
	defer cabi.GCPoint()
	name := cabi.String(ptr, n)
	cabi.Release()
	return cabi.RetString("Hello, " + name + "!")
}

//go:wasmexport cabi_post_test:guests/values@0.1.0#greet
func greetPost(uint32) { cabi.Release() }

//go:wasmexport test:guests/values@0.1.0#reverse
func reverse(ptr, n uint32) uint32 {
	defer cabi.GCPoint()
	rs := []rune(cabi.String(ptr, n))
	cabi.Release()
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return cabi.RetString(string(rs))
}

//go:wasmexport cabi_post_test:guests/values@0.1.0#reverse
func reversePost(uint32) { cabi.Release() }

//go:wasmexport test:guests/values@0.1.0#sum
func sum(ptr, n uint32) uint64 {
	defer cabi.GCPoint()
	xs := cabi.U32s(ptr, n)
	cabi.Release()
	var s uint64
	for _, x := range xs {
		s += uint64(x)
	}
	return s
}

//go:wasmexport test:guests/values@0.1.0#double-all
func doubleAll(ptr, n uint32) uint32 {
	defer cabi.GCPoint()
	xs := cabi.U32s(ptr, n)
	cabi.Release()
	for i := range xs {
		xs[i] *= 2
	}
	p, m := cabi.LowerU32s(xs)
	r := cabi.Ret()
	cabi.PutU32(r, 0, p)
	cabi.PutU32(r, 4, m)
	return r
}

//go:wasmexport cabi_post_test:guests/values@0.1.0#double-all
func doubleAllPost(uint32) { cabi.Release() }

// list<list<u8>>: elements are (ptr, len) pairs.
//
//go:wasmexport test:guests/values@0.1.0#total-length
func totalLength(ptr, n uint32) uint32 {
	defer cabi.GCPoint()
	var total uint32
	for i := uint32(0); i < n; i++ {
		total += cabi.GetU32(ptr, 8*i+4)
	}
	cabi.Release()
	return total
}

// person { name: string @0, age: u8 @8, tags: list<string> @12 }: size 20, align 4.
//
//go:wasmexport test:guests/values@0.1.0#older-than
func olderThan(ptr, n uint32, age uint32) uint32 {
	defer cabi.GCPoint()
	var names []string
	for i := uint32(0); i < n; i++ {
		e := ptr + 20*i
		if uint32(cabi.GetU8(e, 8)) > age&0xFF {
			names = append(names, cabi.String(cabi.GetU32(e, 0), cabi.GetU32(e, 4)))
		}
	}
	cabi.Release()
	p, m := cabi.LowerStrings(names)
	r := cabi.Ret()
	cabi.PutU32(r, 0, p)
	cabi.PutU32(r, 4, m)
	return r
}

//go:wasmexport cabi_post_test:guests/values@0.1.0#older-than
func olderThanPost(uint32) { cabi.Release() }

//go:wasmexport test:guests/values@0.1.0#translate
func translate(x, y, dx, dy int32) uint32 {
	r := cabi.Ret()
	cabi.PutU32(r, 0, uint32(x+dx))
	cabi.PutU32(r, 4, uint32(y+dy))
	return r
}

// shape flattens to (discriminant, join(f32, i32, i32) = i32, i32): the circle's f32 arrives
// as its bit pattern in the first payload slot.
//
//go:wasmexport test:guests/values@0.1.0#area
func area(disc, a, b uint32) float64 {
	defer cabi.GCPoint()
	switch disc {
	case 0: // circle(f32)
		r := float64(math.Float32frombits(a))
		return 3.141592653589793 * (r * r)
	case 1: // rect(point)
		return math.Abs(float64(int32(a)) * float64(int32(b)))
	case 2: // named(string): its length in UTF-8 bytes
		cabi.Release()
		return float64(b)
	default: // empty
		return 0
	}
}

//go:wasmexport test:guests/values@0.1.0#next-color
func nextColor(c uint32) uint32 { return (c + 1) % 3 }

//go:wasmexport test:guests/values@0.1.0#invert
func invert(p uint32) uint32 { return ^p & 0b111 }

//go:wasmexport test:guests/values@0.1.0#invert-many
func invertMany(m uint32) uint32 { return ^m & (1<<20 - 1) }

// option<u32> in memory: discriminant u8 @0, value u32 @4.
//
//go:wasmexport test:guests/values@0.1.0#find
func find(ptr, n, nptr, nn uint32) uint32 {
	defer cabi.GCPoint()
	xs := cabi.Strings(ptr, n)
	needle := cabi.String(nptr, nn)
	cabi.Release()
	r := cabi.Ret()
	cabi.PutU32(r, 0, 0)
	cabi.PutU32(r, 4, 0)
	for i, x := range xs {
		if x == needle {
			cabi.PutU8(r, 0, 1)
			cabi.PutU32(r, 4, uint32(i))
			break
		}
	}
	return r
}

// option<option<u32>> flattens to (outer discriminant, inner discriminant, value).
//
//go:wasmexport test:guests/values@0.1.0#depth
func depth(outer, inner, v uint32) uint32 {
	switch {
	case outer == 0:
		return 0
	case inner == 0:
		return 1
	default:
		return v + 2
	}
}

// result<s32, string> in memory: discriminant u8 @0, payload @4 (s32, or string ptr @4 len @8).
//
//go:wasmexport test:guests/values@0.1.0#divide
func divide(a, b int32) uint32 {
	r := cabi.Ret()
	if b == 0 {
		p, n := cabi.LowerString("division by zero")
		cabi.PutU8(r, 0, 1)
		cabi.PutU32(r, 4, p)
		cabi.PutU32(r, 8, n)
		return r
	}
	cabi.PutU8(r, 0, 0)
	cabi.PutU32(r, 4, uint32(a/b)) // Go: MinInt32 / -1 == MinInt32 (wraps, no panic)
	return r
}

//go:wasmexport cabi_post_test:guests/values@0.1.0#divide
func dividePost(uint32) { cabi.Release() }

//go:wasmexport test:guests/values@0.1.0#log-all
func logAll(ptr, n uint32) uint32 {
	defer cabi.GCPoint()
	msgs := cabi.Strings(ptr, n)
	cabi.Release()
	for _, m := range msgs {
		log(m)
	}
	l := label(uint32(len(msgs)))
	cabi.Release() // the host's label buffer (allocated through cabi_realloc), already copied
	return cabi.RetString(l)
}

//go:wasmexport cabi_post_test:guests/values@0.1.0#log-all
func logAllPost(uint32) { cabi.Release() }

// ---------------------------------------------------------------- counters
//
// A counter's representation (rep) is its key in `live`, starting at 1. The component model
// hands the guest the rep for `borrow<counter>` parameters of its own resource (methods' self,
// peek), and a handle for `own<counter>` (merge's other), which the guest resolves with
// [resource-rep] and drops with [resource-drop] (that calls the destructor below).

//go:wasmimport [export]test:guests/counters@0.1.0 [resource-new]counter
func resourceNew(rep uint32) uint32

//go:wasmimport [export]test:guests/counters@0.1.0 [resource-rep]counter
func resourceRep(handle uint32) uint32

//go:wasmimport [export]test:guests/counters@0.1.0 [resource-drop]counter
func resourceDrop(handle uint32)

var (
	live    = map[uint32]*uint32{}
	nextRep uint32 = 1
	dropped uint32
)

func newCounter(start uint32) uint32 {
	rep := nextRep
	nextRep++
	v := start
	live[rep] = &v
	return resourceNew(rep)
}

func counter(rep uint32) *uint32 {
	c, ok := live[rep]
	if !ok {
		panic("unknown counter rep")
	}
	return c
}

//go:wasmexport test:guests/counters@0.1.0#[constructor]counter
func counterNew(start uint32) uint32 { return newCounter(start) }

//go:wasmexport test:guests/counters@0.1.0#[method]counter.increment
func counterIncrement(self, by uint32) { *counter(self) += by }

//go:wasmexport test:guests/counters@0.1.0#[method]counter.get
func counterGet(self uint32) uint32 { return *counter(self) }

//go:wasmexport test:guests/counters@0.1.0#[method]counter.merge
func counterMerge(self, other uint32) {
	*counter(self) += *counter(resourceRep(other))
	resourceDrop(other) // runs the destructor
}

//go:wasmexport test:guests/counters@0.1.0#[static]counter.zero
func counterZero() uint32 { return newCounter(0) }

//go:wasmexport test:guests/counters@0.1.0#peek
func peek(c uint32) uint32 { return *counter(c) }

//go:wasmexport test:guests/counters@0.1.0#dropped
func droppedCount() uint32 { return dropped }

//go:wasmexport test:guests/counters@0.1.0#[dtor]counter
func counterDtor(rep uint32) {
	counter(rep)
	delete(live, rep)
	dropped++
}

