import "./a.css";
import { b } from "./b";

export function a(): string {
  return `a(${b()})`;
}
