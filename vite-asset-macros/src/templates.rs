//! `vite_templates!`: the run-time templates that the build script checked,
//! embedded by `include!` of the list it wrote under `OUT_DIR`.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use vite_asset_core::embedded_templates;

use crate::input::error;

const USAGE: &str = "write `vite_templates!(\"templates\")`, with the directory that build.rs's \
     `TemplateCheck` names, relative to the crate's directory";

pub fn vite_templates(input: TokenStream) -> TokenStream {
    let fallback = quote! {{
        static TEMPLATES: ::vite_asset::Templates = ::vite_asset::__private::templates("", &[]);
        &TEMPLATES
    }};
    match expression(input) {
        Ok(expression) => expression,
        Err(error) => {
            let errors = error.to_compile_error();
            quote! {{ #errors #fallback }}
        }
    }
}

fn expression(input: TokenStream) -> syn::Result<TokenStream> {
    if input.is_empty() {
        return Err(error(
            Span::call_site(),
            "`vite_templates!` needs the templates' directory",
            USAGE,
        ));
    }
    let dir: syn::LitStr = syn::parse2(input).map_err(|parse| {
        error(
            parse.span(),
            "`vite_templates!` takes one string literal, the templates' directory",
            USAGE,
        )
    })?;
    let name = dir.value();
    let check = format!("vite_asset::build::TemplateCheck::minijinja({name:?}).run();");
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        return Err(error(
            dir.span(),
            format!(
                "`vite_templates!({name:?})` embeds the templates that the crate's build script \
                 checked, and this crate has no build script"
            ),
            &format!(
                "add a build.rs with `{check}` (`TemplateCheck::tera` for tera), and `vite-asset` \
                 with the `build` feature and the engine's in `[build-dependencies]`"
            ),
        ));
    };
    let list = embedded_templates::list_path(std::path::Path::new(&out_dir), &name);
    if !list.is_file() {
        return Err(error(
            dir.span(),
            format!(
                "the build script checked no templates in `{}`, so there are none to embed",
                embedded_templates::normalized(&name)
            ),
            &format!(
                "call `{check}` (`TemplateCheck::tera` for tera) in build.rs, with the same \
                 directory as here"
            ),
        ));
    }
    let Some(list) = list.to_str() else {
        return Err(error(
            dir.span(),
            format!("the path `{}` is not UTF-8", list.display()),
            "build in a target directory whose path is UTF-8",
        ));
    };
    Ok(quote! {{
        static TEMPLATES: ::vite_asset::Templates = ::core::include!(#list);
        &TEMPLATES
    }})
}
