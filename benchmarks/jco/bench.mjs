// Times the generated-bindings scenarios (benchmarks/WitBindgen.Benchmarks/GeneratedBindingsBenchmarks.cs) through
// the JS bindings `jco transpile` emits for the same component. Usage: node bench.mjs <transpiled bench.js>
//
// Per scenario: a warm-up of at least WARMUP_MS, then a batch size calibrated so that one batch takes at least
// BATCH_MS, then SAMPLES batches, each timed with process.hrtime.bigint(); the figure printed is the median over the
// batches of (batch time / batch size), in ns per call. Every result is checked once before timing and folded into a
// sink during timing so that no call can be dropped.
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const WARMUP_MS = 500;
const BATCH_MS = 2;
const SAMPLES = 101;

const m = await import(pathToFileURL(path.resolve(process.argv[2])).href);
const host = await import(pathToFileURL(path.resolve(path.dirname(process.argv[2]), '../host.mjs')).href);

const text20 = 'x'.repeat(20);
const text100 = 'x'.repeat(100);
const text10k = 'x'.repeat(10 * 1024);
const values = Uint32Array.from({ length: 1000 }, (_, i) => i);
const bytes = Uint8Array.from({ length: 64 * 1024 }, (_, i) => i & 0xff);
const triple = { a: 1, b: -2, c: 3 };
const number = { tag: 'number', val: 42n };
const counter = new m.counters.Counter(0);

function check(name, ok) {
  if (!ok) throw new Error(`${name}: wrong result`);
}
check('add', m.add(1, 2) === 3);
check('echo', m.echo(text100) === text100 && m.echo(text10k) === text10k);
check('echo-utf16', m.echoUtf16(text100) === text100 && m.echoUtf16('héllo 😀') === 'héllo 😀');
{ const t = m.echoTriple(triple); check('echo-triple', t.a === 1 && t.b === -2 && t.c === 3); }
{ const r = m.echoMessage(number); check('echo-message', r.tag === 'number' && r.val === 42n); }
check('echo-option', m.echoOption(7) === 7 && m.echoOption(undefined) === undefined);
check('sum', m.sum(values) === 499500n);
{ const r = m.echoBytes(bytes); check('echo-bytes', r.length === bytes.length && r[65535] === 255); }
m.relay(text20); check('relay', host.logged === 20);
{ const c = new m.counters.Counter(5); check('counter', c.add(2) === 7); c[Symbol.dispose](); }

let sink = 0;
const scenarios = [
  ['add(u32, u32) -> u32', () => { sink += m.add(1, 2); }],
  ['record of three s32 in and out', () => { sink += m.echoTriple(triple).c; }],
  ['variant (number(u64))', () => { sink += m.echoMessage(number).tag.length; }],
  ['option<u32>', () => { sink += m.echoOption(7); }],
  ['string echo 20 B', () => { sink += m.echo(text20).length; }],
  ['string echo 100 B', () => { sink += m.echo(text100).length; }],
  ['string echo 10 KB', () => { sink += m.echo(text10k).length; }],
  ['string echo 100 B, UTF-16 guest', () => { sink += m.echoUtf16(text100).length; }],
  ['string echo 10 KB, UTF-16 guest', () => { sink += m.echoUtf16(text10k).length; }],
  ['sum(list<u32>) of 1,000', () => { sink += Number(m.sum(values)); }],
  ['list<u8> echo 64 KB', () => { sink += m.echoBytes(bytes).length; }],
  ['guest -> host import with a string (relay -> log)', () => { m.relay(text20); sink += host.logged; }],
  ['resource: construct, one method, drop', () => { const c = new m.counters.Counter(1); sink += c.add(2); c[Symbol.dispose](); }],
  ['resource: one method call', () => { sink += counter.add(1) & 1; }],
];

function batch(f, n) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) f();
  return Number(process.hrtime.bigint() - t0);
}

const only = process.env.BENCH_FILTER;
for (const [name, f] of scenarios) {
  if (only && !name.includes(only)) continue;
  const warmEnd = performance.now() + WARMUP_MS;
  while (performance.now() < warmEnd) batch(f, 64);
  let n = 1;
  while (batch(f, n) < BATCH_MS * 1e6) n *= 2;
  const perCall = [];
  for (let s = 0; s < SAMPLES; s++) perCall.push(batch(f, n) / n);
  perCall.sort((a, b) => a - b);
  const median = perCall[SAMPLES >> 1];
  const fmt = median >= 1e6 ? `${(median / 1e6).toFixed(2)} ms` : median >= 1e3 ? `${(median / 1e3).toFixed(2)} µs` : `${median.toFixed(1)} ns`;
  console.log(`${name.padEnd(52)} median ${fmt.padStart(10)}  (min ${(perCall[0]).toFixed(1)} ns, batch ${n})`);
}
if (sink === 0.5) console.log(sink);
