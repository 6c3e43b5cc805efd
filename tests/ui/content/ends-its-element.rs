// CSS that holds `</style` would end the `<style>` it is written into.
fn main() {
    let print = vite_asset::vite_content!("print.css");
    println!("{print}");
}
