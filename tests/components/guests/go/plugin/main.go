// Plugin "go-title" for world test:plugins/plugin-world (tests/components/wit/plugin.wit),
// hand-written against the canonical ABI like ../full. Built by build.sh.
package main

import "witbindgen.test/guests/cabi"

func main() {} // required by -buildmode=c-shared

//go:wasmexport test:plugins/plugin@0.1.0#name
func name() uint32 { return cabi.RetString("go-title") }

//go:wasmexport cabi_post_test:plugins/plugin@0.1.0#name
func namePost(uint32) { cabi.Release() }

// run: ok(every space-separated word with its first letter uppercased, ASCII) or err("empty input").
// result<string, string> in memory: discriminant u8 @0, string ptr @4, len @8.
//
//go:wasmexport test:plugins/plugin@0.1.0#run
func run(ptr, n uint32) uint32 {
	defer cabi.GCPoint()
	in := []byte(cabi.String(ptr, n))
	cabi.Release()
	r := cabi.Ret()
	var out string
	if len(in) == 0 {
		cabi.PutU8(r, 0, 1)
		out = "empty input"
	} else {
		cabi.PutU8(r, 0, 0)
		for i, c := range in {
			if (i == 0 || in[i-1] == ' ') && 'a' <= c && c <= 'z' {
				in[i] = c - 'a' + 'A'
			}
		}
		out = string(in)
	}
	p, m := cabi.LowerString(out)
	cabi.PutU32(r, 4, p)
	cabi.PutU32(r, 8, m)
	return r
}

//go:wasmexport cabi_post_test:plugins/plugin@0.1.0#run
func runPost(uint32) { cabi.Release() }
