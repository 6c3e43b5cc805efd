import "./admin.css";
import { shared } from "./shared";
import { b } from "./chain/b";

console.log("admin", shared(), b());
