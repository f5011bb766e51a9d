//! Modules of Python's standard library that few programs import, written in Python
//! (`modules/*.py`) and fed after the prelude, as part of its snippet, only to a program that
//! names them: every program pays for parsing the prelude at its start, and these would add
//! to it for all for the sake of a few.

use std::borrow::Cow;

/// A module fed on demand: the name a program's text must hold for it, and its source, which
/// binds `__modules__[...]` as the prelude's modules are bound.
struct OnDemand {
    name: &'static str,
    /// Whether the name counts after a `.`: a module's member (`collections.OrderedDict`,
    /// which completes monty's `collections`) does, a module's name (`x.statistics()`) does not.
    member: bool,
    source: &'static str,
}

const fn module(name: &'static str, source: &'static str) -> OnDemand {
    OnDemand { name, member: false, source }
}

const ON_DEMAND: [OnDemand; 6] = [
    module("asyncio", include_str!("modules/asyncio.py")),
    module("dataclasses", include_str!("modules/dataclasses.py")),
    OnDemand { name: "OrderedDict", member: true, source: include_str!("modules/ordered_dict.py") },
    module("statistics", include_str!("modules/statistics.py")),
    module("string", include_str!("modules/string.py")),
    module("timeit", include_str!("modules/timeit.py")),
];

/// The prelude with the modules `code` may import appended: those whose name `code` holds as
/// a word (`import statistics`, `from statistics import mean`, `import time, statistics`). A
/// word in a comment or a string feeds a module no import asks for, which costs its parse.
pub(super) fn prelude_for<'p>(prelude: &'p str, code: &str) -> Cow<'p, str> {
    let mut fed = Cow::Borrowed(prelude);
    for OnDemand { name, member, source } in ON_DEMAND {
        if holds_word(code, name, member) {
            let text = fed.to_mut();
            text.push('\n');
            text.push_str(source);
        }
    }
    fed
}

/// Whether `word` occurs in `code` with no identifier character on either side, nor a `.`
/// (before it, unless `after_dot`).
fn holds_word(code: &str, word: &str, after_dot: bool) -> bool {
    let part_of_name = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    code.match_indices(word).any(|(at, _)| {
        !code[..at].chars().next_back().is_some_and(|c| part_of_name(c) && !(after_dot && c == '.'))
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
                ON_DEMAND.iter().find(|module| module.name == "statistics").map(|module| module.source);
            assert!(prelude_for("P", code).ends_with(statistics.unwrap()), "{code}");
        }
    }

    #[test]
    fn a_member_is_fed_where_a_program_reads_it_from_its_module_too() {
        let ordered =
            ON_DEMAND.iter().find(|module| module.name == "OrderedDict").map(|module| module.source);
        for code in
            ["from collections import OrderedDict\n", "import collections\nc = collections.OrderedDict()\n"]
        {
            assert!(prelude_for("P", code).ends_with(ordered.unwrap()), "{code}");
        }
        assert_eq!(prelude_for("P", "MyOrderedDict = 1\n"), "P");
    }

    #[test]
    fn a_name_that_only_holds_the_word_feeds_nothing() {
        for code in ["import statisticsx\n", "my_statistics = 1\n", "x.statistics()\n", "print(1)\n"] {
            assert_eq!(prelude_for("P", code), "P", "{code}");
        }
    }
}
