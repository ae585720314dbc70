// Plugin "js-count" for world test:plugins/plugin-world (tests/components/wit/plugin.wit),
// built with componentize-js by build.sh.
export const plugin = {
  name() {
    return "js-count";
  },
  // ok("<n> chars") with n the number of Unicode scalar values, or err("empty input")
  run(input) {
    if (input.length === 0) throw "empty input";
    let n = 0;
    for (const _ of input) n++;
    return `${n} chars`;
  },
};
