// WASI probe fixture (Rust, std of rustc 1.63 for wasm32-wasi).
// Scenario = argv[1]; the output is byte-identical with the Go and C versions
// (see tests/components/README.md). Built by tests/components/build-wasi.sh.

use std::env;
use std::fs;
use std::io::{self, Read, Write};
use std::process;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

// rustc 1.63's std has no public API for the WASI random source or clock resolution,
// so these two preview1 functions are imported directly.
#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn random_get(buf: *mut u8, len: usize) -> u16;
    fn clock_res_get(clock_id: u32, resolution: *mut u64) -> u16;
}

// Heap placement (why this program defines sbrk). Rust's allocator on wasm32-wasi is wasi-libc's
// malloc. The preview1 command adapter obtains its stack and state pages with memory.grow (this
// module has no cabi_realloc export) when the component's run export is entered, i.e. before
// _start. Debian's wasi-libc (linked by lld-14, which defines no __heap_end) takes
// [__heap_base, sbrk(0)) as malloc's first region, and libc's sbrk(0) is the current end of
// memory, which by then includes the adapter's pages: a big enough heap overwrites them
// ("assertion failed at adapter line ..."). This sbrk, which the linker picks instead of libc's,
// reports the end of the module's own initial memory as the first break, so malloc never claims
// pages somebody else grew; later growth is plain memory.grow (malloc copes with a
// non-contiguous break).
mod heap {
    use core::arch::wasm32::{memory_grow, memory_size};
    use core::sync::atomic::{AtomicBool, Ordering};

    const PAGE: usize = 65536;
    static GROWN: AtomicBool = AtomicBool::new(false);

    extern "C" {
        static __heap_base: u8;
    }

    #[no_mangle]
    pub unsafe extern "C" fn sbrk(increment: isize) -> *mut u8 {
        if increment == 0 {
            if !GROWN.load(Ordering::Relaxed) {
                // lld sizes the initial memory to __heap_base rounded up to a page
                let base = &__heap_base as *const u8 as usize;
                return ((base + PAGE - 1) & !(PAGE - 1)) as *mut u8;
            }
            return (memory_size(0) * PAGE) as *mut u8;
        }
        if increment < 0 || increment as usize % PAGE != 0 {
            core::arch::wasm32::unreachable(); // malloc only asks for whole pages
        }
        let old = memory_grow(0, increment as usize / PAGE);
        if old == usize::MAX {
            return usize::MAX as *mut u8; // (void*)-1; malloc treats it as out of memory
        }
        GROWN.store(true, Ordering::Relaxed);
        (old * PAGE) as *mut u8
    }
}

const LANG: &str = "rust";
const CLOCK_MONOTONIC: u32 = 1;

fn fail(what: &str, err: impl std::fmt::Display) -> ! {
    eprintln!("error: {}: {}", what, err);
    process::exit(1);
}

fn out(line: &str) {
    let mut so = io::stdout().lock();
    if let Err(e) = so.write_all(line.as_bytes()).and_then(|_| so.write_all(b"\n")) {
        fail("write stdout", e);
    }
}

fn main() {
    let args: Vec<String> = env::args().collect();
    let scenario = match args.get(1) {
        Some(s) => s.as_str(),
        None => {
            eprintln!("usage: wasi-probe <hello|args|env|stdin|files|clock|random|exit|escape> [args...]");
            process::exit(2);
        }
    };
    match scenario {
        "hello" => hello(),
        "args" => print_args(&args),
        "env" => print_env(),
        "stdin" => stdin_upper(),
        "files" => files(),
        "clock" => clock(),
        "random" => random(),
        "exit" => {
            out("exiting");
            let _ = io::stdout().flush();
            process::exit(3);
        }
        "escape" => escape(),
        other => {
            eprintln!("unknown scenario: {}", other);
            process::exit(2);
        }
    }
    let _ = io::stdout().flush();
}

fn hello() {
    out(&format!("hello from {}", LANG));
    eprintln!("warning from {}", LANG);
}

fn print_args(args: &[String]) {
    for (i, a) in args.iter().enumerate().skip(1) {
        out(&format!("arg {}={}", i, a));
    }
}

fn print_env() {
    let mut vars: Vec<(String, String)> = env::vars().collect();
    // String's Ord compares bytes, i.e. ordinal order.
    vars.sort_by(|a, b| a.0.cmp(&b.0));
    for (k, v) in vars {
        out(&format!("env {}={}", k, v));
    }
}

fn upper(bytes: &mut [u8]) {
    bytes.make_ascii_uppercase();
}

fn stdin_upper() {
    let mut buf = Vec::new();
    if let Err(e) = io::stdin().read_to_end(&mut buf) {
        fail("read stdin", e);
    }
    upper(&mut buf);
    let mut so = io::stdout().lock();
    if let Err(e) = so.write_all(&buf).and_then(|_| so.flush()) {
        fail("write stdout", e);
    }
}

fn files() {
    let mut data = fs::read("/data/input.txt").unwrap_or_else(|e| fail("read /data/input.txt", e));
    upper(&mut data);
    fs::write("/data/output.txt", &data).unwrap_or_else(|e| fail("write /data/output.txt", e));
    fs::create_dir("/data/made").unwrap_or_else(|e| fail("mkdir /data/made", e));
    let mut names: Vec<Vec<u8>> = Vec::new();
    for entry in fs::read_dir("/data").unwrap_or_else(|e| fail("readdir /data", e)) {
        let entry = entry.unwrap_or_else(|e| fail("readdir /data", e));
        let name = entry.file_name().to_string_lossy().into_owned().into_bytes();
        if name != b"." && name != b".." {
            names.push(name);
        }
    }
    names.sort();
    for n in names {
        out(&format!("entry {}", String::from_utf8_lossy(&n)));
    }
    let size = fs::metadata("/data/output.txt").unwrap_or_else(|e| fail("stat /data/output.txt", e)).len();
    out(&format!("size {}", size));
}

fn clock() {
    let wall = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_else(|e| fail("wall clock before epoch", e));
    out(&format!("wall {}", wall.as_secs()));
    let a = Instant::now();
    let b = Instant::now();
    if b >= a {
        out("mono-ok");
    }
    let mut res: u64 = 0;
    let errno = unsafe { clock_res_get(CLOCK_MONOTONIC, &mut res) };
    if errno == 0 && res > 0 {
        out("resolution-ok");
    }
}

fn random() {
    let mut buf = [0u8; 16];
    let errno = unsafe { random_get(buf.as_mut_ptr(), buf.len()) };
    if errno != 0 {
        fail("random_get", format!("errno {}", errno));
    }
    let hex: String = buf.iter().map(|b| format!("{:02x}", b)).collect();
    out(&format!("random {}", hex));
}

fn escape() {
    for path in ["/data/../secret.txt", "/etc/passwd", "/data/link-out/secret.txt"] {
        let ok = fs::File::open(path).is_ok();
        out(&format!("escape {} {}", path, if ok { "ok" } else { "denied" }));
    }
    let path = "/data/../new.txt";
    let ok = fs::OpenOptions::new().write(true).create(true).open(path).is_ok();
    out(&format!("escape {} {}", path, if ok { "ok" } else { "denied" }));
}
