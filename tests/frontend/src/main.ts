import "./main.css";
import { a } from "./chain/a";
import { shared } from "./shared";
import logoUrl from "./logo.svg";

console.log("main", a(), shared(), logoUrl);

document.querySelector("#lazy")?.addEventListener("click", async () => {
  const { lazy } = await import("./lazy");
  lazy();
});
