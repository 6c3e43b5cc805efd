import { useState } from "react";
import "./App.css";

export function App() {
  const [count, setCount] = useState(0);
  return (
    <main className="app">
      <h1>Hello from React</h1>
      <button onClick={() => setCount((count) => count + 1)}>clicked {count} times</button>
    </main>
  );
}
