import "./b.css";

export function b(): string {
  return "b";
}
