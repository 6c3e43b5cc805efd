// chain/b.ts exists in the sources but is not an entry in `build.rollupOptions.input`,
// so Vite bundled it into a chunk and the manifest has no key for it.
fn main() {
    println!("{}", vite_asset::vite_asset!("chain/b.ts"));
}
