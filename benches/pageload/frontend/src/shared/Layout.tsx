// Shared by both entries: its CSS lands in the shared chunk's CSS, which the
// tutorial's way of linking (the entry's own file and CSS) never loads.
import type { ReactNode } from "react";
import "./layout.css";

export function Layout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="layout">
      <header className="layout-header">{title}</header>
      <main>{children}</main>
    </div>
  );
}
