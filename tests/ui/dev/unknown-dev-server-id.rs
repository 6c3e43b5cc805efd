// A misspelt DevServer id is an error in development, not a 404 from the DevServer.
fn main() {
    println!("{}", vite_asset::vite_asset!("@vite/clinet"));
}
