//! Modules of Python's standard library that few programs import, written in Python
//! (`modules/*.py`) and fed after the prelude, as part of its snippet, only to a program that
//! names them: every program pays for parsing the prelude at its start, and these would add
//! to it for all for the sake of a few.

use std::borrow::Cow;

/// Each module's name (or the name a program must hold for it: `OrderedDict`, which completes
/// monty's `collections`) and its source; a source binds `__modules__[name]`, as the prelude's
/// modules are bound.
const ON_DEMAND: [(&str, &str); 5] = [
    ("dataclasses", include_str!("modules/dataclasses.py")),
    ("OrderedDict", include_str!("modules/ordered_dict.py")),
    ("statistics", include_str!("modules/statistics.py")),
    ("string", include_str!("modules/string.py")),
    ("timeit", include_str!("modules/timeit.py")),
];

/// The prelude with the modules `code` may import appended: those whose name `code` holds as
/// a word (`import statistics`, `from statistics import mean`, `import time, statistics`). A
/// word in a comment or a string feeds a module no import asks for, which costs its parse.
pub(super) fn prelude_for<'p>(prelude: &'p str, code: &str) -> Cow<'p, str> {
    let mut fed = Cow::Borrowed(prelude);
    for (name, source) in ON_DEMAND {
        if holds_word(code, name) {
            let text = fed.to_mut();
            text.push('\n');
            text.push_str(source);
        }
    }
    fed
}

/// Whether `word` occurs in `code` with no identifier character, or a `.`, on either side.
fn holds_word(code: &str, word: &str) -> bool {
    let part_of_name = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    code.match_indices(word).any(|(at, _)| {
        !code[..at].chars().next_back().is_some_and(part_of_name)
            && !code[at + word.len()..].chars().next().is_some_and(part_of_name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_is_fed_to_a_program_that_names_it() {
        for code in [
            "import statistics\n",
            "from statistics import mean, stdev\n",
            "import time, statistics as st\n",
            "print(1)\nimport statistics",
        ] {
            let statistics =
                ON_DEMAND.iter().find(|(name, _)| *name == "statistics").map(|(_, source)| *source);
            assert!(prelude_for("P", code).ends_with(statistics.unwrap()), "{code}");
        }
    }

    #[test]
    fn a_name_that_only_holds_the_word_feeds_nothing() {
        for code in ["import statisticsx\n", "my_statistics = 1\n", "x.statistics()\n", "print(1)\n"] {
            assert_eq!(prelude_for("P", code), "P", "{code}");
        }
    }
}
