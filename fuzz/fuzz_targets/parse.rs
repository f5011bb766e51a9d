//! The input parser never panics, whatever the text: it returns items within the stated limits
//! or an error whose display (Python's caret) can be drawn; what it returns prints as a list.
#![no_main]

use libfuzzer_sys::fuzz_target;
use map_playground::columns::PrintedList;
use map_playground::input::{parse, MAX_ITEMS};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match parse(text) {
        Ok(items) => {
            assert!(items.len() <= MAX_ITEMS);
            let mut printed = PrintedList::with_capacity(items.len());
            for item in &items {
                printed.push(|out| item.write_repr(out));
            }
            let printed = printed.finish();
            assert!(printed.is_well_formed());
            assert_eq!(PrintedList::from_utf16(printed.text.clone(), &printed.utf16_ends()).ends, printed.ends);
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
});
