fn main() {
    let tags = vite_asset::vite_tags!("main.ts", "admin.ts", "main.ts");
    println!("{tags}");
}
