// The build was made with Vite's `base: "/static/"` (tests/fixtures/vite8-other-base)
// and the crate says `/assets/`: its CSS and JS would fetch fonts, images and
// chunks from where nothing serves them. Every call fails, with both bases.
fn main() {
    let script = vite_asset::vite_asset!("script.ts");
    let files = vite_asset::vite_files!();
    println!("{script} {}", files.len());
}
