fn main() {
    let preamble = vite_asset::vite_react_refresh!("main.tsx");
    println!("{preamble}");
}
