//! The calls in a minijinja template, from minijinja's own parser (behind its
//! `unstable_machinery`, which is why the dependency is pinned to a minor version).

use minijinja::machinery::ast::{CallArg, Expr, Map, Stmt};
use minijinja::machinery::{parse, Span};

use minijinja::value::ValueKind;

use super::call::{Call, Function, LiteralAttribute, LiteralValue, Names};
use super::{Diagnostic, Location};

pub fn find(name: &str, source: &str) -> Result<Vec<Call>, Diagnostic> {
    let template = parse(source, name, Default::default()).map_err(|error| {
        let mut diagnostic = Diagnostic::new(format!(
            "not a valid minijinja template: {}",
            error.detail().unwrap_or("syntax error")
        ));
        if let Some(line) = error.line() {
            let column = error
                .range()
                .and_then(|range| source.get(..range.start))
                .map(|before| before.chars().rev().take_while(|&c| c != '\n').count() + 1)
                .unwrap_or(1);
            diagnostic = diagnostic.at(Location::in_text(name, source, line, column));
        }
        diagnostic.fix("correct the template: minijinja cannot load it either")
    })?;
    let mut calls = Vec::new();
    statement(&template, &mut calls);
    Ok(calls)
}

fn position(span: Span) -> (usize, usize) {
    (span.start_line as usize, span.start_col as usize + 1)
}

#[allow(unreachable_patterns)]
fn statement(stmt: &Stmt<'_>, calls: &mut Vec<Call>) {
    let body = |body: &[Stmt<'_>], calls: &mut Vec<Call>| {
        for stmt in body {
            statement(stmt, calls);
        }
    };
    match stmt {
        Stmt::Template(s) => body(&s.children, calls),
        Stmt::EmitExpr(s) => expression(&s.expr, calls),
        Stmt::EmitRaw(_) => {}
        Stmt::ForLoop(s) => {
            expression(&s.iter, calls);
            if let Some(filter) = &s.filter_expr {
                expression(filter, calls);
            }
            body(&s.body, calls);
            body(&s.else_body, calls);
        }
        Stmt::IfCond(s) => {
            expression(&s.expr, calls);
            body(&s.true_body, calls);
            body(&s.false_body, calls);
        }
        Stmt::WithBlock(s) => {
            for (_, value) in &s.assignments {
                expression(value, calls);
            }
            body(&s.body, calls);
        }
        Stmt::Set(s) => expression(&s.expr, calls),
        Stmt::SetBlock(s) => {
            if let Some(filter) = &s.filter {
                expression(filter, calls);
            }
            body(&s.body, calls);
        }
        Stmt::AutoEscape(s) => body(&s.body, calls),
        Stmt::FilterBlock(s) => {
            expression(&s.filter, calls);
            body(&s.body, calls);
        }
        Stmt::Block(s) => body(&s.body, calls),
        Stmt::Extends(s) => expression(&s.name, calls),
        Stmt::Include(s) => expression(&s.name, calls),
        Stmt::Import(s) => expression(&s.expr, calls),
        Stmt::FromImport(s) => expression(&s.expr, calls),
        Stmt::Macro(s) => {
            for default in &s.defaults {
                expression(default, calls);
            }
            body(&s.body, calls);
        }
        Stmt::CallBlock(s) => {
            call(&s.call.expr, &s.call.args, s.call.span(), calls);
            body(&s.macro_decl.body, calls);
        }
        Stmt::Do(s) => call(&s.call.expr, &s.call.args, s.call.span(), calls),
        // `{% break %}` and `{% continue %}`, with minijinja's `loop_controls`.
        _ => {}
    }
}

fn expression(expr: &Expr<'_>, calls: &mut Vec<Call>) {
    match expr {
        Expr::Var(_) | Expr::Const(_) => {}
        Expr::Slice(e) => {
            expression(&e.expr, calls);
            for part in [&e.start, &e.stop, &e.step].into_iter().flatten() {
                expression(part, calls);
            }
        }
        Expr::UnaryOp(e) => expression(&e.expr, calls),
        Expr::BinOp(e) => {
            expression(&e.left, calls);
            expression(&e.right, calls);
        }
        Expr::Compare(e) => {
            expression(&e.expr, calls);
            for op in &e.ops {
                expression(&op.expr, calls);
            }
        }
        Expr::IfExpr(e) => {
            expression(&e.test_expr, calls);
            expression(&e.true_expr, calls);
            if let Some(otherwise) = &e.false_expr {
                expression(otherwise, calls);
            }
        }
        Expr::Filter(e) => {
            if let Some(inner) = &e.expr {
                expression(inner, calls);
            }
            arguments(&e.args, calls);
        }
        Expr::Test(e) => {
            expression(&e.expr, calls);
            arguments(&e.args, calls);
        }
        Expr::GetAttr(e) => expression(&e.expr, calls),
        Expr::GetItem(e) => {
            expression(&e.expr, calls);
            expression(&e.subscript_expr, calls);
        }
        Expr::Call(e) => call(&e.expr, &e.args, e.span(), calls),
        Expr::List(e) => e.items.iter().for_each(|item| expression(item, calls)),
        Expr::Tuple(e) => e.items.iter().for_each(|item| expression(item, calls)),
        Expr::Map(e) => {
            for item in e.keys.iter().chain(&e.values) {
                expression(item, calls);
            }
        }
    }
}

fn arguments(args: &[CallArg<'_>], calls: &mut Vec<Call>) {
    for arg in args {
        match arg {
            CallArg::Pos(e)
            | CallArg::Kwarg(_, e)
            | CallArg::PosSplat(e)
            | CallArg::KwargSplat(e) => expression(e, calls),
        }
    }
}

fn call(callee: &Expr<'_>, args: &[CallArg<'_>], span: Span, calls: &mut Vec<Call>) {
    arguments(args, calls);
    let function = match callee {
        Expr::Var(var) => Function::of(var.id),
        _ => None,
    };
    let Some(function) = function else {
        expression(callee, calls);
        return;
    };
    let mut names = Vec::new();
    let mut literal = true;
    let mut build = Some(None);
    let mut attributes = Vec::new();
    for arg in args {
        match arg {
            CallArg::Kwarg("attrs", Expr::Map(map)) => attributes = literal_attributes(map),
            CallArg::Pos(Expr::Const(constant)) => match constant.value.as_str() {
                Some(name) => {
                    let (line, column) = position(constant.span());
                    names.push((name.to_owned(), line, column));
                }
                None => literal = false,
            },
            CallArg::Kwarg("build", Expr::Const(constant)) => {
                let (line, column) = position(constant.span());
                build = constant
                    .value
                    .as_str()
                    .map(|name| Some((name.to_owned(), line, column)));
            }
            CallArg::Kwarg("build", _) => build = None,
            CallArg::Kwarg(..) => {}
            _ => literal = false,
        }
    }
    let (line, column) = position(span);
    calls.push(Call {
        function,
        names: match literal {
            true => Names::Literal(names),
            false => Names::NotLiteral,
        },
        build,
        attributes,
        line,
        column,
    });
}

/// The attributes of a literal `attrs={"script": {"defer": true}}` map whose
/// keys and values are constants; what is not (a variable) is left to the render.
fn literal_attributes(map: &Map<'_>) -> Vec<LiteralAttribute> {
    let mut attributes = Vec::new();
    for (target, names) in map.keys.iter().zip(&map.values) {
        let (Expr::Const(target), Expr::Map(names)) = (target, names) else {
            continue;
        };
        let Some(target) = target.value.as_str() else {
            continue;
        };
        for (name, value) in names.keys.iter().zip(&names.values) {
            let (Expr::Const(name), Expr::Const(value)) = (name, value) else {
                continue;
            };
            let Some(text) = name.value.as_str() else {
                continue;
            };
            let value = &value.value;
            let value = match (value.as_str(), value.kind()) {
                (Some(text), _) => LiteralValue::Text(text.to_owned()),
                (None, ValueKind::Bool) => LiteralValue::Flag(value.is_true()),
                _ => LiteralValue::Other(value.to_string()),
            };
            let (line, column) = position(name.span());
            attributes.push(LiteralAttribute {
                target: target.to_owned(),
                name: text.to_owned(),
                value,
                line,
                column,
            });
        }
    }
    attributes
}
