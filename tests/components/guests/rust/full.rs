//! Rust guest for world `test:guests/full@0.1.0` (tests/components/wit/guests.wit):
//! imports `host`, exports `values` and `counters`. Canonical-ABI core signatures written by hand.
//! Core names: exports "<iface>#<func>" (+ "cabi_post_<iface>#<func>" where memory is returned),
//! imports from module "<iface>" field "<func>"; resource intrinsics from "[export]<iface>".
#![allow(clippy::missing_safety_doc)]

#[path = "rt.rs"]
mod rt;
use rt::*;

// ---------------------------------------------------------------- imports: test:guests/host
#[link(wasm_import_module = "test:guests/host@0.1.0")]
extern "C" {
    #[link_name = "log"]
    fn host_log(ptr: *const u8, len: usize);
    /// label(id) -> string: one flat result too many, so the caller passes a pointer where the host
    /// stores (ptr, len); the string is allocated with our cabi_realloc and is ours to free.
    #[link_name = "label"]
    fn host_label(id: u32, ret: *mut u8);
}

fn log(s: &str) {
    unsafe { host_log(s.as_ptr(), s.len()) }
}

fn label(id: u32) -> String {
    #[repr(C, align(4))]
    struct Slot([u32; 2]);
    let mut slot = Slot([0; 2]);
    unsafe {
        host_label(id, slot.0.as_mut_ptr() as *mut u8);
        take_string(slot.0[0] as *mut u8, slot.0[1] as usize)
    }
}

// ---------------------------------------------------------------- exports: test:guests/values
macro_rules! values {
    ($f:literal) => {
        concat!("test:guests/values@0.1.0#", $f)
    };
}
macro_rules! values_post {
    ($f:literal) => {
        concat!("cabi_post_test:guests/values@0.1.0#", $f)
    };
}

#[export_name = values!("add")]
pub extern "C" fn add(a: u32, b: u32) -> u32 {
    a.wrapping_add(b)
}

#[export_name = values!("limits")]
pub unsafe extern "C" fn limits() -> *mut u8 {
    // tuple<s8, u8, s16, u16, s32, u32, s64, u64>: offsets 0, 1, 2, 4, 8, 12, 16, 24
    let r = ret_ptr();
    (r as *mut i8).write(i8::MIN);
    r.add(1).write(u8::MAX);
    (r.add(2) as *mut i16).write(i16::MIN);
    (r.add(4) as *mut u16).write(u16::MAX);
    (r.add(8) as *mut i32).write(i32::MIN);
    (r.add(12) as *mut u32).write(u32::MAX);
    (r.add(16) as *mut i64).write(i64::MIN);
    (r.add(24) as *mut u64).write(u64::MAX);
    r
}

#[export_name = values!("negate")]
pub extern "C" fn negate(x: i64) -> i64 {
    x.wrapping_neg()
}

#[export_name = values!("scale")]
pub extern "C" fn scale(x: f64, by: f32) -> f64 {
    x * by as f64
}

#[export_name = values!("next-char")]
pub extern "C" fn next_char(c: u32) -> u32 {
    match c {
        0xD7FF => 0xE000,
        0x10FFFF => 0,
        _ => c + 1,
    }
}

#[export_name = values!("greet")]
pub unsafe extern "C" fn greet(ptr: *mut u8, len: usize) -> *mut u8 {
    let name = take_string(ptr, len);
    ret_string(format!("Hello, {}!", name))
}

#[export_name = values_post!("greet")]
pub unsafe extern "C" fn greet_post(r: *mut u8) {
    free_string(get_u32(r, 0), get_u32(r, 4));
}

#[export_name = values!("reverse")]
pub unsafe extern "C" fn reverse(ptr: *mut u8, len: usize) -> *mut u8 {
    let s = take_string(ptr, len);
    ret_string(s.chars().rev().collect())
}

#[export_name = values_post!("reverse")]
pub unsafe extern "C" fn reverse_post(r: *mut u8) {
    free_string(get_u32(r, 0), get_u32(r, 4));
}

#[export_name = values!("sum")]
pub unsafe extern "C" fn sum(ptr: *mut u32, len: usize) -> u64 {
    take_list(ptr, len).iter().map(|&x| x as u64).sum()
}

#[export_name = values!("double-all")]
pub unsafe extern "C" fn double_all(ptr: *mut u32, len: usize) -> *mut u8 {
    let out: Vec<u32> = take_list(ptr, len).iter().map(|x| x.wrapping_mul(2)).collect();
    let (p, l) = give_list(out);
    let r = ret_ptr();
    put_u32(r, 0, p);
    put_u32(r, 4, l);
    r
}

#[export_name = values_post!("double-all")]
pub unsafe extern "C" fn double_all_post(r: *mut u8) {
    free_list::<u32>(get_u32(r, 0), get_u32(r, 4));
}

/// A (ptr, len) pair as it sits in linear memory (strings, lists).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Slice {
    ptr: u32,
    len: u32,
}

#[export_name = values!("total-length")]
pub unsafe extern "C" fn total_length(ptr: *mut Slice, len: usize) -> u32 {
    let mut total = 0u32;
    for inner in take_list(ptr, len) {
        total = total.wrapping_add(inner.len);
        drop(take_list(inner.ptr as *mut u8, inner.len as usize));
    }
    total
}

/// record person { name: string, age: u8, tags: list<string> }: 20 bytes, align 4.
#[repr(C)]
pub struct Person {
    name: Slice,
    age: u8,
    tags: Slice,
}

#[export_name = values!("older-than")]
pub unsafe extern "C" fn older_than(ptr: *mut Person, len: usize, age: u32) -> *mut u8 {
    let age = age as u8;
    let mut names: Vec<Slice> = Vec::new();
    for p in take_list(ptr, len) {
        let name = take_string(p.name.ptr as *mut u8, p.name.len as usize);
        for t in take_list(p.tags.ptr as *mut Slice, p.tags.len as usize) {
            drop(take_string(t.ptr as *mut u8, t.len as usize));
        }
        if p.age > age {
            let (sp, sl) = give_string(name);
            names.push(Slice { ptr: sp, len: sl });
        }
    }
    let (p, l) = give_list(names);
    let r = ret_ptr();
    put_u32(r, 0, p);
    put_u32(r, 4, l);
    r
}

#[export_name = values_post!("older-than")]
pub unsafe extern "C" fn older_than_post(r: *mut u8) {
    let (p, l) = (get_u32(r, 0), get_u32(r, 4));
    for s in std::slice::from_raw_parts(p as *const Slice, l as usize) {
        free_string(s.ptr, s.len);
    }
    free_list::<Slice>(p, l);
}

#[export_name = values!("translate")]
pub unsafe extern "C" fn translate(x: i32, y: i32, dx: i32, dy: i32) -> *mut u8 {
    let r = ret_ptr();
    put_u32(r, 0, x.wrapping_add(dx) as u32);
    put_u32(r, 4, y.wrapping_add(dy) as u32);
    r
}

/// variant shape { circle(f32), rect(point), named(string), empty } flattens to
/// (discriminant, join(f32, s32, ptr) = i32, join(s32, len) = i32).
#[export_name = values!("area")]
pub unsafe extern "C" fn area(tag: u32, a: u32, b: u32) -> f64 {
    match tag {
        0 => {
            let r = f32::from_bits(a) as f64;
            3.141592653589793 * r * r
        }
        1 => ((a as i32 as i64) * (b as i32 as i64)).abs() as f64,
        2 => take_string(a as *mut u8, b as usize).len() as f64,
        _ => 0.0,
    }
}

#[export_name = values!("next-color")]
pub extern "C" fn next_color(c: u32) -> u32 {
    (c + 1) % 3
}

#[export_name = values!("invert")]
pub extern "C" fn invert(p: u32) -> u32 {
    !p & 0b111
}

#[export_name = values!("invert-many")]
pub extern "C" fn invert_many(m: u32) -> u32 {
    !m & 0xF_FFFF
}

#[export_name = values!("find")]
pub unsafe extern "C" fn find(ptr: *mut Slice, len: usize, nptr: *mut u8, nlen: usize) -> *mut u8 {
    let needle = take_string(nptr, nlen);
    let mut found: Option<u32> = None;
    for (i, s) in take_list(ptr, len).into_iter().enumerate() {
        let s = take_string(s.ptr as *mut u8, s.len as usize);
        if found.is_none() && s == needle {
            found = Some(i as u32);
        }
    }
    // option<u32>: discriminant byte at 0, payload at 4
    let r = ret_ptr();
    match found {
        None => *r = 0,
        Some(i) => {
            *r = 1;
            put_u32(r, 4, i);
        }
    }
    r
}

/// option<option<u32>> flattens to (outer discriminant, inner discriminant, value).
#[export_name = values!("depth")]
pub extern "C" fn depth(outer: u32, inner: u32, v: u32) -> u32 {
    match (outer, inner) {
        (0, _) => 0,
        (_, 0) => 1,
        _ => v.wrapping_add(2),
    }
}

#[export_name = values!("divide")]
pub unsafe extern "C" fn divide(a: i32, b: i32) -> *mut u8 {
    // result<s32, string>: discriminant byte at 0, payload at 4
    let r = ret_ptr();
    if b == 0 {
        let (p, l) = give_string("division by zero".to_string());
        *r = 1;
        put_u32(r, 4, p);
        put_u32(r, 8, l);
    } else {
        *r = 0;
        put_u32(r, 4, a.wrapping_div(b) as u32);
    }
    r
}

#[export_name = values_post!("divide")]
pub unsafe extern "C" fn divide_post(r: *mut u8) {
    if *r == 1 {
        free_string(get_u32(r, 4), get_u32(r, 8));
    }
}

#[export_name = values!("log-all")]
pub unsafe extern "C" fn log_all(ptr: *mut Slice, len: usize) -> *mut u8 {
    let msgs = take_list(ptr, len);
    for m in &msgs {
        let s = take_string(m.ptr as *mut u8, m.len as usize);
        log(&s);
    }
    ret_string(label(msgs.len() as u32))
}

#[export_name = values_post!("log-all")]
pub unsafe extern "C" fn log_all_post(r: *mut u8) {
    free_string(get_u32(r, 0), get_u32(r, 4));
}

// ---------------------------------------------------------------- exports: test:guests/counters
// The rep of a counter is the address of a boxed Counter. Methods receive borrow<counter> of our own
// resource as the rep itself; own<counter> arguments arrive as handles (resolved with resource-rep).
#[link(wasm_import_module = "[export]test:guests/counters@0.1.0")]
extern "C" {
    #[link_name = "[resource-new]counter"]
    fn counter_new(rep: u32) -> u32;
    #[link_name = "[resource-rep]counter"]
    fn counter_rep(handle: u32) -> u32;
    #[link_name = "[resource-drop]counter"]
    fn counter_drop(handle: u32);
}

macro_rules! counters {
    ($f:literal) => {
        concat!("test:guests/counters@0.1.0#", $f)
    };
}

pub struct Counter {
    value: u32,
}

static mut DROPPED: u32 = 0;

unsafe fn counter(rep: u32) -> &'static mut Counter {
    &mut *(rep as *mut Counter)
}

unsafe fn new_counter(start: u32) -> u32 {
    let rep = Box::into_raw(Box::new(Counter { value: start })) as u32;
    counter_new(rep)
}

#[export_name = counters!("[constructor]counter")]
pub unsafe extern "C" fn counter_constructor(start: u32) -> u32 {
    new_counter(start)
}

#[export_name = counters!("[method]counter.increment")]
pub unsafe extern "C" fn counter_increment(rep: u32, by: u32) {
    let c = counter(rep);
    c.value = c.value.wrapping_add(by);
}

#[export_name = counters!("[method]counter.get")]
pub unsafe extern "C" fn counter_get(rep: u32) -> u32 {
    counter(rep).value
}

#[export_name = counters!("[method]counter.merge")]
pub unsafe extern "C" fn counter_merge(rep: u32, other: u32) {
    let v = counter(counter_rep(other)).value;
    counter_drop(other); // runs our destructor below
    let c = counter(rep);
    c.value = c.value.wrapping_add(v);
}

#[export_name = counters!("[static]counter.zero")]
pub unsafe extern "C" fn counter_zero() -> u32 {
    new_counter(0)
}

#[export_name = counters!("[dtor]counter")]
pub unsafe extern "C" fn counter_dtor(rep: u32) {
    drop(Box::from_raw(rep as *mut Counter));
    DROPPED = DROPPED.wrapping_add(1);
}

#[export_name = counters!("peek")]
pub unsafe extern "C" fn peek(rep: u32) -> u32 {
    counter(rep).value
}

#[export_name = counters!("dropped")]
pub unsafe extern "C" fn dropped() -> u32 {
    DROPPED
}
