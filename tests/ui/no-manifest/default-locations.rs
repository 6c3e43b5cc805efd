// No manifest configured and none at the default places. Three calls, one error:
// the problem is the crate's, not each call's.
const SCRIPT: &str = vite_asset::vite_asset!("script.ts");

fn main() {
    println!("{SCRIPT} {} {}", vite_asset::vite_asset!("styles.scss"), vite_asset::vite_asset!("main.ts"));
}
