//! Rust guest for world `test:compose/reporter@0.1.0` (tests/components/wit/compose.wit): imports
//! `store` and `counters` (the Go guest ../go/store exports them) and exports `report`, built on
//! them. Canonical-ABI core signatures written by hand, like full.rs.
#![allow(clippy::missing_safety_doc)]

#[path = "rt.rs"]
mod rt;
use rt::*;

/// A (ptr, len) pair as it sits in linear memory (strings, lists).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Slice {
    ptr: u32,
    len: u32,
}

/// record entry { key: string, value: u32 }: 12 bytes, align 4.
#[repr(C)]
pub struct Entry {
    key: Slice,
    value: u32,
}

// ---------------------------------------------------------------- imports: test:compose/store
#[link(wasm_import_module = "test:compose/store@0.1.0")]
extern "C" {
    #[link_name = "add"]
    fn store_add(a: u32, b: u32) -> u32;
    /// shout(text) -> string: the callee writes (ptr, len) at `ret`, the string allocated with our cabi_realloc.
    #[link_name = "shout"]
    fn store_shout(ptr: *const u8, len: usize, ret: *mut u8);
    #[link_name = "total"]
    fn store_total(ptr: *const u32, len: usize) -> u32;
    /// top(entries, n) -> list<string>: (ptr, len) at `ret`; the list and each string are ours to free.
    #[link_name = "top"]
    fn store_top(ptr: *const Entry, len: usize, n: u32, ret: *mut u8);
}

// ---------------------------------------------------------------- imports: test:compose/counters
#[link(wasm_import_module = "test:compose/counters@0.1.0")]
extern "C" {
    #[link_name = "[constructor]counter"]
    fn counter_new(start: u32) -> u32;
    #[link_name = "[method]counter.add"]
    fn counter_add(handle: u32, n: u32) -> u32;
    #[link_name = "[resource-drop]counter"]
    fn counter_drop(handle: u32);
}

#[repr(C, align(4))]
struct Slot([u32; 2]);

fn shout(text: &str) -> String {
    let mut slot = Slot([0; 2]);
    unsafe {
        store_shout(text.as_ptr(), text.len(), slot.0.as_mut_ptr() as *mut u8);
        take_string(slot.0[0] as *mut u8, slot.0[1] as usize)
    }
}

fn top(entries: &[(&str, u32)], n: u32) -> Vec<String> {
    let lowered: Vec<Entry> = entries
        .iter()
        .map(|(k, v)| Entry { key: Slice { ptr: k.as_ptr() as u32, len: k.len() as u32 }, value: *v })
        .collect();
    let mut slot = Slot([0; 2]);
    unsafe {
        store_top(lowered.as_ptr(), lowered.len(), n, slot.0.as_mut_ptr() as *mut u8);
        take_list(slot.0[0] as *mut Slice, slot.0[1] as usize)
            .into_iter()
            .map(|s| take_string(s.ptr as *mut u8, s.len as usize))
            .collect()
    }
}

/// An owned handle of the Go component's counter, dropped (the owner's destructor runs) with the value.
struct Counter(u32);

impl Counter {
    fn new(start: u32) -> Counter {
        Counter(unsafe { counter_new(start) })
    }
    fn add(&self, n: u32) -> u32 {
        unsafe { counter_add(self.0, n) }
    }
}

impl Drop for Counter {
    fn drop(&mut self) {
        unsafe { counter_drop(self.0) }
    }
}

// ---------------------------------------------------------------- exports: test:compose/report
#[export_name = "test:compose/report@0.1.0#describe"]
pub unsafe extern "C" fn describe(ptr: *mut u8, len: usize) -> *mut u8 {
    let text = take_string(ptr, len);
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let entries: Vec<(&str, u32)> = words.iter().map(|w| (*w, w.chars().count() as u32)).collect();
    let lengths: Vec<u32> = entries.iter().map(|e| e.1).collect();
    let letters = store_total(lengths.as_ptr(), lengths.len());
    let longest = top(&entries, 2).join(", ");
    ret_string(format!("{}: {} words, {} letters, longest: {}", shout(&text), words.len(), letters, longest))
}

#[export_name = "cabi_post_test:compose/report@0.1.0#describe"]
pub unsafe extern "C" fn describe_post(r: *mut u8) {
    free_string(get_u32(r, 0), get_u32(r, 4));
}

#[export_name = "test:compose/report@0.1.0#tally"]
pub unsafe extern "C" fn tally(start: u32, ptr: *mut u32, len: usize) -> *mut u8 {
    let steps = take_list(ptr, len);
    let counter = Counter::new(start);
    let totals: Vec<u32> = steps.iter().map(|&n| counter.add(n)).collect();
    drop(counter);
    let (p, l) = give_list(totals);
    let r = ret_ptr();
    put_u32(r, 0, p);
    put_u32(r, 4, l);
    r
}

#[export_name = "cabi_post_test:compose/report@0.1.0#tally"]
pub unsafe extern "C" fn tally_post(r: *mut u8) {
    free_list::<u32>(get_u32(r, 0), get_u32(r, 4));
}

#[export_name = "test:compose/report@0.1.0#add-loop"]
pub extern "C" fn add_loop(a: u32, b: u32, times: u32) -> u32 {
    let mut last = 0;
    for _ in 0..times {
        last = unsafe { store_add(a, b) };
    }
    last
}
