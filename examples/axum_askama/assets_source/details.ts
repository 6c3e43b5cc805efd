// Loaded lazily by dashboard.ts, with its own CSS.
import "./details.css";

export function showDetails(): void {
  const details = document.getElementById("details");
  if (details) {
    details.textContent = "details loaded";
  }
}
