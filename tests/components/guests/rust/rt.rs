// Shared canonical-ABI plumbing for the Rust guests (included with `#[path]` by full.rs and plugin.rs).
// Written by hand: no wit-bindgen. See tests/components/guests/README.md.
#![allow(dead_code)] // each guest uses a different subset
use std::alloc::{alloc, dealloc, realloc, Layout};

/// `cabi_realloc`: the host allocates argument strings/lists (and the strings our imports return)
/// through it; the preview1 adapter allocates its state through it as well.
#[no_mangle]
pub unsafe extern "C" fn cabi_realloc(old: *mut u8, old_size: usize, align: usize, new_size: usize) -> *mut u8 {
    if new_size == 0 {
        if old_size != 0 {
            dealloc(old, Layout::from_size_align_unchecked(old_size, align));
        }
        return align as *mut u8; // dangling but aligned, never dereferenced
    }
    let p = if old_size == 0 {
        alloc(Layout::from_size_align_unchecked(new_size, align))
    } else {
        realloc(old, Layout::from_size_align_unchecked(old_size, align), new_size)
    };
    if p.is_null() {
        std::process::abort();
    }
    p
}

/// Return area for results that flatten to more than one core value (largest: limits' tuple, 32 bytes).
#[repr(C, align(8))]
pub struct RetArea(pub [u8; 32]);
pub static mut RET: RetArea = RetArea([0; 32]);

pub unsafe fn ret_ptr() -> *mut u8 {
    RET.0.as_mut_ptr()
}
pub unsafe fn put_u32(base: *mut u8, off: usize, v: u32) {
    (base.add(off) as *mut u32).write(v)
}
pub unsafe fn get_u32(base: *const u8, off: usize) -> u32 {
    (base.add(off) as *const u32).read()
}

/// Takes ownership of an argument string the host allocated with cabi_realloc (align 1).
pub unsafe fn take_string(ptr: *mut u8, len: usize) -> String {
    if len == 0 {
        return String::new();
    }
    String::from_utf8_unchecked(Vec::from_raw_parts(ptr, len, len))
}

/// Takes ownership of an argument list of plain values.
pub unsafe fn take_list<T>(ptr: *mut T, len: usize) -> Vec<T> {
    if len == 0 {
        return Vec::new();
    }
    Vec::from_raw_parts(ptr, len, len)
}

/// Gives a string to the host: (ptr, len) of a boxed slice, freed again by `free_string` in cabi_post_*.
pub fn give_string(s: String) -> (u32, u32) {
    let b = s.into_bytes().into_boxed_slice();
    let len = b.len();
    let ptr = Box::into_raw(b) as *mut u8;
    (ptr as u32, len as u32)
}
pub unsafe fn free_string(ptr: u32, len: u32) {
    drop(Box::from_raw(std::slice::from_raw_parts_mut(ptr as *mut u8, len as usize)));
}

pub fn give_list<T>(v: Vec<T>) -> (u32, u32) {
    let b = v.into_boxed_slice();
    let len = b.len();
    let ptr = Box::into_raw(b) as *mut T;
    (ptr as u32, len as u32)
}
pub unsafe fn free_list<T>(ptr: u32, len: u32) {
    drop(Box::from_raw(std::slice::from_raw_parts_mut(ptr as *mut T, len as usize)));
}

/// Writes a string result (ptr, len) at the return area and returns its address.
pub unsafe fn ret_string(s: String) -> *mut u8 {
    let (p, l) = give_string(s);
    let r = ret_ptr();
    put_u32(r, 0, p);
    put_u32(r, 4, l);
    r
}

/// result<string, string> at the return area: discriminant byte at 0, string at 4.
pub unsafe fn ret_result_string(v: Result<String, String>) -> *mut u8 {
    let r = ret_ptr();
    let (tag, s) = match v {
        Ok(s) => (0u8, s),
        Err(s) => (1u8, s),
    };
    let (p, l) = give_string(s);
    *r = tag;
    put_u32(r, 4, p);
    put_u32(r, 8, l);
    r
}
