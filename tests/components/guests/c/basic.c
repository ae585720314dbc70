/* C guest for world test:guests/basic@0.1.0 (tests/components/wit/guests.wit): imports `host`,
 * exports `values`. Canonical-ABI core signatures written by hand (no wit-bindgen).
 * Core names: exports "<iface>#<func>" (+ "cabi_post_<iface>#<func>" where memory is returned),
 * imports from module "<iface>" field "<func>". */
#include "cabi.h"

#define VALUES(f) "test:guests/values@0.1.0#" f
#define VALUES_POST(f) "cabi_post_test:guests/values@0.1.0#" f

/* ---------------------------------------------------------------- imports: test:guests/host */
IMPORT("test:guests/host@0.1.0", "log") extern void host_log(const char *ptr, size_t len);
/* label(id) -> string: the host stores (ptr, len) at `ret`; the string was allocated with our
 * cabi_realloc and is ours to free. */
IMPORT("test:guests/host@0.1.0", "label") extern void host_label(uint32_t id, cabi_slice *ret);

/* ---------------------------------------------------------------- exports: test:guests/values */
EXPORT(VALUES("add")) uint32_t values_add(uint32_t a, uint32_t b) { return a + b; }

EXPORT(VALUES("limits")) uint8_t *values_limits(void) {
  /* tuple<s8, u8, s16, u16, s32, u32, s64, u64>: offsets 0, 1, 2, 4, 8, 12, 16, 24 */
  int8_t s8 = INT8_MIN;
  uint8_t u8 = UINT8_MAX;
  int16_t s16 = INT16_MIN;
  uint16_t u16 = UINT16_MAX;
  int32_t s32 = INT32_MIN;
  uint32_t u32 = UINT32_MAX;
  int64_t s64 = INT64_MIN;
  uint64_t u64 = UINT64_MAX;
  memcpy(RET + 0, &s8, 1);
  memcpy(RET + 1, &u8, 1);
  memcpy(RET + 2, &s16, 2);
  memcpy(RET + 4, &u16, 2);
  memcpy(RET + 8, &s32, 4);
  memcpy(RET + 12, &u32, 4);
  memcpy(RET + 16, &s64, 8);
  memcpy(RET + 24, &u64, 8);
  return RET;
}

EXPORT(VALUES("negate")) int64_t values_negate(int64_t x) { return (int64_t)(0 - (uint64_t)x); }

EXPORT(VALUES("scale")) double values_scale(double x, float by) { return x * (double)by; }

EXPORT(VALUES("next-char")) uint32_t values_next_char(uint32_t c) {
  if (c == 0xD7FF) return 0xE000;
  if (c == 0x10FFFF) return 0;
  return c + 1;
}

EXPORT(VALUES("greet")) uint8_t *values_greet(char *name, uint32_t len) {
  static const char hello[] = "Hello, ";
  size_t n = sizeof hello - 1 + len + 1;
  char *out = malloc(n);
  if (!out) abort();
  memcpy(out, hello, sizeof hello - 1);
  if (len) memcpy(out + sizeof hello - 1, name, len);
  out[n - 1] = '!';
  cabi_free(CABI_ADDR(name), len);
  return ret_slice(0, CABI_ADDR(out), (uint32_t)n);
}

/* Frees a returned string or plain list described at RET + 0. */
static void post_slice(uint8_t *ret) { cabi_free(get_u32(ret, 0), get_u32(ret, 4)); }

EXPORT(VALUES_POST("greet")) void values_greet_post(uint8_t *ret) { post_slice(ret); }

EXPORT(VALUES("reverse")) uint8_t *values_reverse(uint8_t *s, uint32_t len) {
  uint32_t out = reverse_scalars(s, len);
  cabi_free(CABI_ADDR(s), len);
  return ret_slice(0, out, len);
}

EXPORT(VALUES_POST("reverse")) void values_reverse_post(uint8_t *ret) { post_slice(ret); }

EXPORT(VALUES("sum")) uint64_t values_sum(uint32_t *xs, uint32_t len) {
  uint64_t s = 0;
  for (uint32_t i = 0; i < len; i++) s += xs[i];
  cabi_free(CABI_ADDR(xs), len);
  return s;
}

EXPORT(VALUES("double-all")) uint8_t *values_double_all(uint32_t *xs, uint32_t len) {
  /* the argument buffer is ours: reuse it for the result */
  for (uint32_t i = 0; i < len; i++) xs[i] *= 2;
  return ret_slice(0, len ? CABI_ADDR(xs) : 4, len);
}

EXPORT(VALUES_POST("double-all")) void values_double_all_post(uint8_t *ret) { post_slice(ret); }

EXPORT(VALUES("total-length")) uint32_t values_total_length(cabi_slice *xs, uint32_t len) {
  uint32_t total = 0;
  for (uint32_t i = 0; i < len; i++) {
    total += xs[i].len;
    cabi_free(xs[i].ptr, xs[i].len);
  }
  cabi_free(CABI_ADDR(xs), len);
  return total;
}

/* record person { name: string, age: u8, tags: list<string> }: 20 bytes, align 4 */
typedef struct {
  cabi_slice name;
  uint8_t age;
  cabi_slice tags;
} person;
_Static_assert(sizeof(person) == 20, "person layout");

static void free_strings(uint32_t ptr, uint32_t len) {
  cabi_slice *s = CABI_PTR(ptr);
  for (uint32_t i = 0; i < len; i++) cabi_free(s[i].ptr, s[i].len);
  cabi_free(ptr, len);
}

EXPORT(VALUES("older-than")) uint8_t *values_older_than(person *people, uint32_t len, uint32_t age) {
  /* the names of the older people are handed back as they are (no copy); the rest is freed */
  cabi_slice *names = len ? malloc(len * sizeof *names) : NULL;
  uint32_t n = 0;
  for (uint32_t i = 0; i < len; i++) {
    if (people[i].age > (uint8_t)age)
      names[n++] = people[i].name;
    else
      cabi_free(people[i].name.ptr, people[i].name.len);
    free_strings(people[i].tags.ptr, people[i].tags.len);
  }
  cabi_free(CABI_ADDR(people), len);
  if (n == 0) {
    free(names);
    return ret_slice(0, 4, 0);
  }
  return ret_slice(0, CABI_ADDR(names), n);
}

EXPORT(VALUES_POST("older-than")) void values_older_than_post(uint8_t *ret) {
  free_strings(get_u32(ret, 0), get_u32(ret, 4));
}

EXPORT(VALUES("translate")) uint8_t *values_translate(int32_t x, int32_t y, int32_t dx, int32_t dy) {
  put_u32(RET, 0, (uint32_t)x + (uint32_t)dx);
  put_u32(RET, 4, (uint32_t)y + (uint32_t)dy);
  return RET;
}

/* variant shape { circle(f32), rect(point), named(string), empty } flattens to
 * (discriminant, join(f32, s32, ptr) = i32, join(s32, len) = i32). */
EXPORT(VALUES("area")) double values_area(uint32_t tag, uint32_t a, uint32_t b) {
  switch (tag) {
  case 0: {
    float r32;
    memcpy(&r32, &a, 4);
    double r = r32;
    return 3.141592653589793 * r * r;
  }
  case 1: {
    int64_t p = (int64_t)(int32_t)a * (int64_t)(int32_t)b;
    return (double)(p < 0 ? -p : p);
  }
  case 2:
    cabi_free(a, b);
    return (double)b; /* the length in UTF-8 bytes */
  default:
    return 0.0;
  }
}

EXPORT(VALUES("next-color")) uint32_t values_next_color(uint32_t c) { return (c + 1) % 3; }

EXPORT(VALUES("invert")) uint32_t values_invert(uint32_t p) { return ~p & 0x7u; }

EXPORT(VALUES("invert-many")) uint32_t values_invert_many(uint32_t m) { return ~m & 0xFFFFFu; }

EXPORT(VALUES("find")) uint8_t *values_find(cabi_slice *xs, uint32_t len, char *needle, uint32_t nlen) {
  /* option<u32>: discriminant byte at 0, payload at 4 */
  RET[0] = 0;
  for (uint32_t i = 0; i < len; i++) {
    if (xs[i].len == nlen && (nlen == 0 || memcmp(CABI_PTR(xs[i].ptr), needle, nlen) == 0)) {
      RET[0] = 1;
      put_u32(RET, 4, i);
      break;
    }
  }
  free_strings(CABI_ADDR(xs), len);
  cabi_free(CABI_ADDR(needle), nlen);
  return RET;
}

/* option<option<u32>> flattens to (outer discriminant, inner discriminant, value). */
EXPORT(VALUES("depth")) uint32_t values_depth(uint32_t outer, uint32_t inner, uint32_t v) {
  if (!outer) return 0;
  if (!inner) return 1;
  return v + 2;
}

EXPORT(VALUES("divide")) uint8_t *values_divide(int32_t a, int32_t b) {
  /* result<s32, string>: discriminant byte at 0, payload at 4 */
  if (b == 0) {
    static const char msg[] = "division by zero";
    RET[0] = 1;
    return ret_slice(4, give_bytes(msg, sizeof msg - 1), sizeof msg - 1);
  }
  RET[0] = 0;
  /* INT32_MIN / -1 overflows in C; the wrapping result is INT32_MIN */
  int32_t q = (a == INT32_MIN && b == -1) ? INT32_MIN : a / b;
  put_u32(RET, 4, (uint32_t)q);
  return RET;
}

EXPORT(VALUES_POST("divide")) void values_divide_post(uint8_t *ret) {
  if (ret[0] == 1) cabi_free(get_u32(ret, 4), get_u32(ret, 8));
}

EXPORT(VALUES("log-all")) uint8_t *values_log_all(cabi_slice *msgs, uint32_t len) {
  for (uint32_t i = 0; i < len; i++) host_log(CABI_PTR(msgs[i].ptr), msgs[i].len);
  free_strings(CABI_ADDR(msgs), len);
  cabi_slice label;
  host_label(len, &label);
  /* the label string is already ours (allocated through cabi_realloc): hand it back as is */
  return ret_slice(0, label.len ? label.ptr : 1, label.len);
}

EXPORT(VALUES_POST("log-all")) void values_log_all_post(uint8_t *ret) { post_slice(ret); }
