/* Shared by the C WASI commands (main.c, attack.c): an sbrk that keeps malloc off the adapter's pages.
 * Include it from exactly one translation unit of a program. */
#ifndef WITBINDGEN_WASI_SBRK_H
#define WITBINDGEN_WASI_SBRK_H

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

/* Heap placement (why the programs define sbrk).
 * The preview1 command adapter obtains its stack and state pages with memory.grow (this module has
 * no cabi_realloc export) when the component's run export is entered, i.e. before _start. Debian's
 * wasi-libc malloc (lld-14 defines no __heap_end) takes [__heap_base, sbrk(0)) as its first region
 * and libc's sbrk(0) is the current end of memory, which by then includes the adapter's pages: a
 * big enough heap overwrites them ("assertion failed at adapter line ..."). This sbrk reports the
 * end of the module's own initial memory as the first break, so malloc never claims pages that
 * somebody else grew; later growth is plain memory.grow (malloc copes with a non-contiguous break). */
extern unsigned char __heap_base;
#define WASM_PAGE 65536u
static int grown;

void *sbrk(intptr_t increment) {
    if (increment == 0) {
        if (!grown) /* lld sizes the initial memory to __heap_base rounded up to a page */
            return (void *)(((uintptr_t)&__heap_base + WASM_PAGE - 1) & ~(uintptr_t)(WASM_PAGE - 1));
        return (void *)(__builtin_wasm_memory_size(0) * WASM_PAGE);
    }
    if (increment < 0 || (increment % WASM_PAGE) != 0) abort(); /* malloc only asks for whole pages */
    size_t old = __builtin_wasm_memory_grow(0, (size_t)increment / WASM_PAGE);
    if (old == (size_t)-1) {
        errno = ENOMEM;
        return (void *)-1;
    }
    grown = 1;
    return (void *)(old * WASM_PAGE);
}

#endif
