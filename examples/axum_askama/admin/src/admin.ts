// The admin area's entry: its CSS comes from JavaScript, as in the dashboard.
import "./admin.css";
import { greeting } from "./greeting";

const status = document.getElementById("admin-status");
if (status) {
  status.textContent = greeting("admin.ts");
}
console.log("Hello from the admin build");
