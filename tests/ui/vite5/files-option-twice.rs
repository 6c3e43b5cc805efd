// Each option of `vite_files!` once.
fn main() {
    let files = vite_asset::vite_files!(public, public);
    println!("{}", files.len());
}
