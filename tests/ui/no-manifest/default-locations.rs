// No manifest configured and none at the default places. Three calls, three errors:
// each expansion says what is wrong on its own, whatever was expanded before it.
const SCRIPT: &str = vite_asset::vite_asset!("script.ts");

fn main() {
    println!("{SCRIPT} {} {}", vite_asset::vite_asset!("styles.scss"), vite_asset::vite_asset!("main.ts"));
}
