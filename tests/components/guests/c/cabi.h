/* Shared canonical-ABI plumbing for the C guests (basic.c, plugin.c). Written by hand: no wit-bindgen.
 * Ownership: argument strings/lists were allocated by the host with cabi_realloc and belong to the
 * callee (freed here); returned strings/lists are malloc'ed and freed again in cabi_post_*. */
#ifndef GUESTS_CABI_H
#define GUESTS_CABI_H
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

/* A (ptr, len) pair as it sits in linear memory: strings and lists. */
typedef struct {
  uint32_t ptr;
  uint32_t len;
} cabi_slice;

#define CABI_PTR(x) ((void *)(uintptr_t)(x))
#define CABI_ADDR(p) ((uint32_t)(uintptr_t)(p))

EXPORT("cabi_realloc")
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  (void)old_size;
  if (new_size == 0) {
    free(old);
    return (void *)align; /* aligned, never dereferenced */
  }
  void *p;
  if (old) {
    p = realloc(old, new_size); /* malloc aligns to at least 8, the largest canonical-ABI alignment */
  } else {
    p = malloc(new_size);
  }
  if (!p) abort();
  return p;
}

/* Memory handed over by the host; a zero length may come with a dangling pointer. */
static void cabi_free(uint32_t ptr, uint32_t len) {
  if (len) free(CABI_PTR(ptr));
}

/* Return area for results that flatten to more than one core value. */
static _Alignas(8) uint8_t RET[32];

static void put_u32(uint8_t *base, size_t off, uint32_t v) { memcpy(base + off, &v, 4); }
static uint32_t get_u32(const uint8_t *base, size_t off) {
  uint32_t v;
  memcpy(&v, base + off, 4);
  return v;
}

/* A malloc'ed copy of (p, n); NULL-free for n == 0 (then a dangling, never-freed pointer). */
static uint32_t give_bytes(const void *p, size_t n) {
  if (n == 0) return 1;
  void *out = malloc(n);
  if (!out) abort();
  memcpy(out, p, n);
  return CABI_ADDR(out);
}

/* Writes (ptr, len) at RET + off. */
static uint8_t *ret_slice(size_t off, uint32_t ptr, uint32_t len) {
  put_u32(RET, off, ptr);
  put_u32(RET, off + 4, len);
  return RET;
}

/* Decodes the UTF-8 scalar starting at s[*i] (input is valid UTF-8: the host checked it). */
static uint32_t utf8_next(const uint8_t *s, size_t *i) {
  uint8_t b = s[(*i)++];
  if (b < 0x80) return b;
  int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
  uint32_t c = b & (0x3F >> extra);
  while (extra--) c = (c << 6) | (s[(*i)++] & 0x3F);
  return c;
}

/* The scalars of (s, n) in reverse order, as a new malloc'ed UTF-8 string of the same length:
 * each encoded scalar is copied unchanged, so only the boundaries need finding. */
static uint32_t reverse_scalars(const uint8_t *s, size_t n) {
  if (n == 0) return 1;
  uint8_t *out = malloc(n);
  if (!out) abort();
  size_t i = 0;
  while (i < n) {
    size_t start = i;
    utf8_next(s, &i);
    memcpy(out + (n - i), s + start, i - start);
  }
  return CABI_ADDR(out);
}

#endif
