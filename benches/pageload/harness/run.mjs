// The page-load benchmark: drives the system Chromium through the DevTools
// protocol (puppeteer-core), emulates a slow and a fast network, and loads each
// variant of the page cold (a first visit, empty cache) and warm (a repeat visit), RUNS
// times each. It prints medians as a Markdown table.
//
//     node run.mjs ORIGIN_COMPRESSED ORIGIN_UNCOMPRESSED [RUNS]
//
// benches/pageload/run.sh starts the two servers and calls it.

import puppeteer from "puppeteer-core";

const [compressed, uncompressed, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg ?? 5);

const PROFILES = [
  { name: "slow (150 ms, 1.6 Mbit/s)", latency: 150, bitsPerSecond: 1.6e6 },
  { name: "fast (40 ms, 10 Mbit/s)", latency: 40, bitsPerSecond: 10e6 },
];

// Each variant: a page (`?v=`) on a server (compressed or not).
const VARIANTS = [
  // As the tutorial serves it: Flask's static files, uncompressed.
  { name: "the tutorial's way (entry file and its CSS), uncompressed", origin: uncompressed, query: "v=tutorial" },
  { name: "`vite_tags!`, uncompressed", origin: uncompressed, query: "v=tags" },
  { name: "`vite_tags!` + `vite_files!()` (brotli)", origin: compressed, query: "v=tags" },
  { name: "… + `prefetch` of the lazy routes", origin: compressed, query: "v=prefetch" },
  { name: "… + `vite_preload!` of the hero image and the latin font", origin: compressed, query: "v=preload" },
  { name: "… + `vite_preload!` of the hero image and every woff2 subset", origin: compressed, query: "v=preload-all-fonts" },
  { name: "`vite_tags!` + `vite_files!()`, the entry's script `fetchpriority=\"high\"`", origin: compressed, query: "v=priority-script" },
  // A page whose body takes 300 ms after its headers (a slow query), without and with the Link header.
  { name: "slow body (300 ms), no `Link` header", origin: compressed, query: "v=slow-nolink" },
  { name: "slow body (300 ms), with `Tags::link_header()`", origin: compressed, query: "v=slow-link" },
];

// The custom properties that each stylesheet of the first screen sets on :root.
const STYLESHEETS = ["--css-app", "--css-layout"];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** One page load; returns its measurements. */
async function load(browser, url, profile, warm) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send("Network.enable");
  if (warm) {
    // The first visit fills the cache; the measured one is the repeat visit.
    await page.goto(url, { waitUntil: "load" });
    await page.waitForFunction(() => document.documentElement.dataset.rendered === "home");
    await page.goto("about:blank");
  } else {
    // A first visit: a fresh context, its cache empty (not disabled: prefetches
    // must land in it for the navigation after).
    await cdp.send("Network.clearBrowserCache");
  }
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: profile.latency,
    downloadThroughput: profile.bitsPerSecond / 8,
    uploadThroughput: profile.bitsPerSecond / 8,
  });
  const requests = new Map();
  cdp.on("Network.requestWillBeSent", (event) => {
    requests.set(event.requestId, {
      url: event.request.url,
      type: event.type,
      initiator: event.initiator?.url ?? event.initiator?.stack?.callFrames?.[0]?.url ?? null,
      bytes: 0,
      fromCache: false,
    });
  });
  cdp.on("Network.requestServedFromCache", (event) => {
    const request = requests.get(event.requestId);
    if (request) request.fromCache = true;
  });
  cdp.on("Network.responseReceived", (event) => {
    const request = requests.get(event.requestId);
    if (request && (event.response.fromDiskCache || event.response.fromPrefetchCache)) request.fromCache = true;
  });
  cdp.on("Network.loadingFinished", (event) => {
    const request = requests.get(event.requestId);
    if (request) request.bytes = event.encodedDataLength;
  });

  const started = Date.now();
  await page.goto(url, { waitUntil: "domcontentloaded" });
  let rendered = null;
  try {
    await page.waitForFunction(() => document.documentElement.dataset.rendered === "home", { timeout: 30000 });
    rendered = await page.evaluate(() => performance.getEntriesByName("rendered:home")[0]?.startTime ?? null);
  } catch {
    rendered = null;
  }
  // Once the first screen is complete (its image and font) and the network is
  // quiet (prefetches done): LCP, the last candidate the browser reported.
  await page
    .waitForFunction(() => [...document.images].every((image) => image.complete), { timeout: 60000 })
    .catch(() => {});
  await page.evaluate(() => document.fonts.ready);
  await page.waitForNetworkIdle({ idleTime: 500, timeout: 60000 }).catch(() => {});
  const lcp = await page.evaluate(
    () =>
      new Promise((resolve) => {
        let last = null;
        new PerformanceObserver((list) => {
          last = list.getEntries().at(-1)?.startTime ?? last;
        }).observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(() => resolve(last), 300);
      }),
  );
  // When the first screen's image had arrived (resource timing of the <img>).
  const image = await page.evaluate(() => {
    const hero = document.querySelector("img.hero");
    const entry = hero && performance.getEntriesByName(hero.currentSrc || hero.src)[0];
    return entry ? entry.responseEnd : null;
  });
  const styles = await page.evaluate(
    (names) => names.map((name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() === "1"),
    STYLESHEETS,
  );
  const font = await page.evaluate(async () => {
    await document.fonts.ready;
    return document.fonts.check("16px Inter");
  });

  // Navigation to a lazy route: requests made after the click, and its time.
  const before = requests.size;
  const clicked = Date.now();
  await page.click('a[href="/reports"]');
  await page.waitForFunction(() => document.documentElement.dataset.rendered === "reports", { timeout: 30000 });
  const navigation = Date.now() - clicked;
  const navigationRequests = [...requests.values()].slice(before).filter((request) => !request.fromCache).length;

  const loaded = [...requests.values()].slice(0, before);
  const network = loaded.filter((request) => !request.fromCache);
  // The longest chain of dependent requests: each request after its initiator.
  const depth = new Map();
  const depthOf = (request, seen = new Set()) => {
    if (depth.has(request.url)) return depth.get(request.url);
    if (seen.has(request.url)) return 1;
    seen.add(request.url);
    const parent = loaded.find((other) => other.url === request.initiator);
    const value = parent ? depthOf(parent, seen) + 1 : 1;
    depth.set(request.url, value);
    return value;
  };
  const chain = Math.max(...network.map((request) => depthOf(request)));
  // What the first render needs: the page, its stylesheets and its scripts.
  const critical = network.filter((request) => ["Document", "Stylesheet", "Script"].includes(request.type));
  const criticalChain = Math.max(...critical.map((request) => depthOf(request)));
  if (process.env.DEBUG) console.error(warm ? "warm" : "cold", network.map((request) => `${request.type} ${request.url}`));
  await context.close();
  return {
    rendered,
    lcp,
    image,
    requests: network.length,
    bytes: network.reduce((sum, request) => sum + request.bytes, 0),
    chain,
    criticalBytes: critical.reduce((sum, request) => sum + request.bytes, 0),
    criticalChain,
    styled: styles.every(Boolean) && font,
    navigation,
    navigationRequests,
    wall: Date.now() - started,
  };
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});

// ONLY=slow- runs the variants whose query contains it; ONLY=v=tags,priority, those of either.
const only = process.env.ONLY?.split(",");
const chosen = VARIANTS.filter((variant) => !only || only.some((part) => variant.query.includes(part)));
const rows = [];
for (const profile of PROFILES) {
  for (const warm of [false, true]) {
    for (const variant of chosen) {
      const results = [];
      for (let run = 0; run < RUNS; run++) {
        results.push(await load(browser, `${variant.origin}/?${variant.query}`, profile, warm));
      }
      const pick = (key) => median(results.map((result) => result[key]).filter((value) => value !== null));
      const row = {
        profile: profile.name,
        visit: warm ? "warm" : "cold",
        variant: variant.name,
        rendered: pick("rendered"),
        lcp: pick("lcp"),
        image: pick("image"),
        requests: pick("requests"),
        bytes: pick("bytes"),
        chain: pick("chain"),
        criticalBytes: pick("criticalBytes"),
        criticalChain: pick("criticalChain"),
        styled: results.every((result) => result.styled),
        navigation: pick("navigation"),
        navigationRequests: pick("navigationRequests"),
        floor: null,
      };
      // This variant's own floor: every round trip of the longest chain of what the
      // first render needs (page, CSS, JS), plus those bytes at the line's speed.
      row.floor = row.criticalChain * profile.latency + (row.criticalBytes * 8 * 1000) / profile.bitsPerSecond;
      rows.push(row);
      console.error(JSON.stringify(row));
    }
  }
}
await browser.close();

// The floor of a profile and visit: what our default set-up (tags and
// compression) needs, its round trips and its bytes, with no time lost between them.
const DEFAULT = "`vite_tags!` + `vite_files!()` (brotli)";
for (const row of rows) {
  const ours = rows.find((other) => other.profile === row.profile && other.visit === row.visit && other.variant === DEFAULT);
  if (ours) row.floor = ours.floor;
}

const ms = (value) => (value === null || Number.isNaN(value) ? "–" : `${Math.round(value)} ms`);
console.log("| network | visit | variant | rendered | LCP | hero image | requests | kB on the wire | longest chain | all CSS and the font applied | floor | rendered ÷ floor | lazy route: time, requests |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const row of rows) {
  console.log(
    `| ${row.profile} | ${row.visit} | ${row.variant} | ${ms(row.rendered)} | ${ms(row.lcp)} | ${ms(row.image)} | ${row.requests} | ${(row.bytes / 1000).toFixed(1)} | ${row.chain} | ${row.styled ? "yes" : "**no**"} | ${ms(row.floor)} | ${row.rendered ? (row.rendered / row.floor).toFixed(2) + "x" : "–"} | ${ms(row.navigation)}, ${row.navigationRequests} |`,
  );
}
