// A client-side router in one line: the page shows the route it was opened at.
import "./style.css";

document.querySelector("#app")!.textContent = `route: ${location.pathname}`;
