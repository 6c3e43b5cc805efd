import { createRoot } from "react-dom/client";
import "./app.css";
import { Components } from "./generated/index";

function App() {
  return (
    <main id="app">
      {Components.map((Component, index) => (
        <Component key={index} />
      ))}
    </main>
  );
}

createRoot(document.getElementById("root")!).render(<App />);
// The harness waits for this: every module ran and the first render is done.
requestAnimationFrame(() => {
  document.documentElement.dataset.rendered = String(Components.length);
});
