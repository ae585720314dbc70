/* C plugin for world test:plugins/plugin-world@0.1.0 (tests/components/wit/plugin.wit):
 * name() = "c-reverse"; run(input) = ok(input with its Unicode scalar values in reverse order)
 * or err("empty input"). */
#include "cabi.h"

EXPORT("test:plugins/plugin@0.1.0#name") uint8_t *plugin_name(void) {
  static const char name[] = "c-reverse";
  return ret_slice(0, give_bytes(name, sizeof name - 1), sizeof name - 1);
}

EXPORT("cabi_post_test:plugins/plugin@0.1.0#name") void plugin_name_post(uint8_t *ret) {
  cabi_free(get_u32(ret, 0), get_u32(ret, 4));
}

EXPORT("test:plugins/plugin@0.1.0#run") uint8_t *plugin_run(uint8_t *input, uint32_t len) {
  /* result<string, string>: discriminant byte at 0, string at 4 in both cases */
  if (len == 0) {
    static const char msg[] = "empty input";
    RET[0] = 1;
    return ret_slice(4, give_bytes(msg, sizeof msg - 1), sizeof msg - 1);
  }
  uint32_t out = reverse_scalars(input, len);
  cabi_free(CABI_ADDR(input), len);
  RET[0] = 0;
  return ret_slice(4, out, len);
}

EXPORT("cabi_post_test:plugins/plugin@0.1.0#run") void plugin_run_post(uint8_t *ret) {
  cabi_free(get_u32(ret, 4), get_u32(ret, 8));
}
