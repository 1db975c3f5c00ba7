//! Procedural macros behind `shaped`'s `U![n]`.
//!
//! typenum's own bridge `typenum::U<N>` only covers `0..=1024` and a few special numbers, while
//! a sequence can be 16 000 steps long. This crate turns any decimal (or `_`-separated, hex,
//! octal, binary) integer literal into typenum's binary representation
//! `UInt<UInt<UTerm, B1>, B0>` directly, so every `usize` is writable as a type.
//!
//! Use it through `shaped::U!` (or `shaped_shapes::U!`), which supplies the path of typenum.
#![cfg_attr(docsrs, feature(doc_cfg))]
// Pedantic lints (off by default; `cargo clippy -- -W clippy::pedantic` counts them) allowed
// on purpose, each for its reason:
#![allow(
    // The generated code is built with `s += &format!(..)`; `write!` would need an ignored
    // `fmt::Result` at each site.
    clippy::format_push_string,
    // Token matching reads better as `match` with a fallback arm.
    clippy::single_match_else,
    clippy::manual_let_else,
    clippy::needless_pass_by_value,
)]
#![forbid(unsafe_code)]

use proc_macro::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

mod model;

/// Expands `__model!(path_to_shaped_layers; <declaration>)`: the engine of `shaped::model!`
/// (see that macro for the syntax).
#[proc_macro]
pub fn __model(input: TokenStream) -> TokenStream {
    model::expand(input)
}

/// Expands `__typenum_number!(path_to_typenum; 12345)` to the typenum type for 12345.
///
/// The first tokens up to `;` are the path under which typenum is reachable (the public macro
/// passes `$crate::typenum`); the rest is one unsigned integer literal (suffixes such as `usize`
/// are accepted). Anything else is a compile error that says what was expected.
#[proc_macro]
pub fn __typenum_number(input: TokenStream) -> TokenStream {
    let mut path = Vec::new();
    let mut iter = input.into_iter();
    for tt in iter.by_ref() {
        if let TokenTree::Punct(p) = &tt {
            if p.as_char() == ';' {
                break;
            }
        }
        path.push(tt);
    }
    let rest: Vec<TokenTree> = iter.collect();
    let path: TokenStream = path.into_iter().collect();
    let (lit, span) = match unwrap_literal(&rest) {
        Some(x) => x,
        None => {
            let span = rest.first().map_or_else(Span::call_site, TokenTree::span);
            return error("U![..] expects one unsigned integer literal, such as U![16000]", span, &path);
        }
    };
    let value = match parse_unsigned(&lit) {
        Some(v) => v,
        None => {
            return error(
                &format!("U![..] expects an unsigned integer literal that fits in u64, found `{lit}`"),
                span,
                &path,
            )
        }
    };
    build(value, &path, span)
}

/// Accept a literal possibly wrapped in invisible groups (from `$n:literal` / `$n:expr`).
fn unwrap_literal(tokens: &[TokenTree]) -> Option<(String, Span)> {
    match tokens {
        [TokenTree::Literal(l)] => Some((l.to_string(), l.span())),
        [TokenTree::Group(g)] if g.delimiter() == Delimiter::None => {
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            unwrap_literal(&inner)
        }
        _ => None,
    }
}

fn parse_unsigned(lit: &str) -> Option<u64> {
    let mut s: String = lit.chars().filter(|c| *c != '_').collect();
    for suffix in ["usize", "u64", "u32", "u16", "u8"] {
        if let Some(stripped) = s.strip_suffix(suffix) {
            s = stripped.to_string();
            break;
        }
    }
    let (digits, radix) = if let Some(h) = s.strip_prefix("0x") {
        (h, 16)
    } else if let Some(o) = s.strip_prefix("0o") {
        (o, 8)
    } else if let Some(b) = s.strip_prefix("0b") {
        (b, 2)
    } else {
        (s.as_str(), 10)
    };
    u64::from_str_radix(digits, radix).ok()
}

fn path_to(path: &TokenStream, name: &str, span: Span) -> TokenStream {
    let mut ts = path.clone();
    ts.extend([
        TokenTree::Punct(Punct::new(':', Spacing::Joint)),
        TokenTree::Punct(Punct::new(':', Spacing::Alone)),
        TokenTree::Ident(Ident::new(name, span)),
    ]);
    ts
}

/// typenum: `UTerm` is 0; `UInt<U, B>` is `2*U + B`, most significant bit outermost-inner.
fn build(value: u64, path: &TokenStream, span: Span) -> TokenStream {
    if value == 0 {
        return path_to(path, "UTerm", span);
    }
    let bit = if value & 1 == 1 { "B1" } else { "B0" };
    let mut args = build(value >> 1, path, span);
    args.extend([TokenTree::Punct(Punct::new(',', Spacing::Alone))]);
    args.extend(path_to(path, bit, span));
    let mut ts = path_to(path, "UInt", span);
    ts.extend([TokenTree::Punct(Punct::new('<', Spacing::Alone))]);
    ts.extend(args);
    ts.extend([TokenTree::Punct(Punct::new('>', Spacing::Alone))]);
    ts
}

/// `typenum::U<{ compile_error!(msg) }>`: the error is reported once, and the type it stands
/// for is an error type, so the bounds that use it report nothing more.
fn error(msg: &str, span: Span, path: &TokenStream) -> TokenStream {
    let mut lit = Literal::string(msg);
    lit.set_span(span);
    let mut bang = Punct::new('!', Spacing::Alone);
    bang.set_span(span);
    let mut body = Group::new(Delimiter::Parenthesis, TokenTree::Literal(lit).into());
    body.set_span(span);
    let call = [
        TokenTree::Punct(Punct::new(':', Spacing::Joint)),
        TokenTree::Punct(Punct::new(':', Spacing::Alone)),
        TokenTree::Ident(Ident::new("core", span)),
        TokenTree::Punct(Punct::new(':', Spacing::Joint)),
        TokenTree::Punct(Punct::new(':', Spacing::Alone)),
        TokenTree::Ident(Ident::new("compile_error", span)),
        TokenTree::Punct(bang),
        TokenTree::Group(body),
    ]
    .into_iter()
    .collect::<TokenStream>();
    let mut ts = path_to(path, "U", span);
    ts.extend([TokenTree::Punct(Punct::new('<', Spacing::Alone))]);
    ts.extend([TokenTree::Group(Group::new(Delimiter::Brace, call))]);
    ts.extend([TokenTree::Punct(Punct::new('>', Spacing::Alone))]);
    ts
}
