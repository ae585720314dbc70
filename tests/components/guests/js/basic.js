// Guest for world test:guests/basic (tests/components/wit/guests.wit) in JavaScript, built with
// componentize-js (StarlingMonkey) by build.sh. Value mapping (jco's JS conventions): u32/s32/f32/f64
// are numbers, s64/u64 BigInts, char a one-code-point string, tuple an array, record an object
// with camelCase fields, variant { tag, val }, enum a string, flags an object of booleans,
// option<T> T | undefined (the inner level of a nested option as { tag: "some"|"none", val }),
// result: the return value is ok, a thrown value is err.
import { log, label } from "test:guests/host@0.1.0";

// none: undefined/null; some: either the value itself or a { tag: "some", val } object
function optionValue(o) {
  if (o === undefined || o === null) return { some: false };
  if (typeof o === "object" && "tag" in o) return o.tag === "some" ? { some: true, val: o.val } : { some: false };
  return { some: true, val: o };
}

// length of s in UTF-8 bytes
function utf8Length(s) {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

export const values = {
  add(a, b) {
    return (a + b) >>> 0;
  },
  limits() {
    return [-128, 255, -32768, 65535, -2147483648, 4294967295, -(2n ** 63n), 2n ** 64n - 1n];
  },
  negate(x) {
    return BigInt.asIntN(64, -BigInt(x));
  },
  scale(x, by) {
    return x * by; // both are already f64 numbers; the f32 arrives exactly widened
  },
  nextChar(c) {
    const cp = c.codePointAt(0);
    const next = cp === 0x10ffff ? 0 : cp === 0xd7ff ? 0xe000 : cp + 1;
    return String.fromCodePoint(next);
  },
  greet(name) {
    return `Hello, ${name}!`;
  },
  reverse(s) {
    return Array.from(s).reverse().join("");
  },
  sum(xs) {
    let s = 0n;
    for (const x of xs) s += BigInt(x);
    return s;
  },
  doubleAll(xs) {
    return Uint32Array.from(xs, (x) => (x * 2) >>> 0);
  },
  totalLength(xs) {
    let n = 0;
    for (const x of xs) n += x.length;
    return n >>> 0;
  },
  olderThan(people, age) {
    return people.filter((p) => p.age > age).map((p) => p.name);
  },
  translate(p, dx, dy) {
    return { x: (p.x + dx) | 0, y: (p.y + dy) | 0 };
  },
  area(s) {
    switch (s.tag) {
      case "circle":
        return 3.141592653589793 * (s.val * s.val);
      case "rect":
        return Math.abs(s.val.x * s.val.y); // exact product, rounded once to f64
      case "named":
        return utf8Length(s.val);
      case "empty":
        return 0;
    }
    throw new Error(`unknown shape ${s.tag}`);
  },
  nextColor(c) {
    return { red: "green", green: "blue", blue: "red" }[c];
  },
  invert(p) {
    return { read: !p.read, write: !p.write, exec: !p.exec };
  },
  invertMany(m) {
    const out = {};
    for (let i = 0; i < 20; i++) out[`m${i}`] = !m[`m${i}`];
    return out;
  },
  find(xs, needle) {
    const i = xs.indexOf(needle);
    return i < 0 ? undefined : i;
  },
  depth(x) {
    const outer = optionValue(x);
    if (!outer.some) return 0;
    const inner = optionValue(outer.val);
    if (!inner.some) return 1;
    return (inner.val + 2) >>> 0;
  },
  divide(a, b) {
    if (b === 0) throw "division by zero";
    return (a / b) | 0; // truncates; i32.min / -1 wraps to i32.min
  },
  logAll(messages) {
    for (const m of messages) log(m);
    return label(messages.length);
  },
};
