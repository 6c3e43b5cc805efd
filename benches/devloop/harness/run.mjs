// The dev-loop benchmark: the bench server (../src/main.rs, the dev proxy in
// front of Vite 8 and a React app of a few hundred modules) against the same
// pages from the DevServer directly, in the system Chromium (puppeteer-core).
// It prints Markdown tables of medians.
//
//     node run.mjs [RUNS]          # RUNS per cell, default 20
//
// With DEPS_OPTIMIZED=1 the server runs with every dependency optimized in the
// dev profile (`profile.dev.package."*".opt-level = 2`, the crate's own code
// not). benches/devloop/run.sh builds the server and calls it.

import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const RUNS = Number(process.argv[2] ?? 20);
const MODULES = 300;
const BENCH = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const FRONTEND = path.join(BENCH, "frontend");
const SERVER = path.join(BENCH, "target/debug/vite-asset-devloop-bench");
const PORT = 8400;
const VITE_PORT = 5273;
const PROXY = `http://127.0.0.1:${PORT}`;
const DIRECT = `http://localhost:${VITE_PORT}`;
const CSS = path.join(FRONTEND, "src/app.css");
const TEMPLATE = path.join(BENCH, "templates/page.html");

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value) => `${value.toFixed(1)} ms`;

/** The app's modules: MODULES components, each a module of its own. */
function generate() {
  const dir = path.join(FRONTEND, "src/generated");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const names = [];
  for (let i = 0; i < MODULES; i++) {
    fs.writeFileSync(
      path.join(dir, `c${i}.tsx`),
      `export function C${i}() {\n  return <p className="c">component ${i}</p>;\n}\n`,
    );
    names.push(`C${i}`);
  }
  const imports = names.map((name, i) => `import { ${name} } from "./c${i}";`).join("\n");
  fs.writeFileSync(
    path.join(dir, "index.ts"),
    `${imports}\n\nexport const Components = [${names.join(", ")}];\n`,
  );
}

/** Whether something accepts connections on `port` (IPv4 or IPv6 loopback). */
function listening(port) {
  const attempt = (host) =>
    new Promise((resolve) => {
      const socket = net.connect({ host, port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
  return Promise.all([attempt("127.0.0.1"), attempt("::1")]).then((both) => both.some(Boolean));
}

async function until(condition, what, timeout = 60000) {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

async function answers(url) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** Starts `command` in a process group of its own, which `stop` ends with
 * `signal`, waiting until none of `ports` is open any more. */
function start(command, args, cwd, ports, signal = "SIGINT") {
  const child = spawn(command, args, {
    cwd,
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PORT: String(PORT) },
  });
  started.push(child.pid);
  return {
    async stop() {
      try {
        process.kill(-child.pid, signal);
      } catch {}
      for (const port of ports) await until(async () => !(await listening(port)), `port ${port} to close`);
    },
  };
}

/** The process groups started, ended when the harness ends, however it ends. */
const started = [];
process.on("exit", () => {
  for (const pid of started) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {}
  }
});

/** Opens `url` in a fresh context (empty cache); resolves once the app rendered. */
async function open(browser, url) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  // Room for every module's entry (the default buffer holds 250).
  await page.evaluateOnNewDocument(() => performance.setResourceTimingBufferSize(5000));
  let connected;
  const hmr = new Promise((resolve) => (connected = resolve));
  page.on("console", (message) => {
    if (message.text().includes("[vite] connected")) connected();
  });
  const started = now();
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await page.waitForFunction(() => document.documentElement.dataset.rendered === "300", {
    polling: "raf",
  });
  const loaded = now() - started;
  const modules = await page.evaluate(() => performance.getEntriesByType("resource").length);
  return { context, page, loaded, modules, hmr };
}

/** Writes a new colour into app.css; resolves with the time until the open page shows it. */
async function cssUpdate(page, round) {
  const colour = `rgb(${round % 256}, ${(round * 7) % 256}, 1)`;
  await page.evaluate((colour) => {
    window.__shownAt = 0;
    const app = document.getElementById("app");
    const check = () => {
      if (!window.__shownAt && getComputedStyle(app).color === colour) {
        window.__shownAt = performance.timeOrigin + performance.now();
      }
    };
    new MutationObserver(check).observe(document.head, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
    });
  }, colour);
  const written = now();
  fs.writeFileSync(CSS, `#app {\n  color: ${colour};\n}\n`);
  await page.waitForFunction(() => window.__shownAt > 0, { polling: 5, timeout: 10000 });
  return (await page.evaluate(() => window.__shownAt)) - written;
}

/** Saves the template with a new stamp; resolves with the times until the reloaded page is parsed and rendered. */
async function templateReload(page, round) {
  const original = fs.readFileSync(TEMPLATE, "utf8");
  const navigation = page.waitForNavigation({ waitUntil: "domcontentloaded" });
  const written = now();
  fs.writeFileSync(TEMPLATE, original.replace(/<p id="stamp">\d+<\/p>/, `<p id="stamp">${round}</p>`));
  await navigation;
  await page.waitForFunction(() => document.documentElement.dataset.rendered === "300", {
    polling: "raf",
  });
  const rendered = now() - written;
  const { stamp, parsed } = await page.evaluate(() => ({
    stamp: document.getElementById("stamp").textContent,
    parsed: performance.timeOrigin + performance.getEntriesByType("navigation")[0].domInteractive,
  }));
  if (stamp !== String(round)) throw new Error(`the reloaded page has stamp ${stamp}, not ${round}`);
  return { parsed: parsed - written, rendered };
}

/** The page's reload events are open once one of ours, opened after them, is. */
async function reloadEventsOpen(page) {
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const probe = new EventSource("/assets/__vite_asset_reload");
        probe.onopen = () => {
          probe.close();
          resolve();
        };
      }),
  );
}

generate();
const cssOriginal = fs.readFileSync(CSS, "utf8");
const templateOriginal = fs.readFileSync(TEMPLATE, "utf8");
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
});

try {
  // 1. From `cargo run` to the first rendered page: the DevServer started by
  //    the server, against one already running (the two-terminal way).
  const startup = { started: [], running: [] };
  const optimized = process.env.DEPS_OPTIMIZED === "1" ? ["--config", 'profile.dev.package."*".opt-level=2'] : [];
  const cargo = (ports) => start("cargo", ["run", "--quiet", ...optimized], BENCH, ports);
  const firstPage = async (ports) => {
    const begun = now();
    const server = cargo(ports);
    await until(() => answers(`${PROXY}/`), "the server");
    const { context } = await open(browser, `${PROXY}/`);
    const elapsed = now() - begun;
    await context.close();
    return { server, elapsed };
  };
  // A first run warms cargo's and Vite's caches (the dependency pre-bundle).
  const both = [PORT, VITE_PORT];
  await (await firstPage(both)).server.stop();
  for (let round = 0; round < RUNS; round++) {
    const { server, elapsed } = await firstPage(both);
    startup.started.push(elapsed);
    await server.stop();
    // Vite stops on SIGTERM (on SIGINT only from a terminal).
    const vite = start(path.join(FRONTEND, "node_modules/.bin/vite"), [], FRONTEND, [VITE_PORT], "SIGTERM");
    await until(() => answers(`${DIRECT}/assets/`), "Vite");
    const reused = await firstPage([PORT]);
    startup.running.push(reused.elapsed);
    await reused.server.stop();
    await vite.stop();
  }

  // The server, and the DevServer it starts, for the rest.
  const server = cargo(both);
  await until(() => answers(`${PROXY}/`), "the server");
  await until(() => answers(`${DIRECT}/assets/`), "the DevServer it starts");
  const variants = [
    { name: "Vite direct (`localhost:5273/assets/`)", url: `${DIRECT}/assets/` },
    { name: "the same page through the dev proxy (`127.0.0.1:8400/assets/`)", url: `${PROXY}/assets/` },
    { name: "the Rust server's page (minijinja, `vite_tags`)", url: `${PROXY}/` },
  ];
  const loads = variants.map(() => []);
  const updates = variants.map(() => []);
  let modules = 0;
  for (const variant of variants) (await open(browser, variant.url)).context.close();

  // 2. The first page in a fresh browser context, and 3. a CSS edit's hot
  //    update on it, the variants interleaved.
  for (let round = 0; round < RUNS; round++) {
    const order = round % 2 ? [...variants.keys()].reverse() : [...variants.keys()];
    for (const index of order) {
      const opened = await open(browser, variants[index].url);
      loads[index].push(opened.loaded);
      modules = Math.max(modules, opened.modules);
      await opened.hmr;
      updates[index].push(await cssUpdate(opened.page, round * 3 + index + 1));
      await opened.context.close();
    }
  }

  // 4. A saved template: the Rust server's page reloads.
  const reloads = { parsed: [], rendered: [] };
  const opened = await open(browser, `${PROXY}/`);
  await opened.hmr;
  for (let round = 1; round <= RUNS; round++) {
    await reloadEventsOpen(opened.page);
    const { parsed, rendered } = await templateReload(opened.page, round);
    reloads.parsed.push(parsed);
    reloads.rendered.push(rendered);
  }
  await opened.context.close();
  await server.stop();

  console.log(`\n${RUNS} runs per cell, medians; the app: ${MODULES} components, ${modules} requests per page.\n`);
  console.log("| page | first load (fresh context) | CSS edit to new style | vs Vite direct |");
  console.log("|---|---|---|---|");
  variants.forEach((variant, index) => {
    const load = median(loads[index]);
    const update = median(updates[index]);
    const ratio = `${(load / median(loads[0])).toFixed(2)}x / ${(update / median(updates[0])).toFixed(2)}x`;
    console.log(`| ${variant.name} | ${ms(load)} | ${ms(update)} | ${ratio} |`);
  });
  console.log("\n| a saved minijinja template | to the reloaded page parsed | to its app rendered |");
  console.log("|---|---|---|");
  console.log(`| through the reload events | ${ms(median(reloads.parsed))} | ${ms(median(reloads.rendered))} |`);
  console.log("\n| `cargo run` (built) to the first rendered page | median | vs Vite already running |");
  console.log("|---|---|---|");
  console.log(`| Vite already running (two terminals) | ${ms(median(startup.running))} | 1.00x |`);
  console.log(
    `| the DevServer started by the server | ${ms(median(startup.started))} | ${(median(startup.started) / median(startup.running)).toFixed(2)}x |`,
  );
} finally {
  fs.writeFileSync(CSS, cssOriginal);
  fs.writeFileSync(TEMPLATE, templateOriginal);
  await browser.close();
}
