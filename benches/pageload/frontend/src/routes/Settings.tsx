import { useEffect } from "react";
import { Layout } from "../shared/Layout";
import "./settings.css";

export default function Settings() {
  useEffect(() => {
    performance.mark("rendered:settings");
    document.documentElement.dataset.rendered = "settings";
  }, []);
  return (
    <Layout title="Settings">
      <form className="settings">
        <label>
          Name <input defaultValue="Ada" />
        </label>
      </form>
    </Layout>
  );
}
