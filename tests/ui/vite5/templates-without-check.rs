// `vite_templates!` embeds what build.rs's TemplateCheck checked, and this
// crate has no build script: the error names the line that build.rs needs.
fn main() {
    let templates = vite_asset::vite_templates!("templates");
    println!("{}", templates.len());
}
