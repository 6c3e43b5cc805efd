// A second entry, which shares the Layout chunk (and its CSS) with main.tsx.
import { createRoot } from "react-dom/client";
import { Layout } from "./shared/Layout";

createRoot(document.getElementById("app")!).render(
  <Layout title="Admin">
    <p>Admin tools.</p>
  </Layout>,
);
