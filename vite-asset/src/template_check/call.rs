//! What the engines' walkers find in a template: the calls of `vite_asset`,
//! `vite_tags` and `vite_content`, with their names and places.

use vite_asset_core::attributes::GivenValue;

/// One call found in a template.
#[derive(Debug)]
pub(super) struct Call {
    pub(super) function: Function,
    pub(super) names: Names,
    /// The `build=` argument: `Some(None)` for none (the default build), the
    /// literal with its line and column, or `None` when it is not a literal.
    pub(super) build: Option<Option<(String, usize, usize)>>,
    /// The attributes of a literal `attrs={…}` map, each with the line and
    /// column of its name; empty where there is none, or it is not a literal.
    pub(super) attributes: Vec<LiteralAttribute>,
    pub(super) line: usize,
    pub(super) column: usize,
}

/// One attribute of a literal `attrs` map: the kind of tag, the name, the
/// value as the template writes it, and where the name is.
#[derive(Debug)]
pub(super) struct LiteralAttribute {
    pub(super) target: String,
    pub(super) name: String,
    pub(super) value: LiteralValue,
    pub(super) line: usize,
    pub(super) column: usize,
}

/// A literal attribute's value: owned, as the core's `GivenValue` borrows it.
/// Only minijinja has map literals.
#[derive(Debug)]
#[cfg_attr(not(feature = "minijinja"), allow(dead_code))]
pub(super) enum LiteralValue {
    Text(String),
    Flag(bool),
    Other(String),
}

impl LiteralValue {
    pub(super) fn given(&self) -> GivenValue<'_> {
        match self {
            LiteralValue::Text(text) => GivenValue::Text(text),
            LiteralValue::Flag(flag) => GivenValue::Flag(*flag),
            LiteralValue::Other(shown) => GivenValue::Other(shown),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Function {
    Asset,
    Tags,
    Content,
}

impl Function {
    pub(super) fn of(name: &str) -> Option<Function> {
        match name {
            "vite_asset" => Some(Function::Asset),
            "vite_tags" => Some(Function::Tags),
            "vite_content" => Some(Function::Content),
            _ => None,
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Function::Asset => "vite_asset",
            Function::Tags => "vite_tags",
            Function::Content => "vite_content",
        }
    }
}

/// A call's names: string literals, each with its line and column (from 1); or
/// not all literals.
#[derive(Debug)]
pub(super) enum Names {
    Literal(Vec<(String, usize, usize)>),
    NotLiteral,
}
