//! A parse frees everything it allocates, the grammar included: chumsky's
//! forward-declared recursive rules own themselves unless built as
//! `parser::ctx::Forward`s, and then every parse (each REPL input, each
//! `apy check` block) leaked about 11 KB, as the fuzzer's leak checker
//! found. Its own test binary: the allocation counter is process-wide.

#[test]
fn parsing_leaks_nothing() {
    let source = "async def f(x):\n    match x:\n        case [1, *rest] if rest:\n            return await g(lambda y: y or x, *[i async for i in rest])\n";
    let _ = apy::parser::parse_module(source);
    let before = apy::alloc::used();
    for _ in 0..200 {
        let _ = apy::parser::parse_module(source);
        let _ = apy::parser::parse_module("x = (1 +\n");
    }
    let leaked = apy::alloc::used() - before;
    assert!(leaked < 2000, "200 parses kept {leaked} bytes");
}
