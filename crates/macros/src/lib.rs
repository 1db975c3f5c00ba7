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
    let (path, rest) = split_path(input);
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

/// Expands `__dropout_literal!(path_to_shaped_layers; 0.25)` to a `Dropout` of that rate, or to a
/// compile error when the literal is not a rate in `[0, 1)`: the check of `dropout!`, made while
/// the macro expands so that `cargo check` and the editor report it.
#[proc_macro]
pub fn __dropout_literal(input: TokenStream) -> TokenStream {
    let (path, rest) = split_path(input);
    let span = rest.first().map_or_else(Span::call_site, TokenTree::span);
    let (negative, tokens) = match unwrap_group(&rest).as_slice() {
        [TokenTree::Punct(p), tail @ ..] if p.as_char() == '-' => (true, tail.to_vec()),
        all => (false, all.to_vec()),
    };
    let rate = match unwrap_literal(&tokens) {
        Some((lit, _)) => parse_float(&lit).map(|v| if negative { -v } else { v }),
        None => {
            return expr_error(
                "dropout!(..) takes a literal rate, such as dropout!(0.25); a rate known only at run time goes through `Dropout::new(rate)?`, which returns a Result",
                span,
            )
        }
    };
    match rate {
        Some(rate) if (0.0..1.0).contains(&rate) => {
            let mut ts = path_to(&path, "Dropout", span);
            ts.extend([
                TokenTree::Punct(Punct::new(':', Spacing::Joint)),
                TokenTree::Punct(Punct::new(':', Spacing::Alone)),
                TokenTree::Ident(Ident::new("__checked_rate", span)),
            ]);
            let lit = Literal::f64_suffixed(rate);
            ts.extend([TokenTree::Group(Group::new(Delimiter::Parenthesis, TokenTree::Literal(lit).into()))]);
            ts
        }
        Some(rate) => expr_error(
            &format!("Dropout rate must be in [0, 1), got {rate}: Keras raises ValueError \"Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate={rate}\""),
            span,
        ),
        None => expr_error("dropout!(..) takes a number, such as dropout!(0.25)", span),
    }
}

/// The tokens inside invisible groups (from `$x:expr`).
fn unwrap_group(tokens: &[TokenTree]) -> Vec<TokenTree> {
    match tokens {
        [TokenTree::Group(g)] if g.delimiter() == Delimiter::None => {
            unwrap_group(&g.stream().into_iter().collect::<Vec<_>>())
        }
        other => other.to_vec(),
    }
}

/// A decimal float or integer literal (`0.25`, `1`, `5e-1`, `0.5f64`).
fn parse_float(lit: &str) -> Option<f64> {
    let mut s: String = lit.chars().filter(|c| *c != '_').collect();
    for suffix in ["f64", "f32"] {
        if let Some(stripped) = s.strip_suffix(suffix) {
            s = stripped.to_string();
            break;
        }
    }
    s.parse::<f64>().ok()
}

/// `::core::compile_error!(msg)` in expression position, at `span`.
fn expr_error(msg: &str, span: Span) -> TokenStream {
    let mut lit = Literal::string(msg);
    lit.set_span(span);
    let mut bang = Punct::new('!', Spacing::Alone);
    bang.set_span(span);
    let mut body = Group::new(Delimiter::Parenthesis, TokenTree::Literal(lit).into());
    body.set_span(span);
    let colon = |c: char, sp: Spacing| {
        let mut p = Punct::new(c, sp);
        p.set_span(span);
        TokenTree::Punct(p)
    };
    [
        colon(':', Spacing::Joint),
        colon(':', Spacing::Alone),
        TokenTree::Ident(Ident::new("core", span)),
        colon(':', Spacing::Joint),
        colon(':', Spacing::Alone),
        TokenTree::Ident(Ident::new("compile_error", span)),
        TokenTree::Punct(bang),
        TokenTree::Group(body),
    ]
    .into_iter()
    .collect()
}

/// `path; rest`: the path the public macro passes (up to the first `;`) and the tokens after it.
fn split_path(input: TokenStream) -> (TokenStream, Vec<TokenTree>) {
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
    (path.into_iter().collect(), iter.collect())
}

/// Accept a literal possibly wrapped in invisible groups (from `$n:literal` / `$n:expr`).
fn unwrap_literal(tokens: &[TokenTree]) -> Option<(String, Span)> {
    match unwrap_group(tokens).as_slice() {
        [TokenTree::Literal(l)] => Some((l.to_string(), l.span())),
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
