//! [`Diagnostic`]: the one error type of vite-asset, from the core to the macros'
//! compile errors and the build script's messages.

use std::fmt;
use std::path::PathBuf;

/// What is wrong, written for the person reading it in a terminal: the problem
/// first, then where it is in a file (if it is in one), then notes (what was
/// seen, "did you mean"), then the fix.
///
/// Its [`Display`](fmt::Display) is the text a user sees:
///
/// ```
/// use vite_asset_core::Diagnostic;
///
/// let diagnostic = Diagnostic::new("`mian.ts` is not in the Vite manifest `dist/.vite/manifest.json`")
///     .note("did you mean `main.ts`?")
///     .fix("add it to the build's `input` and run the Vite build again");
/// assert_eq!(
///     diagnostic.to_string(),
///     "`mian.ts` is not in the Vite manifest `dist/.vite/manifest.json`\n  \
///      did you mean `main.ts`?\n  \
///      to fix: add it to the build's `input` and run the Vite build again"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic(Box<Parts>);

/// Boxed, so that a `Result` carrying a [`Diagnostic`] stays one pointer wide.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Parts {
    message: String,
    location: Option<Location>,
    notes: Vec<String>,
    fix: Option<String>,
}

/// A position in a file that a [`Diagnostic`] is about, with the line shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file.
    pub path: PathBuf,
    /// The line, from 1.
    pub line: usize,
    /// The column, in characters, from 1.
    pub column: usize,
    /// The text of the line (or the part of it around `column`), unless the
    /// file has no such line (it is empty, say).
    pub shown: Option<String>,
    /// The column of `shown` under which the caret goes, from 0.
    pub caret: usize,
}

impl Diagnostic {
    /// A diagnostic saying `message`.
    pub fn new(message: impl Into<String>) -> Self {
        Diagnostic(Box::new(Parts {
            message: message.into(),
            location: None,
            notes: Vec::new(),
            fix: None,
        }))
    }

    /// Adds a note: what was seen, or a suggestion.
    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.0.notes.push(note.into());
        self
    }

    /// Sets how to fix it.
    #[must_use]
    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.0.fix = Some(fix.into());
        self
    }

    /// Sets where in a file the problem is.
    #[must_use]
    pub fn at(mut self, location: Location) -> Self {
        self.0.location = Some(location);
        self
    }

    /// What is wrong, without the location, the notes or the fix.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Where in a file the problem is, if it is in one.
    pub fn location(&self) -> Option<&Location> {
        self.0.location.as_ref()
    }

    /// How to fix it, if that is known.
    pub fn fix_text(&self) -> Option<&str> {
        self.0.fix.as_deref()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)?;
        if let Some(location) = &self.0.location {
            write!(f, " at line {}, column {}", location.line, location.column)?;
            if let Some(shown) = &location.shown {
                let gutter = location.line.to_string().len();
                write!(
                    f,
                    "\n    {} | {shown}\n    {:gutter$} | {:caret$}^",
                    location.line,
                    "",
                    "",
                    caret = location.caret
                )?;
            }
        }
        for note in &self.0.notes {
            write!(f, "\n  {note}")?;
        }
        if let Some(fix) = &self.0.fix {
            write!(f, "\n  to fix: {fix}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

impl Location {
    /// The position `line`:`column` (both from 1) of `text`, the contents of `path`.
    /// A minified manifest can be one very long line: only the part around the
    /// column is shown.
    pub fn in_text(path: impl Into<PathBuf>, text: &str, line: usize, column: usize) -> Self {
        const AROUND: usize = 40;
        let start = column.saturating_sub(AROUND);
        let shown = text.lines().nth(line.saturating_sub(1)).map(|source_line| {
            let chars: Vec<char> = source_line.chars().collect();
            let end = (column + AROUND).min(chars.len());
            chars[start.min(end)..end].iter().collect()
        });
        Location {
            path: path.into(),
            line,
            column,
            shown,
            caret: column.saturating_sub(1).saturating_sub(start),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_location_shows_its_line_with_a_caret_then_the_notes_and_the_fix() {
        let text = "{\n  \"a.ts\": {\n    \"file\": \"a.js\"\n    \"isEntry\": true\n  }\n}";
        let diagnostic = Diagnostic::new("not valid: expected `,`")
            .at(Location::in_text("m.json", text, 4, 5))
            .note("a note")
            .fix("rewrite it");
        assert_eq!(
            diagnostic.to_string(),
            "not valid: expected `,` at line 4, column 5\n    4 |     \"isEntry\": true\n      |     ^\n  a note\n  to fix: rewrite it"
        );
    }

    #[test]
    fn a_long_line_is_shown_around_the_column() {
        let line = "x".repeat(1000);
        let location = Location::in_text("m.json", &line, 1, 500);
        assert_eq!(location.shown.map(|shown| shown.len()), Some(80));
        assert_eq!(location.caret, 39);
        let empty = Diagnostic::new("EOF").at(Location::in_text("m.json", "", 1, 1));
        assert_eq!(
            empty.to_string(),
            "EOF at line 1, column 1",
            "no line to show"
        );
    }
}
