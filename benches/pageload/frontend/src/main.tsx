import "@fontsource/inter/400.css";
import "./app.css";
import { StrictMode, Suspense, lazy, useEffect } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Link, Route, Routes } from "react-router";
import { Layout } from "./shared/Layout";
import hero from "./hero.png";

const Reports = lazy(() => import("./routes/Reports"));
const Settings = lazy(() => import("./routes/Settings"));

/** Sets the marker the benchmark waits for: the first screen is on the page. */
function Rendered({ name }: { name: string }) {
  useEffect(() => {
    performance.mark(`rendered:${name}`);
    document.documentElement.dataset.rendered = name;
  }, [name]);
  return null;
}

function Home() {
  return (
    <Layout title="Dashboard">
      <nav>
        <Link to="/reports">Reports</Link>
        <Link to="/settings">Settings</Link>
      </nav>
      <img className="hero" src={hero} alt="A chart" width="960" height="320" />
      <p>Welcome back. Your numbers are in.</p>
      <Rendered name="home" />
    </Layout>
  );
}

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <BrowserRouter>
      <Suspense fallback={<p>Loading…</p>}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/reports" element={<Reports />} />
          <Route path="/settings" element={<Settings />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  </StrictMode>,
);
