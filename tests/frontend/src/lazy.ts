import "./lazy.css";

export function lazy(): void {
  document.body.classList.add("lazy-loaded");
}
