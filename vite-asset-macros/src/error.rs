//! The error a macro call reports: a message spanned on the user's literal.

use proc_macro2::{Span, TokenStream};
use quote::quote;

/// An error to show the user as a compile error at `span`.
///
/// Messages are written for the person reading them in their terminal: what is
/// wrong first, then what we saw, then the fix.
#[derive(Debug)]
pub struct Error {
    span: Span,
    message: String,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Error {
            span,
            message: message.into(),
        }
    }

    #[cfg(test)]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The `compile_error!` for this error, followed by `""` so that the call
    /// still has the type `&'static str` and the user sees this error alone,
    /// not a cascade of type errors after it.
    pub fn into_fallback_expr(self) -> TokenStream {
        self.into_expr_with_fallback(quote! { "" })
    }

    /// The `compile_error!` for this error, followed by `fallback`, an expression
    /// of the type the macro expands to.
    pub fn into_expr_with_fallback(self, fallback: TokenStream) -> TokenStream {
        let compile_error = syn::Error::new(self.span, self.message).to_compile_error();
        quote! { { #compile_error #fallback } }
    }
}

impl From<syn::Error> for Error {
    fn from(error: syn::Error) -> Self {
        Error::new(error.span(), error.to_string())
    }
}
