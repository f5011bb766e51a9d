//! The input parser never panics, whatever the text: it returns items within the stated limits
//! or an error whose display (Python's caret) can be drawn.
#![no_main]

use libfuzzer_sys::fuzz_target;
use map_playground::input::{parse, MAX_ITEMS};
use map_playground::value::print_list;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match parse(text) {
        Ok(items) => {
            assert!(items.len() <= MAX_ITEMS);
            let reprs: Vec<String> = items.iter().map(|v| v.repr()).collect();
            let _ = print_list(reprs.iter().map(String::as_str));
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
});
