const { spawn } = require("node:child_process");

const [vite, ...args] = process.argv.slice(1);
const child = spawn(process.execPath, [vite, ...args], { stdio: ["ignore", "inherit", "inherit"] });
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  child.kill("SIGTERM");
  setTimeout(() => child.kill("SIGKILL"), 3000).unref();
};
process.stdin.on("data", () => {});
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
process.on("SIGHUP", stop);
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
