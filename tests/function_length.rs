//! No function body is over [`MAX_FN_LINES`] lines: past it, a function
//! does several things, each of which deserves a name. Functions are found
//! in the code of every source file of the workspace's crates (comments and
//! literals stripped, [`code_only`]) by the keyword `fn`; a body is
//! measured from the line of its opening brace to the line of the brace
//! that closes it.

use std::path::Path;

use super::architecture::{code_only, rust_files};

/// The longest a function's body may be, brace to brace, in lines.
const MAX_FN_LINES: usize = 150;

/// Each function of `code` (as [`code_only`] gives it) with a body: its
/// name, the line its `fn` is on (1-based) and how many lines its body
/// spans, opening and closing brace included. Declarations without a body (`fn f();` in a
/// trait) and function types (`fn(u8) -> u8`) are not functions here.
fn functions(code: &str) -> Vec<(String, usize, usize)> {
    let c: Vec<char> = code.chars().collect();
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    let line_at = |i: usize| c[..i].iter().filter(|&&ch| ch == '\n').count() + 1;
    let mut out = Vec::new();
    let mut i = 0;
    while i + 2 < c.len() {
        let keyword = c[i] == 'f'
            && c[i + 1] == 'n'
            && (i == 0 || !ident(c[i - 1]))
            && c[i + 2].is_whitespace();
        if !keyword {
            i += 1;
            continue;
        }
        let mut j = i + 2;
        while j < c.len() && c[j].is_whitespace() {
            j += 1;
        }
        let name: String = c[j..].iter().take_while(|&&ch| ident(ch)).collect();
        if name.is_empty() {
            i += 2;
            continue;
        }
        // The body opens at the first `{` outside parentheses and angle
        // brackets (a `where` clause holds none); a `;` first means none.
        let mut depth = 0i32;
        let mut open = None;
        while j < c.len() {
            match c[j] {
                '(' | '[' => depth += 1,
                ')' | ']' => depth -= 1,
                '{' if depth == 0 => {
                    open = Some(j);
                    break;
                }
                ';' if depth == 0 => break,
                _ => {}
            }
            j += 1;
        }
        let Some(open) = open else {
            i = j;
            continue;
        };
        let mut braces = 0;
        let mut close = open;
        for (k, &ch) in c.iter().enumerate().skip(open) {
            match ch {
                '{' => braces += 1,
                '}' => braces -= 1,
                _ => continue,
            }
            if braces == 0 {
                close = k;
                break;
            }
        }
        out.push((name, line_at(i), line_at(close) - line_at(open) + 1));
        // Functions nested in this one are measured too.
        i = open + 1;
    }
    out
}

#[test]
fn functions_are_found_and_measured_to_their_closing_brace() {
    let code = "\
pub(crate) fn short(a: u8) -> u8 {
    let f: fn(u8) -> u8 = |x| x;
    f(a)
}
trait T {
    fn declared(&self);
    fn provided(&self) -> [u8; 2] where Self: Sized {
        fn inner() {}
        let s = \"fn fake() {\n}\n\";
        [0; 2]
    }
}
fn generic<F: Fn(u8) -> u8>(f: F) -> impl Fn() {
    move || {
        f(1);
    }
}
fn long_signature(
    a: u8,
) -> u8 {
    a
}
";
    let found: Vec<(String, usize, usize)> = functions(&code_only(code));
    let expect = [
        ("short", 1, 4),
        // The string's line breaks count: the code keeps its lines.
        ("provided", 7, 7),
        ("inner", 8, 1),
        ("generic", 15, 5),
        // The signature is not the body.
        ("long_signature", 20, 3),
    ];
    let expect: Vec<(String, usize, usize)> = expect
        .iter()
        .map(|&(n, l, s)| (n.to_string(), l, s))
        .collect();
    assert_eq!(found, expect);
}

#[test]
fn no_function_is_over_150_lines() {
    let mut long = Vec::new();
    let mut seen = 0;
    for dir in ["src", "cli/src", "testkit/src"] {
        let mut files = Vec::new();
        rust_files(&Path::new(crate::ROOT).join(dir), &mut files);
        for f in files {
            let rel = f.strip_prefix(crate::ROOT).expect("under the root");
            let rel = rel.to_string_lossy().replace('\\', "/");
            let code = code_only(&std::fs::read_to_string(&f).expect("source file"));
            for (name, line, lines) in functions(&code) {
                seen += 1;
                if lines > MAX_FN_LINES {
                    long.push(format!("{rel}:{line} fn {name}: {lines} lines"));
                }
            }
        }
    }
    assert!(seen > 1000, "only {seen} functions found");
    assert!(
        long.is_empty(),
        "functions over {MAX_FN_LINES} lines (split them into named steps):\n{}",
        long.join("\n")
    );
}
