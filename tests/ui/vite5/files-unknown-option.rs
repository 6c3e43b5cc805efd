// `vite_files!` takes nothing or `from_disk`.
fn main() {
    let files = vite_asset::vite_files!(embedded);
    println!("{}", files.len());
}
