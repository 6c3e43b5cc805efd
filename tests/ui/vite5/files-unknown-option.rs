// `vite_files!` takes a build, `from_disk` and `public`: `embedded` is none of them.
fn main() {
    let files = vite_asset::vite_files!(embedded);
    println!("{}", files.len());
}
