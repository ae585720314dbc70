// The world's `log: func(message: string)` import for the transpiled bench component: keeps the length of the
// last message so the string is used (as the .NET benchmarks' host does).
export let logged = 0;

export function log(message) {
  logged = message.length;
}

export default log;
