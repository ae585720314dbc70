//! Rust plugin for world `test:plugins/plugin-world@0.1.0` (tests/components/wit/plugin.wit):
//! name() = "rust-upper"; run(input) = ok(input with ASCII a-z uppercased) or err("empty input").
#[path = "rt.rs"]
mod rt;
use rt::*;

#[export_name = "test:plugins/plugin@0.1.0#name"]
pub unsafe extern "C" fn name() -> *mut u8 {
    ret_string("rust-upper".to_string())
}

#[export_name = "cabi_post_test:plugins/plugin@0.1.0#name"]
pub unsafe extern "C" fn name_post(r: *mut u8) {
    free_string(get_u32(r, 0), get_u32(r, 4));
}

#[export_name = "test:plugins/plugin@0.1.0#run"]
pub unsafe extern "C" fn run(ptr: *mut u8, len: usize) -> *mut u8 {
    let input = take_string(ptr, len);
    ret_result_string(if input.is_empty() {
        Err("empty input".to_string())
    } else {
        Ok(input.to_ascii_uppercase())
    })
}

#[export_name = "cabi_post_test:plugins/plugin@0.1.0#run"]
pub unsafe extern "C" fn run_post(r: *mut u8) {
    // both cases carry a string at offset 4
    free_string(get_u32(r, 4), get_u32(r, 8));
}
