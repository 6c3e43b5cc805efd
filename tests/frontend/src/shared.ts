import "./shared.css";

export function shared(): string {
  return "shared between main and admin";
}
