//! `model!`: a typed model declared once, in Keras's functional order.
//!
//! ```text
//! model! {
//!     /// docs
//!     pub struct Name(x: InputType) -> OutputType {
//!         let y = LayerType(x);                          // a layer on one input
//!         let z = Dense<..>(y).activation(..) as "dense_7";  // builder calls, an explicit Keras name
//!         let s = Add(y, z);                             // a merge on several inputs
//!         s                                              // the output
//!     }
//! }
//! ```
//!
//! The expansion is plain Rust: a struct with one public field per layer (named as Keras
//! names the layer: `conv1d`, `conv1d_1`, ...), node output types as aliases, a `Layer` impl
//! whose `forward_with` is one `let` per node (each intermediate given back to the workspace
//! after its last use), `new(seed)`, `summary()`, `param_count()` and weight loading and saving
//! by Keras name. Each node's code carries the span of its declaration, so a shape error is
//! reported at the line that declares the layer.

use proc_macro::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

/// One layer of the model.
struct Node {
    /// Keras's layer name (`conv1d_3`), also the struct field.
    name: String,
    /// The layer's type, as written.
    ty: TokenStream,
    /// Builder calls applied to the default layer (`.activation(..)`).
    chain: TokenStream,
    /// Producers of its inputs: `None` is the model input, `Some(i)` node `i`.
    inputs: Vec<Option<usize>>,
    /// Where it is declared.
    span: Span,
}

struct Model {
    attrs: TokenStream,
    vis: TokenStream,
    name: Ident,
    input_ty: TokenStream,
    /// The output type (`-> Tensor<..>`), so that no layer's output needs a type alias: deep
    /// graphs stay cheap to check, and a mistake is reported at its layer.
    output_ty: TokenStream,
    nodes: Vec<Node>,
    output: usize,
}

type Res<T> = Result<T, (String, Span)>;

pub fn expand(input: TokenStream) -> TokenStream {
    let mut iter = input.into_iter().peekable();
    // `$crate path ;`
    let mut krate = Vec::new();
    for tt in iter.by_ref() {
        if matches!(&tt, TokenTree::Punct(p) if p.as_char() == ';') {
            break;
        }
        krate.push(tt);
    }
    let mut rest: Vec<TokenTree> = iter.collect();
    // `train = path ;`: also generate the training impls (`shaped_train::model!` passes it).
    let mut train = Vec::new();
    if rest.len() > 2 && is_ident(&rest[0], "train") && is_punct(&rest[1], '=') {
        let end = rest.iter().position(|t| is_punct(t, ';')).unwrap_or(rest.len());
        train = rest[2..end].to_vec();
        rest.drain(..(end + 1).min(rest.len()));
    }
    let krate_tokens = krate;
    let generated = parse(rest).and_then(|m| {
        let mut ts = generate(&m, KRATE)?;
        if !train.is_empty() {
            ts.extend(generate_train(&m));
        }
        Ok(ts)
    });
    match generated.map(|ts| replace_ident(substitute(ts, &krate_tokens), TRAIN, &train)) {
        Ok(ts) => ts,
        Err((msg, span)) => compile_error(&msg, span),
    }
}

/// The statements every generated body starts with: the aliases the per-node checks use.
fn check_preamble(m: &Model) -> String {
    let k = KRATE;
    format!(
        "#[allow(unused_imports)] use {k}::__private::{{output_of as __shaped_output_of, refs as __shaped_refs}}; let p_in = ::core::marker::PhantomData::<__{}_input>;",
        m.name
    )
}

/// Node `i`'s check, `let p{i} = output_of(layer, its inputs' phantoms)`: the same tokens at
/// the node's span in every generated body (summary, forward, training), so that a layer that
/// does not fit its inputs gives the same diagnostic in each, which rustc prints once. Each body
/// then calls the layer itself at the same span, where the same unmet bound is not reported again.
fn check_node(m: &Model, i: usize) -> String {
    format!("let p{i} = __shaped_output_of(&self.{}, {});", field_name(m, i), phantom_inputs(m, i))
}

/// The phantom of node `i`'s input, from its producers' `p{j}` (or `p_in`, the model input):
/// one phantom, or the tuple of references a merge takes.
fn phantom_inputs(m: &Model, i: usize) -> String {
    let ph = |p: Option<usize>| p.map_or("p_in".to_string(), |j| format!("p{j}"));
    let inputs = &m.nodes[i].inputs;
    if inputs.len() == 1 {
        ph(inputs[0])
    } else {
        let parts: Vec<String> = inputs.iter().map(|&p| ph(p)).collect();
        format!("__shaped_refs(({},))", parts.join(", "))
    }
}

/// Stands for the path of `shaped-train` in generated code.
const TRAIN: &str = "__shaped_train_path";

/// The model's field name of node `i`.
fn field_name(m: &Model, i: usize) -> String {
    let n: String =
        m.nodes[i].name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    if n.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{n}")
    } else {
        n
    }
}

/// `Trainable` and `Backward` for the model: the training-mode forward pass keeps every
/// layer's tape and output; the backward pass runs the layers in reverse declaration order,
/// adding the gradients of a value that feeds several layers.
fn generate_train(m: &Model) -> TokenStream {
    let name = m.name.to_string();
    let name_span = m.name.span();
    let k = KRATE;
    let t = TRAIN;
    let elem = format!("<__{name}_input as {k}::merge::MergeInput>::E");
    let out_alias = format!("__{name}_{}", m.output);
    let n = m.nodes.len();
    let f = |i: usize| field_name(m, i);
    let var = |p: Option<usize>| p.map_or("x".to_string(), |j| format!("n{j}"));
    let arg = |i: usize| {
        let inputs = &m.nodes[i].inputs;
        if inputs.len() == 1 {
            format!("&{}", var(inputs[0]))
        } else {
            let parts: Vec<String> = inputs.iter().map(|&p| format!("&{}", var(p))).collect();
            format!("&({},)", parts.join(", "))
        }
    };
    // Each node's statements carry its declaration's span and start with its check (see
    // `check_node`), as in the forward pass: a layer that does not fit is one diagnostic.
    let node = |i: usize, code: &str| spanned(code, m.nodes[i].span);
    let glue = |code: &str| spanned(code, name_span);
    let aliases = format!("use {t}::Backward as __ShapedBackward; type __ShapedE = {elem};");
    let mut len = String::new();
    let mut visit = String::new();
    let mut update = String::new();
    for i in 0..n {
        len.push_str(&format!(" + {t}::Trainable::<{elem}>::trainable_len(&self.{})", f(i)));
        visit.push_str(&format!("{t}::Trainable::<{elem}>::visit_trainable(&self.{}, f);", f(i)));
        update.push_str(&format!("{t}::Trainable::<{elem}>::update_trainable(&mut self.{}, f);", f(i)));
    }
    let mut fwd =
        glue(&format!("{} {aliases} let mut tape = {t}::__private::GraphTape::new();", check_preamble(m)));
    for i in 0..n {
        fwd.extend(node(
            i,
            &format!(
                "{} let (n{i}, t{i}) = __ShapedBackward::<__ShapedE, _>::forward_train(&mut self.{}, {}, ctx); tape.keep(t{i});",
                check_node(m, i),
                f(i),
                arg(i)
            ),
        ));
    }
    let mut tail = String::new();
    for i in (0..n).filter(|&i| i != m.output) {
        tail.push_str(&format!("tape.keep(n{i});"));
    }
    tail.push_str(&format!("(n{}, tape)", m.output));
    fwd.extend(glue(&tail));

    let mut bwd = glue(&format!(
        "{} {aliases} use {t}::__private::tape_of as __shaped_tape_of; let e = ::core::marker::PhantomData::<__ShapedE>; let mut tape = tape;",
        check_preamble(m)
    ));
    for i in 0..n {
        bwd.extend(node(i, &check_node(m, i)));
    }
    let mut mid = String::new();
    for i in (0..n).rev().filter(|&i| i != m.output) {
        mid.push_str(&format!("let n{i} = tape.take_as(p{i});"));
    }
    bwd.extend(glue(&mid));
    for i in (0..n).rev() {
        bwd.extend(node(
            i,
            &format!(
                "let t{i} = tape.take_as(__shaped_tape_of(&self.{}, {}, e));",
                f(i),
                phantom_inputs(m, i)
            ),
        ));
    }
    let mut mid = "let rest = grads;".to_string();
    for i in 0..n {
        mid.push_str(&format!(
            "let (g{i}, rest) = rest.split_at_mut({t}::Trainable::<__ShapedE>::trainable_len(&self.{}));",
            f(i)
        ));
    }
    mid.push_str(&format!("let _ = rest; let mut dx = {t}::__private::none_like(x);"));
    for i in 0..n {
        if i == m.output {
            mid.push_str(&format!("let mut d{i} = Some(dy);"));
        } else {
            mid.push_str(&format!("let mut d{i} = {t}::__private::none_like(&n{i});"));
        }
    }
    bwd.extend(glue(&mid));
    let slot = |p: Option<usize>| p.map_or("dx".to_string(), |j| format!("d{j}"));
    for i in (0..n).rev() {
        let out = if i == m.output { "y".to_string() } else { format!("&n{i}") };
        let mut stmt = format!(
            "let g = __ShapedBackward::<__ShapedE, _>::backward(&self.{}, {}, {out}, t{i}, {t}::__private::expect_grad(d{i}.take()), g{i}, ctx);",
            f(i),
            arg(i)
        );
        let inputs = &m.nodes[i].inputs;
        if inputs.len() == 1 {
            stmt.push_str(&format!("{t}::__private::accumulate(&mut {}, g, ctx);", slot(inputs[0])));
        } else {
            let names: Vec<String> = (0..inputs.len()).map(|j| format!("a{j}")).collect();
            stmt.push_str(&format!("let ({},) = g;", names.join(", ")));
            for (j, &p) in inputs.iter().enumerate() {
                stmt.push_str(&format!("{t}::__private::accumulate(&mut {}, a{j}, ctx);", slot(p)));
            }
        }
        bwd.extend(node(i, &stmt));
    }
    let mut tail = String::new();
    for i in (0..n).filter(|&i| i != m.output) {
        tail.push_str(&format!("ctx.workspace().give(n{i});"));
    }
    tail.push_str(&format!("{t}::__private::expect_grad(dx)"));
    bwd.extend(glue(&tail));

    let code = format!(
        "impl {t}::Trainable<{elem}> for {name} {{
            fn trainable_len(&self) -> usize {{ 0 {len} }}
            fn visit_trainable(&self, f: &mut dyn FnMut(&str, &[{elem}])) {{ {visit} }}
            fn update_trainable(&mut self, f: &mut dyn FnMut(&str, &mut [{elem}])) {{ {update} }}
        }}

        impl {t}::Backward<{elem}, __{name}_input> for {name} {{
            type Tape = {t}::__private::GraphTape;
            type InputGrad = __{name}_input;
            #[allow(unused_variables)]
            fn forward_train(&mut self, x: &__{name}_input, ctx: &mut {t}::TrainContext) -> ({out_alias}, Self::Tape) {{
                __shaped_train_forward
            }}
            #[allow(unused_variables, clippy::let_unit_value)]
            fn backward(&self, x: &__{name}_input, y: &{out_alias}, tape: Self::Tape, dy: {out_alias}, grads: &mut [{elem}], ctx: &mut {t}::TrainContext) -> __{name}_input {{
                __shaped_train_backward
            }}
        }}"
    );
    let fwd: Vec<TokenTree> = fwd.into_iter().collect();
    let bwd: Vec<TokenTree> = bwd.into_iter().collect();
    let ts = replace_ident(spanned(&code, name_span), "__shaped_train_forward", &fwd);
    replace_ident(ts, "__shaped_train_backward", &bwd)
}

fn compile_error(msg: &str, span: Span) -> TokenStream {
    let mut lit = Literal::string(msg);
    lit.set_span(span);
    let body: TokenStream = [TokenTree::Literal(lit)].into_iter().collect();
    let mut group = Group::new(Delimiter::Parenthesis, body);
    group.set_span(span);
    let mut bang = Punct::new('!', Spacing::Alone);
    bang.set_span(span);
    let mut semi = Punct::new(';', Spacing::Alone);
    semi.set_span(span);
    [
        TokenTree::Ident(Ident::new("compile_error", span)),
        TokenTree::Punct(bang),
        TokenTree::Group(group),
        TokenTree::Punct(semi),
    ]
    .into_iter()
    .collect()
}

fn is_punct(tt: &TokenTree, c: char) -> bool {
    matches!(tt, TokenTree::Punct(p) if p.as_char() == c)
}

fn is_ident(tt: &TokenTree, s: &str) -> bool {
    matches!(tt, TokenTree::Ident(i) if i.to_string() == s)
}

fn parse(tokens: Vec<TokenTree>) -> Res<Model> {
    let mut i = 0;
    let mut attrs = Vec::new();
    while i + 1 < tokens.len() && is_punct(&tokens[i], '#') {
        attrs.push(tokens[i].clone());
        attrs.push(tokens[i + 1].clone());
        i += 2;
    }
    let mut vis = Vec::new();
    if i < tokens.len() && is_ident(&tokens[i], "pub") {
        vis.push(tokens[i].clone());
        i += 1;
        if let Some(TokenTree::Group(g)) = tokens.get(i) {
            if g.delimiter() == Delimiter::Parenthesis {
                vis.push(tokens[i].clone());
                i += 1;
            }
        }
    }
    let here = |i: usize| tokens.get(i).map_or_else(Span::call_site, TokenTree::span);
    if !tokens.get(i).is_some_and(|t| is_ident(t, "struct")) {
        return Err(("model! expects `struct Name(input: InputType) { ... }`".into(), here(i)));
    }
    let name = match tokens.get(i + 1) {
        Some(TokenTree::Ident(id)) => id.clone(),
        _ => return Err(("model! expects the model's name after `struct`".into(), here(i + 1))),
    };
    let (input_name, input_ty) = match tokens.get(i + 2) {
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => {
            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
            match (inner.first(), inner.get(1)) {
                (Some(TokenTree::Ident(id)), Some(colon)) if is_punct(colon, ':') && inner.len() > 2 => {
                    (id.to_string(), inner[2..].iter().cloned().collect::<TokenStream>())
                }
                _ => {
                    return Err((
                        "the model's input is written `(x: Tensor<f32, shape![Dyn, 150, 1]>)`".into(),
                        g.span(),
                    ))
                }
            }
        }
        _ => {
            return Err((
                "model! expects the input in parentheses after the name: `struct Name(x: InputType)`".into(),
                here(i + 2),
            ))
        }
    };
    let j = i + 3;
    if !(tokens.get(j).is_some_and(|t| is_punct(t, '-'))
        && tokens.get(j + 1).is_some_and(|t| is_punct(t, '>')))
    {
        return Err((
            "model! expects the output type after the input, as Keras's Model(inputs, outputs) names both: `struct Name(x: InputType) -> OutputType { ... }`".into(),
            here(j),
        ));
    }
    let start = j + 2;
    let end = (start..tokens.len())
        .find(|&k| matches!(&tokens[k], TokenTree::Group(g) if g.delimiter() == Delimiter::Brace))
        .unwrap_or(tokens.len());
    let output_ty: TokenStream = tokens[start..end].iter().cloned().collect();
    let j = end;
    let body = match tokens.get(j) {
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => g.clone(),
        _ => return Err(("model! expects the layers in braces after the input".into(), here(j))),
    };
    let (nodes, output) = parse_body(&input_name, body)?;
    Ok(Model {
        attrs: attrs.into_iter().collect(),
        vis: vis.into_iter().collect(),
        name,
        input_ty,
        output_ty,
        nodes,
        output,
    })
}

/// Keras's `to_snake_case` of a class name: `GlobalAveragePooling1D` -> `global_average_pooling1d`.
fn snake(class: &str) -> String {
    let c: Vec<char> = class.chars().collect();
    // (.)([A-Z][a-z]+) -> \1_\2
    let mut first = String::new();
    for (k, &ch) in c.iter().enumerate() {
        if k > 0 && ch.is_ascii_uppercase() && c.get(k + 1).is_some_and(char::is_ascii_lowercase) {
            first.push('_');
        }
        first.push(ch);
    }
    // ([a-z])([A-Z]) -> \1_\2
    let f: Vec<char> = first.chars().collect();
    let mut out = String::new();
    for (k, &ch) in f.iter().enumerate() {
        if k > 0 && ch.is_ascii_uppercase() && f[k - 1].is_ascii_lowercase() {
            out.push('_');
        }
        out.push(ch);
    }
    out.to_lowercase().replace("__", "_")
}

fn parse_body(input_name: &str, body: Group) -> Res<(Vec<Node>, usize)> {
    let tokens: Vec<TokenTree> = body.stream().into_iter().collect();
    let mut statements: Vec<Vec<TokenTree>> = vec![Vec::new()];
    for tt in tokens {
        if is_punct(&tt, ';') {
            statements.push(Vec::new());
        } else {
            if let Some(s) = statements.last_mut() {
                s.push(tt);
            }
        }
    }
    let output_stmt = statements.pop().unwrap_or_default();
    let mut env: Vec<(String, Option<usize>)> = vec![(input_name.to_string(), None)];
    let mut counters: Vec<(String, usize)> = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    let mut nodes = Vec::new();
    let lookup = |env: &[(String, Option<usize>)], id: &Ident| -> Res<Option<usize>> {
        env.iter().rev().find(|(n, _)| *n == id.to_string()).map(|(_, p)| *p).ok_or_else(|| {
            let known: Vec<&str> = env.iter().map(|(n, _)| n.as_str()).collect();
            (
                format!("`{id}` is not defined before this layer (defined so far: {})", known.join(", ")),
                id.span(),
            )
        })
    };
    for st in statements {
        if st.is_empty() {
            continue;
        }
        let span = st[0].span();
        if !is_ident(&st[0], "let") || st.len() < 4 || !is_punct(&st[2], '=') {
            return Err(("each layer is declared `let name = LayerType(inputs);`".into(), span));
        }
        let bind = match &st[1] {
            TokenTree::Ident(id) => id.to_string(),
            other => return Err(("expected a name after `let`".into(), other.span())),
        };
        let rest = &st[3..];
        // The type ends at the first parenthesised group outside angle brackets.
        let mut depth = 0i32;
        let mut k = 0;
        let args = loop {
            match rest.get(k) {
                None => {
                    return Err(("expected the layer's inputs in parentheses: `LayerType(x)`".into(), span))
                }
                Some(TokenTree::Punct(p)) if p.as_char() == '<' => depth += 1,
                Some(TokenTree::Punct(p)) if p.as_char() == '>' => depth -= 1,
                Some(TokenTree::Group(g))
                    if depth == 0 && g.delimiter() == Delimiter::Parenthesis && k > 0 =>
                {
                    break g.clone()
                }
                _ => {}
            }
            k += 1;
        };
        let mut ty: TokenStream = rest[..k].iter().cloned().collect();
        // `Add` alone is the merge layer, whatever is in scope: the prelude leaves it out so that
        // it does not shadow `std::ops::Add`.
        if let [TokenTree::Ident(id)] = &rest[..k] {
            if id.to_string() == "Add" {
                ty = spanned(&format!("{KRATE}::merge::Add"), id.span());
            }
        }
        let class = rest[..k]
            .iter()
            .take_while(|t| !is_punct(t, '<'))
            .filter_map(|t| if let TokenTree::Ident(i) = t { Some(i.to_string()) } else { None })
            .last()
            .unwrap_or_default();
        let mut after = &rest[k + 1..];
        let mut explicit = None;
        if after.len() >= 2 && is_ident(&after[after.len() - 2], "as") {
            match &after[after.len() - 1] {
                TokenTree::Literal(l) => {
                    let s = l.to_string();
                    explicit = Some(s.trim_matches('"').to_string());
                }
                other => {
                    return Err(("`as` is followed by the Keras layer name in quotes".into(), other.span()))
                }
            }
            after = &after[..after.len() - 2];
        }
        let chain: TokenStream = after.iter().cloned().collect();
        let mut inputs = Vec::new();
        for a in args.stream() {
            match a {
                TokenTree::Ident(id) => inputs.push(lookup(&env, &id)?),
                TokenTree::Punct(p) if p.as_char() == ',' => {}
                other => {
                    return Err((
                        "a layer's inputs are names of earlier layers' outputs, separated by commas".into(),
                        other.span(),
                    ))
                }
            }
        }
        if inputs.is_empty() {
            return Err(("a layer needs at least one input".into(), args.span()));
        }
        let name = match explicit {
            Some(n) => n,
            None => {
                let base = snake(&class);
                let count = match counters.iter_mut().find(|(b, _)| *b == base) {
                    Some((_, c)) => {
                        *c += 1;
                        *c
                    }
                    None => {
                        counters.push((base.clone(), 0));
                        0
                    }
                };
                if count == 0 {
                    base
                } else {
                    format!("{base}_{count}")
                }
            }
        };
        if taken.contains(&name) {
            return Err((format!("two layers are named `{name}`"), span));
        }
        taken.push(name.clone());
        nodes.push(Node { name, ty, chain, inputs, span });
        env.push((bind, Some(nodes.len() - 1)));
    }
    let output = match output_stmt.as_slice() {
        [TokenTree::Ident(id)] => match lookup(&env, id)? {
            Some(o) => o,
            None => {
                return Err(("the model's output is its input: declare at least one layer".into(), id.span()))
            }
        },
        [] => return Err(("end the model with the name of its output".into(), body.span())),
        other => {
            return Err(("the model ends with the name of its output, without `;`".into(), other[0].span()))
        }
    };
    for (i, n) in nodes.iter().enumerate() {
        let used = i == output || nodes.iter().any(|m| m.inputs.contains(&Some(i)));
        if !used {
            return Err((format!("the output of layer `{}` is never used (Keras would drop the layer): use it or remove it", n.name), n.span));
        }
    }
    Ok((nodes, output))
}

/// Stands for the path of `shaped-layers` in generated code, replaced by the real path tokens
/// (`$crate`) once parsed.
const KRATE: &str = "__shaped_layers_path";

fn substitute(ts: TokenStream, krate: &[TokenTree]) -> TokenStream {
    replace_ident(ts, KRATE, krate)
}

/// Replaces every identifier `name` in `ts` by `with`.
fn replace_ident(ts: TokenStream, name: &str, with: &[TokenTree]) -> TokenStream {
    let mut out = Vec::new();
    for tt in ts {
        match tt {
            TokenTree::Ident(id) if id.to_string() == name => out.extend(with.iter().cloned()),
            TokenTree::Group(g) => {
                let mut n = Group::new(g.delimiter(), replace_ident(g.stream(), name, with));
                n.set_span(g.span());
                out.push(TokenTree::Group(n));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// Parses generated code and gives every token the span of the declaration it comes from.
fn spanned(code: &str, span: Span) -> TokenStream {
    let ts: TokenStream =
        code.parse().unwrap_or_else(|e| panic!("model! generated invalid code ({e}): {code}"));
    respan(ts, span)
}

fn respan(ts: TokenStream, span: Span) -> TokenStream {
    ts.into_iter()
        .map(|tt| match tt {
            TokenTree::Group(g) => {
                let mut n = Group::new(g.delimiter(), respan(g.stream(), span));
                n.set_span(span);
                TokenTree::Group(n)
            }
            mut other => {
                other.set_span(span);
                other
            }
        })
        .collect()
}

fn generate(m: &Model, krate: &str) -> Res<TokenStream> {
    let name = m.name.to_string();
    let vis = m.vis.to_string();
    let field = |i: usize| {
        let n: String =
            m.nodes[i].name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
        if n.starts_with(|c: char| c.is_ascii_digit()) {
            format!("_{n}")
        } else {
            n
        }
    };
    let alias = |p: Option<usize>| match p {
        None => format!("__{name}_input"),
        Some(i) => format!("__{name}_{i}"),
    };
    let mut out = TokenStream::new();
    // The struct.
    let mut fields = TokenStream::new();
    for (i, n) in m.nodes.iter().enumerate() {
        fields.extend(spanned(&format!("#[doc = \"Keras layer `{}`.\"] pub {}:", n.name, field(i)), n.span));
        fields.extend(n.ty.clone());
        fields.extend(spanned(",", n.span));
    }
    out.extend(m.attrs.clone());
    out.extend(m.vis.clone());
    out.extend(spanned(&format!("struct {name}"), m.name.span()));
    out.extend([TokenTree::Group(Group::new(Delimiter::Brace, fields))]);
    // Type aliases: the input and each node's output.
    out.extend(spanned(
        &format!("#[doc(hidden)] #[allow(non_camel_case_types)] {vis} type __{name}_input ="),
        m.name.span(),
    ));
    out.extend(m.input_ty.clone());
    out.extend(spanned(";", m.name.span()));
    let head = format!("#[doc(hidden)] #[allow(non_camel_case_types)] {vis} type __{name}_{} =", m.output);
    out.extend(spanned(&head, m.name.span()));
    out.extend(m.output_ty.clone());
    out.extend(spanned(";", m.name.span()));
    // Constructor, summary, weights.
    let mut ctor = String::new();
    // The summary's statements, each with its layer's span (a shape error there reads as the
    // forward pass's, at the same line).
    let mut rows = TokenStream::new();
    let mut params = String::new();
    let mut load = String::new();
    let mut save = String::new();
    let mut names = String::new();
    for (i, n) in m.nodes.iter().enumerate() {
        let f = field(i);
        ctor.push_str(&format!("{f}: {{ use {krate}::Init as _; <"));
        let ty = n.ty.to_string();
        ctor.push_str(&ty);
        ctor.push_str(&format!(" as {krate}::Init>::init({krate}::layer_seed(seed, {i})) {} }},", n.chain));
        let connected: Vec<String> = n
            .inputs
            .iter()
            .map(|&p| {
                format!(
                    "\"{}[0][0]\".to_string()",
                    p.map_or("input_layer".to_string(), |j| m.nodes[j].name.clone())
                )
            })
            .collect();
        rows.extend(spanned(&format!(
            "{} rows.push({krate}::GraphRow {{ name: \"{}\".to_string(), class: {krate}::LayerInfo::keras_class(&self.{f}), output_shape: {krate}::__private::shape_of(p{i}), params: {krate}::LayerInfo::param_count(&self.{f}), connected_to: vec![{}] }});",
            check_node(m, i),
            n.name,
            connected.join(", ")
        ), n.span));
        params.push_str(&format!(" + {krate}::LayerInfo::param_count(&self.{f})"));
        load.push_str(&format!(
            "{krate}::KerasVariables::load_variables(&mut self.{f}, \"{}\", src)?;",
            n.name
        ));
        save.push_str(&format!("{krate}::KerasVariables::save_variables(&self.{f}, \"{}\", dst)?;", n.name));
        names.push_str(&format!("\"{}\",", n.name));
    }
    let out_alias = alias(Some(m.output));
    let mut bounds = String::new();
    for n in &m.nodes {
        bounds.push_str(&format!("{}: {krate}::KerasVariables<E>,", n.ty));
    }
    let preamble = check_preamble(m);
    let inherent = format!(
        "impl {name} {{
            /// Keras's names of the layers, in declaration order.
            pub const LAYER_NAMES: &'static [&'static str] = &[{names}];

            /// The model with Keras's default initialisers, random draws from `seed`.
            #[must_use]
            pub fn new(seed: u64) -> Self {{ Self {{ {ctor} }} }}

            /// Runs the model (inference) with a fresh workspace.
            #[must_use]
            pub fn forward(&self, x: &__{name}_input) -> {out_alias} {{ {krate}::Layer::forward(self, x) }}

            /// Runs the model into `out` with buffers from `ws`: allocation-free once warmed up.
            pub fn forward_into(&self, x: &__{name}_input, out: &mut {out_alias}, ws: &mut {krate}::__private::Workspace) {{
                {krate}::Layer::forward_into(self, x, out, ws)
            }}

            /// One row per layer, as Keras's `model.summary()`: name, class, output shape (from
            /// the types), parameters, and the layers it is connected to.
            #[must_use]
            pub fn summary_rows(&self) -> ::std::vec::Vec<{krate}::GraphRow> {{
                let mut rows = vec![{krate}::GraphRow {{ name: \"input_layer\".to_string(), class: \"InputLayer\".to_string(), output_shape: <__{name}_input as {krate}::TypeShape>::type_shape(), params: 0, connected_to: vec![] }}];
                {preamble}
                __shaped_summary_rows
                rows
            }}

            /// A table like Keras's `model.summary()` for functional models.
            #[must_use]
            pub fn summary(&self) -> String {{ {krate}::graph_summary_table(\"{name}\", &self.summary_rows()) }}

            /// Parameters of all layers, as Keras's `count_params()`.
            #[must_use]
            pub fn param_count(&self) -> usize {{ 0 {params} }}

            /// Loads every layer's variables by Keras name (`conv1d.kernel`, ...) from `src`.
            ///
            /// # Errors
            ///
            /// The first error of `src` (a missing variable, or one of another shape or type);
            /// the layers before it are loaded, that one and the later ones are unchanged.
            pub fn load_weights<E, Src: {krate}::WeightSource<E>>(&mut self, src: &mut Src) -> ::core::result::Result<(), Src::Error> where {bounds} {{
                {load}
                Ok(())
            }}

            /// Saves every layer's variables under their Keras names into `dst`.
            ///
            /// # Errors
            ///
            /// The first error of `dst` (such as a name already written).
            pub fn save_weights<E, Dst: {krate}::WeightSink<E>>(&self, dst: &mut Dst) -> ::core::result::Result<(), Dst::Error> where {bounds} {{
                {save}
                Ok(())
            }}
        }}

        impl {krate}::LayerInfo for {name} {{
            fn name(&self) -> String {{ \"{name}\".to_string() }}
            fn param_count(&self) -> usize {{ 0 {params} }}
        }}

        impl {krate}::Init for {name} {{
            fn init(seed: u64) -> Self {{ Self::new(seed) }}
        }}

        impl<E> {krate}::KerasVariables<E> for {name} where {bounds} {{
            fn load_variables<Src: {krate}::WeightSource<E>>(&mut self, _: &str, src: &mut Src) -> ::core::result::Result<(), Src::Error> {{ self.load_weights(src) }}
            fn save_variables<Dst: {krate}::WeightSink<E>>(&self, _: &str, dst: &mut Dst) -> ::core::result::Result<(), Dst::Error> {{ self.save_weights(dst) }}
        }}"
    );
    let rows: Vec<TokenTree> = rows.into_iter().collect();
    out.extend(replace_ident(spanned(&inherent, m.name.span()), "__shaped_summary_rows", &rows));
    // The forward pass: one statement per node, with its declaration's span.
    let mut last_use = vec![usize::MAX; m.nodes.len()];
    for (k, n) in m.nodes.iter().enumerate() {
        for p in n.inputs.iter().flatten() {
            last_use[*p] = k;
        }
    }
    let mut body = TokenStream::new();
    for (k, n) in m.nodes.iter().enumerate() {
        let var = |p: Option<usize>| p.map_or("x".to_string(), |j| format!("n{j}"));
        let arg = if n.inputs.len() == 1 {
            format!("&{}", var(n.inputs[0]))
        } else {
            let parts: Vec<String> = n.inputs.iter().map(|&p| format!("&{}", var(p))).collect();
            format!("&({},)", parts.join(", "))
        };
        let mut stmt = format!(
            "{} let n{k} = __ShapedLayer::forward_with(&self.{}, {arg}, ws);",
            check_node(m, k),
            field(k)
        );
        let mut given: Vec<usize> = Vec::new();
        for p in n.inputs.iter().flatten() {
            if last_use[*p] == k && *p != m.output && !given.contains(p) {
                given.push(*p);
                stmt.push_str(&format!("ws.give(n{p});"));
            }
        }
        body.extend(spanned(&stmt, n.span));
    }
    body.extend(spanned(&format!("n{}", m.output), m.name.span()));
    let layer_impl = format!(
        "impl {krate}::Layer<__{name}_input> for {name} {{
            type Output = {out_alias};
            #[allow(unused_variables)]
            fn forward_with(&self, x: &__{name}_input, ws: &mut {krate}::__private::Workspace) -> {out_alias} {{
                {preamble} use {krate}::Layer as __ShapedLayer;
                __shaped_forward_body
            }}
            fn summarize(&self, rows: &mut ::std::vec::Vec<{krate}::SummaryRow>) {{
                for r in self.summary_rows().into_iter().skip(1) {{
                    rows.push({krate}::SummaryRow {{ layer: format!(\"{{}} ({{}})\", r.name, r.class), output_shape: r.output_shape, params: r.params }});
                }}
            }}
        }}"
    );
    let body: Vec<TokenTree> = body.into_iter().collect();
    out.extend(replace_ident(spanned(&layer_impl, m.name.span()), "__shaped_forward_body", &body));
    Ok(out)
}
