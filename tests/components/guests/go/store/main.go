// Go guest for world test:compose/provider (tests/components/wit/compose.wit): exports `store`
// (strings, a list, a record) and `counters` (a resource). Hand-written against the canonical ABI
// like ../full; the Rust guest ../../rust/reporter.rs imports both. Built by build.sh.
package main

import (
	"sort"

	"witbindgen.test/guests/cabi"
)

func main() {} // required by -buildmode=c-shared

// ---------------------------------------------------------------- store

//go:wasmexport test:compose/store@0.1.0#add
func add(a, b uint32) uint32 { return a + b }

// shout: the string result goes through the return area (ptr @0, len @4).
//
//go:wasmexport test:compose/store@0.1.0#shout
func shout(ptr, n uint32) uint32 {
	defer cabi.GCPoint()
	in := []byte(cabi.String(ptr, n))
	cabi.Release()
	for i, c := range in {
		if 'a' <= c && c <= 'z' {
			in[i] = c - 'a' + 'A'
		}
	}
	return cabi.RetString(string(in))
}

//go:wasmexport cabi_post_test:compose/store@0.1.0#shout
func shoutPost(uint32) { cabi.Release() }

//go:wasmexport test:compose/store@0.1.0#total
func total(ptr, n uint32) uint32 {
	defer cabi.GCPoint()
	var sum uint32
	for _, v := range cabi.U32s(ptr, n) {
		sum += v
	}
	cabi.Release()
	return sum
}

// top: list<entry> arrives as (ptr, len); an entry is 12 bytes (key ptr @0, key len @4, value @8).
// The list<string> result goes through the return area (ptr @0, len @4).
//
//go:wasmexport test:compose/store@0.1.0#top
func top(ptr, n, count uint32) uint32 {
	defer cabi.GCPoint()
	type entry struct {
		key   string
		value uint32
	}
	entries := make([]entry, n)
	for i := uint32(0); i < n; i++ {
		e := ptr + 12*i
		entries[i] = entry{cabi.String(cabi.GetU32(e, 0), cabi.GetU32(e, 4)), cabi.GetU32(e, 8)}
	}
	cabi.Release()
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].value > entries[j].value })
	keys := []string{}
	for i := 0; i < len(entries) && uint32(i) < count; i++ {
		keys = append(keys, entries[i].key)
	}
	p, m := cabi.LowerStrings(keys)
	r := cabi.Ret()
	cabi.PutU32(r, 0, p)
	cabi.PutU32(r, 4, m)
	return r
}

//go:wasmexport cabi_post_test:compose/store@0.1.0#top
func topPost(uint32) { cabi.Release() }

// ---------------------------------------------------------------- counters
//
// A counter's representation (rep) is its key in `counters`, from 1 on. Methods get the rep of
// `self` (a borrow of the guest's own resource); the constructor returns a new handle.

//go:wasmimport [export]test:compose/counters@0.1.0 [resource-new]counter
func resourceNew(rep uint32) uint32

var (
	counters = map[uint32]*uint32{}
	nextRep  = uint32(1)
)

//go:wasmexport test:compose/counters@0.1.0#[constructor]counter
func counterNew(start uint32) uint32 {
	rep := nextRep
	nextRep++
	v := start
	counters[rep] = &v
	return resourceNew(rep)
}

//go:wasmexport test:compose/counters@0.1.0#[method]counter.add
func counterAdd(self, n uint32) uint32 {
	c, ok := counters[self]
	if !ok {
		panic("unknown counter rep")
	}
	*c += n
	return *c
}

//go:wasmexport test:compose/counters@0.1.0#[dtor]counter
func counterDtor(rep uint32) {
	if _, ok := counters[rep]; !ok {
		panic("unknown counter rep")
	}
	delete(counters, rep)
}

//go:wasmexport test:compose/counters@0.1.0#live
func live() uint32 { return uint32(len(counters)) }
