// An image is bytes, not text: it is linked, not written into a page.
fn main() {
    let photo = vite_asset::vite_content!("photo.webp");
    println!("{photo}");
}
