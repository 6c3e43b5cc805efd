// The dashboard's entry imports its CSS from JavaScript. Vite then lists that CSS
// under the entry's `css` in the manifest instead of building it on its own, and
// an integration that only links the entry's `file` loses it. `vite_tags!`
// links it.
import "./dashboard.css";

const status = document.getElementById("status");
if (status) {
  status.textContent = "dashboard.ts ran";
}
console.log("dashboard.ts ran");

// The details load only when asked for (a lazy import, as a router's lazy
// route): the page prefetches them (`vite_tags!(…, prefetch)`), so the click
// costs no round trip.
document.getElementById("more")?.addEventListener("click", async () => {
  const { showDetails } = await import("./details");
  showDetails();
});
