//! The calls in a tera template, from tera's own parser.
//!
//! Tera's syntax tree has no positions: the n-th call of a function that the
//! parser lists is placed at the n-th place where the template's tags (`{{ … }}`,
//! `{% … %}`) call it, and each literal at its next quoted occurrence there.
//! Text, `{# … #}` comments, `{% raw %}` blocks and the insides of strings are
//! not searched, so a call written there moves no caret.

use tera::ast::{Expr, ExprVal, FunctionCall, Node};

use super::call::{Call, Function, Names};
use super::Diagnostic;

pub fn find(name: &str, source: &str) -> Result<Vec<Call>, Diagnostic> {
    let template = tera::Template::new(name, None, source).map_err(|error| {
        let mut message = error.to_string();
        let mut cause = std::error::Error::source(&error);
        while let Some(error) = cause {
            message = format!("{message}\n{error}");
            cause = error.source();
        }
        Diagnostic::new("not a valid tera template")
            .note(message.trim_end().replace('\n', "\n  "))
            .fix("correct the template: tera cannot load it either")
    })?;
    let mut found = Vec::new();
    nodes(&template.ast, &mut found);
    let mut placer = Placer::new(source);
    Ok(found
        .into_iter()
        .map(|(function, names, build)| {
            let call_at = placer.call(function);
            let build = build.map(|build| {
                build.map(|name| {
                    let (line, column) = line_and_column(source, placer.literal(&name, call_at));
                    (name, line, column)
                })
            });
            let mut at = call_at;
            let names = names.map(|names| {
                names
                    .into_iter()
                    .map(|name| {
                        at = placer.literal(&name, at);
                        let (line, column) = line_and_column(source, at);
                        (name, line, column)
                    })
                    .collect::<Vec<_>>()
            });
            let (line, column) = line_and_column(source, call_at);
            Call {
                function,
                names: names.map_or(Names::NotLiteral, Names::Literal),
                build,
                // Tera has no map literal: its `attrs` come from the context.
                attributes: Vec::new(),
                line,
                column,
            }
        })
        .collect())
}

/// Where the calls and their literals are in the source (see the module's doc).
struct Placer {
    /// The source with every byte outside the tags made a space.
    tags: String,
    /// `tags`, with the insides of its strings made spaces too.
    code: String,
    /// For each function, where the search for its next call starts.
    after_call: Vec<(Function, usize)>,
}

impl Placer {
    fn new(source: &str) -> Placer {
        let (tags, code) = tag_text(source);
        Placer {
            tags,
            code,
            after_call: Vec::new(),
        }
    }

    /// The byte offset of the next call of `function`.
    fn call(&mut self, function: Function) -> usize {
        let from = self
            .after_call
            .iter()
            .find(|(seen, _)| *seen == function)
            .map_or(0, |(_, at)| *at);
        let at = next_call(&self.code, function.name(), from).unwrap_or(from);
        match self
            .after_call
            .iter_mut()
            .find(|(seen, _)| *seen == function)
        {
            Some(entry) => entry.1 = at + 1,
            None => self.after_call.push((function, at + 1)),
        }
        at
    }

    /// The byte offset of `text`, in quotes, after `from`, at the opening quote.
    fn literal(&self, text: &str, from: usize) -> usize {
        ['"', '\'', '`']
            .iter()
            .filter_map(|quote| {
                let quoted = format!("{quote}{text}{quote}");
                self.tags.get(from..)?.find(&quoted).map(|at| from + at)
            })
            .min()
            .unwrap_or(from)
    }
}

/// Where `name` is next called in `code` from `from`: the name as a whole word,
/// then `(` after any spaces.
fn next_call(code: &str, name: &str, from: usize) -> Option<usize> {
    let bytes = code.as_bytes();
    let is_word = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'_';
    let mut search = from;
    while let Some(found) = code.get(search..)?.find(name) {
        let at = search + found;
        let after = code[at + name.len()..].trim_start();
        let whole = at == 0 || !is_word(bytes[at - 1]);
        if whole && after.starts_with('(') {
            return Some(at);
        }
        search = at + name.len();
    }
    None
}

/// `source` as its tags hold it, byte for byte at the same offsets: every byte
/// outside `{{ … }}` and `{% … %}` (text, `{# … #}` comments, `{% raw %}`
/// blocks) made a space; and the same with the insides of strings made spaces
/// too. Tera's strings (`"…"`, `'…'`, `` `…` ``) have no escapes.
fn tag_text(source: &str) -> (String, String) {
    let bytes = source.as_bytes();
    let mut tags = vec![b' '; bytes.len()];
    let mut code = vec![b' '; bytes.len()];
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        if rest.starts_with(b"{#") {
            at = find_bytes(bytes, b"#}", at + 2).map_or(bytes.len(), |end| end + 2);
            continue;
        }
        let close: &[u8] = match rest.get(..2) {
            Some(b"{{") => b"}}",
            Some(b"{%") => b"%}",
            _ => {
                // Keep line breaks, so the texts read as the source does.
                if bytes[at] == b'\n' {
                    tags[at] = b'\n';
                    code[at] = b'\n';
                }
                at += 1;
                continue;
            }
        };
        let start = at;
        at += 2;
        let mut quote = None;
        while at < bytes.len() {
            let byte = bytes[at];
            match quote {
                Some(open) => {
                    tags[at] = byte;
                    if byte == open {
                        code[at] = byte;
                        quote = None;
                    }
                }
                None if bytes[at..].starts_with(close) => break,
                None => {
                    tags[at] = byte;
                    code[at] = byte;
                    if matches!(byte, b'"' | b'\'' | b'`') {
                        quote = Some(byte);
                    }
                }
            }
            at += 1;
        }
        let inside = &source[start + 2..at];
        at = (at + 2).min(bytes.len());
        if close == b"%}" && statement_is(inside, "raw") {
            tags[start..at].fill(b' ');
            code[start..at].fill(b' ');
            at = end_of_raw(source, at);
        }
    }
    // Only ASCII bytes were replaced, and whole characters kept: both are UTF-8.
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap_or_default();
    (text(tags), text(code))
}

/// Whether the inside of a `{% … %}` is the statement `word`, with tera's
/// whitespace control (`{%- raw -%}`).
fn statement_is(inside: &str, word: &str) -> bool {
    inside.trim_matches(|c: char| c == '-' || c.is_whitespace()) == word
}

/// The offset after the `{% endraw %}` that closes a raw block opened before `from`.
fn end_of_raw(source: &str, from: usize) -> usize {
    let bytes = source.as_bytes();
    let mut at = from;
    while let Some(open) = find_bytes(bytes, b"{%", at) {
        let Some(close) = find_bytes(bytes, b"%}", open + 2) else {
            break;
        };
        if statement_is(&source[open + 2..close], "endraw") {
            return close + 2;
        }
        at = open + 2;
    }
    bytes.len()
}

fn find_bytes(bytes: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|window| window == needle)
        .map(|at| from + at)
}

fn line_and_column(source: &str, at: usize) -> (usize, usize) {
    let before = source.get(..at).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let column = before.chars().rev().take_while(|&c| c != '\n').count() + 1;
    (line, column)
}

/// Each call: its function, its literal names (`None`: not all literals),
/// and its `build=` (`Some(None)`: none; `None`: not a literal).
type Found = Vec<(Function, Option<Vec<String>>, Option<Option<String>>)>;

fn nodes(nodes_: &[Node], found: &mut Found) {
    for node in nodes_ {
        node_calls(node, found);
    }
}

fn node_calls(node: &Node, found: &mut Found) {
    match node {
        Node::VariableBlock(_, expr) => expression(expr, found),
        Node::MacroDefinition(_, definition, _) => {
            for default in definition.args.values().flatten() {
                expression(default, found);
            }
            nodes(&definition.body, found);
        }
        Node::Set(_, set) => expression(&set.value, found),
        Node::FilterSection(_, section, _) => {
            function_call(&section.filter, found);
            nodes(&section.body, found);
        }
        Node::Block(_, block, _) => nodes(&block.body, found),
        Node::Forloop(_, forloop, _) => {
            expression(&forloop.container, found);
            nodes(&forloop.body, found);
            if let Some(empty) = &forloop.empty_body {
                nodes(empty, found);
            }
        }
        Node::If(condition, _) => {
            for (_, test, body) in &condition.conditions {
                expression(test, found);
                nodes(body, found);
            }
            if let Some((_, otherwise)) = &condition.otherwise {
                nodes(otherwise, found);
            }
        }
        Node::Super
        | Node::Text(_)
        | Node::Extends(..)
        | Node::Include(..)
        | Node::ImportMacro(..)
        | Node::Raw(..)
        | Node::Break(_)
        | Node::Continue(_)
        | Node::Comment(..) => {}
    }
}

fn expression(expr: &Expr, found: &mut Found) {
    value(&expr.val, found);
    for filter in &expr.filters {
        function_call(filter, found);
    }
}

fn value(val: &ExprVal, found: &mut Found) {
    match val {
        ExprVal::String(_)
        | ExprVal::Int(_)
        | ExprVal::Float(_)
        | ExprVal::Bool(_)
        | ExprVal::Ident(_) => {}
        ExprVal::Math(math) => {
            expression(&math.lhs, found);
            expression(&math.rhs, found);
        }
        ExprVal::Logic(logic) => {
            expression(&logic.lhs, found);
            expression(&logic.rhs, found);
        }
        ExprVal::Test(test) => test.args.iter().for_each(|arg| expression(arg, found)),
        ExprVal::MacroCall(call) => call.args.values().for_each(|arg| expression(arg, found)),
        ExprVal::FunctionCall(call) => function_call(call, found),
        ExprVal::Array(items) => items.iter().for_each(|item| expression(item, found)),
        ExprVal::StringConcat(concat) => concat.values.iter().for_each(|part| value(part, found)),
        ExprVal::In(within) => {
            expression(&within.lhs, found);
            expression(&within.rhs, found);
        }
    }
}

fn function_call(call: &FunctionCall, found: &mut Found) {
    let mut arguments: Vec<(&String, &Expr)> = call.args.iter().collect();
    arguments.sort_by_key(|(name, _)| name.as_str());
    for (_, arg) in &arguments {
        expression(arg, found);
    }
    let Some(function) = Function::of(&call.name) else {
        return;
    };
    let literal = |expr: &Expr| match (&expr.val, expr.filters.is_empty()) {
        (ExprVal::String(name), true) => Some(name.clone()),
        _ => None,
    };
    let names = match (function, call.args.get("name"), call.args.get("names")) {
        (_, Some(name), None) => literal(name).map(|name| vec![name]),
        (
            Function::Tags,
            None,
            Some(Expr {
                val: ExprVal::Array(items),
                filters,
                ..
            }),
        ) if filters.is_empty() => items.iter().map(literal).collect(),
        // No name at all, or both: the function itself says so when it renders.
        (_, None, None) | (_, Some(_), Some(_)) => Some(Vec::new()),
        _ => None,
    };
    let build = match call.args.get("build") {
        None => Some(None),
        Some(build) => literal(build).map(Some),
    };
    found.push((function, names, build));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_searched_in_the_tags_only() {
        let source = "{# vite_asset(x) #}\n{%- raw -%}{{ vite_asset(name='a') }}{%- endraw %}\n\
                      {{ 'vite_asset(' ~ my_vite_asset(name='b') }} {{ vite_asset (name='c') }}";
        let (tags, code) = tag_text(source);
        assert_eq!(tags.len(), source.len());
        assert_eq!(tags.lines().count(), source.lines().count());
        let at = next_call(&code, "vite_asset", 0).unwrap();
        assert_eq!(&source[at..at + 12], "vite_asset (");
        assert_eq!(next_call(&code, "vite_asset", at + 1), None);
        let mut placer = Placer::new(source);
        let call = placer.call(Function::Asset);
        assert_eq!(call, at);
        assert_eq!(&source[placer.literal("c", call)..][..3], "'c'");
    }
}
