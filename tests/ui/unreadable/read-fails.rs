// `VITEASSET_MANIFEST` names a file that exists but cannot be read (here /proc/self/mem,
// whose first page no process can read; permissions do the same for other users).
fn main() {
    println!("{}", vite_asset::vite_asset!("script.ts"));
}
