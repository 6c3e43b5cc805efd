import { useEffect } from "react";
import { Layout } from "../shared/Layout";
import "./reports.css";

export default function Reports() {
  useEffect(() => {
    performance.mark("rendered:reports");
    document.documentElement.dataset.rendered = "reports";
  }, []);
  return (
    <Layout title="Reports">
      <table className="reports">
        <tbody>
          {Array.from({ length: 12 }, (_, month) => (
            <tr key={month}>
              <td>Month {month + 1}</td>
              <td>{(month * 37) % 101}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
