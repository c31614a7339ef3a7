#!/usr/bin/env node
// Accessibility and reflow check of a static site in Debian's headless Chromium (tests/test_browser.py runs it
// on build/web/; `npm ci` here installs the pinned puppeteer-core and axe-core, and never a browser).
//
//   node check.js DIR [--file] [--base-url URL] [--jobs N] [--strict] [--out report.json]
//
// For every *.html under DIR (sorted), in each viewport below: load the page, run axe-core with
// the WCAG 2.0/2.1 A and AA rules, and check that nothing scrolls sideways. Every same-site
// address a page uses (links, stylesheets, images, PDFs) must answer, and the page may fetch
// nothing from elsewhere. Prints a JSON summary on stdout. Exit 0: no violation; 1: violations;
// 2: the harness itself failed.
//
// The site is served by `python3 -m http.server` on a free port (started here, stopped at the
// end), as a static host would serve it; --file loads file:// URLs instead (the site must work
// from disk too); --base-url checks a site someone else serves (DIR still lists the pages).
//
// Viewports:
//   w320     320 x 640 CSS px           WCAG 1.4.10 Reflow (1280 px at 400% = 320 CSS px); axe
//   w1280    1280 x 800 CSS px          a desktop; axe
//   zoom200  640 x 400 CSS px, DPR 2    WCAG 1.4.4 Resize text: a 1280 x 800 window at 200% browser
//                                       zoom. Browser zoom shrinks the layout viewport (innerWidth
//                                       640, media queries see 640) and doubles the device pixel
//                                       ratio; setViewport reproduces exactly that. (Pinch zoom,
//                                       Emulation.setPageScaleFactor, and CSS `zoom` on <html> do
//                                       not: innerWidth stays 1280 and nothing reflows.)
//   text200  320 CSS px, root font-size 200%: text-only zoom on a phone. Beyond what WCAG asks,
//            so advisory (reported, fails only with --strict).

"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawn } = require("child_process");
const puppeteer = require("puppeteer-core");

const REQUIRED_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const ADVISORY_TAGS = ["wcag22aa", "best-practice"];
const VIEWPORTS = [
  { name: "w320", width: 320, height: 640, deviceScaleFactor: 1, axe: true, required: true },
  { name: "w1280", width: 1280, height: 800, deviceScaleFactor: 1, axe: true, required: true },
  { name: "zoom200", width: 640, height: 400, deviceScaleFactor: 2, axe: false, required: true },
  { name: "text200", width: 320, height: 640, deviceScaleFactor: 1, axe: false, required: false, rootFontSize: "200%" },
];
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

function parseArgs(argv) {
  const args = { dir: null, file: false, baseUrl: null, jobs: Math.min(4, Math.max(1, os.cpus().length)), strict: false, out: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--file") args.file = true;
    else if (a === "--strict") args.strict = true;
    else if (a === "--base-url") args.baseUrl = argv[++i].replace(/\/?$/, "/");
    else if (a === "--jobs") args.jobs = Math.max(1, parseInt(argv[++i], 10));
    else if (a === "--out") args.out = argv[++i];
    else if (!args.dir) args.dir = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!args.dir) throw new Error("usage: node check.js DIR [--file] [--base-url URL] [--jobs N] [--strict] [--out FILE]");
  args.dir = path.resolve(args.dir);
  return args;
}

function htmlFiles(dir) {
  const out = [];
  (function walk(d) {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith(".html")) out.push(path.relative(dir, p).split(path.sep).join("/"));
    }
  })(dir);
  return out.sort();
}

// python3 -m http.server on port 0 (the OS picks a free one); its first line names the port.
function serve(dir) {
  return new Promise((resolve, reject) => {
    const python = process.env.PYTHON || "python3";
    const child = spawn(python, ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", dir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`http.server did not start: ${seen}`)), 10000);
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      const m = /port (\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: `http://127.0.0.1:${m[1]}/` });
      }
    });
    child.stderr.on("data", () => {}); // the request log; drained so the pipe never blocks
    child.on("exit", (code) => reject(new Error(`http.server exited (${code}): ${seen}`)));
  });
}

// Runs in the page: what scrolls sideways, and which elements stick out.
function measureOverflow() {
  const root = document.documentElement;
  const limit = root.clientWidth; // the viewport less a classic scrollbar: what the reader sees
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > limit + 0.5) {
      const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
      wide.push({ element: name, right: Math.round(r.right), text: (el.textContent || "").trim().slice(0, 60) });
    }
  }
  return {
    innerWidth: window.innerWidth,
    clientWidth: limit,
    scrollWidth: root.scrollWidth,
    devicePixelRatio: window.devicePixelRatio,
    overflows: root.scrollWidth > limit,
    wide: wide.slice(0, 5),
  };
}

async function checkPage(browser, axeSource, url, local, origin) {
  const page = await browser.newPage();
  const result = { page: url, viewports: {}, requests: { failed: [], foreign: [] }, links: [] };
  // axe-core itself re-fetches the stylesheets with XHR (its CSSOM preload, for
  // css-orientation-lock); from file:// those fetches fail, and may fail after axe.run has
  // returned. The pages have no script, so an xhr/fetch request is always axe's: not counted.
  let phase = "";
  const byAxe = (req) => ["xhr", "fetch"].includes(req.resourceType());
  page.on("requestfailed", (req) => {
    if (!byAxe(req)) result.requests.failed.push(`${req.url()} (${req.failure() && req.failure().errorText}; ${phase})`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) result.requests.failed.push(`${res.url()} (HTTP ${res.status()}; ${phase})`);
  });
  page.on("request", (req) => {
    if (!byAxe(req) && !req.url().startsWith(origin) && !req.url().startsWith("data:")) result.requests.foreign.push(req.url());
  });
  try {
    for (const vp of VIEWPORTS) {
      phase = vp.name;
      await page.setViewport({ width: vp.width, height: vp.height, deviceScaleFactor: vp.deviceScaleFactor });
      await page.goto(url, { waitUntil: "load", timeout: 30000 });
      if (vp.rootFontSize) await page.evaluate((s) => (document.documentElement.style.fontSize = s), vp.rootFontSize);
      const entry = { overflow: await page.evaluate(measureOverflow) };
      if (vp.axe) {
        await page.evaluate(axeSource);
        const axe = await page.evaluate(
          (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations", "incomplete"] }),
          [...REQUIRED_TAGS, ...ADVISORY_TAGS]
        );
        const summarise = (v) => ({
          id: v.id,
          impact: v.impact,
          tags: v.tags.filter((t) => /^wcag|best-practice/.test(t)),
          help: v.help,
          nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
        });
        const required = (v) => v.tags.some((t) => REQUIRED_TAGS.includes(t));
        entry.violations = axe.violations.filter(required).map(summarise);
        entry.advisory = axe.violations.filter((v) => !required(v)).map(summarise);
        // "incomplete": axe could not decide (e.g. a background it cannot compute). Not a pass:
        // listed under needs_review, and a failure with --strict.
        entry.incomplete = axe.incomplete.filter(required).map(summarise);
        entry.passes = axe.passes.length;
      }
      result.viewports[vp.name] = entry;
    }
    // Every address the page names, on this site: it must exist.
    result.links = await page.evaluate(() =>
      [...document.querySelectorAll("a[href], link[href], img[src], script[src]")].map((el) => el.href || el.src)
    );
  } finally {
    await page.close();
  }
  return result;
}

async function brokenLinks(urls, dirForFile, origin) {
  const broken = [];
  for (const u of [...new Set(urls)].sort()) {
    if (!u.startsWith(origin)) continue; // tel:, mailto:, other sites: not ours to fetch
    const bare = u.split("#")[0];
    if (dirForFile) {
      let p = decodeURIComponent(new URL(bare).pathname);
      if (p.endsWith("/")) p += "index.html";
      if (!fs.existsSync(p)) broken.push(u);
    } else {
      const res = await fetch(bare, { method: "HEAD", redirect: "follow" });
      if (res.status !== 200) broken.push(`${u} (HTTP ${res.status})`);
    }
  }
  return broken;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const began = Date.now();
  const pages = htmlFiles(args.dir);
  if (pages.length === 0) throw new Error(`no .html files under ${args.dir}`);
  const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  let server = null;
  let base = args.baseUrl;
  if (args.file) base = "file://" + args.dir.split(path.sep).map(encodeURIComponent).join("/") + "/";
  else if (!base) {
    server = await serve(args.dir);
    base = server.base;
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "axe-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--headless=new",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--no-default-browser-check",
      `--user-data-dir=${profile}`,
    ],
  });
  const results = [];
  try {
    const queue = pages.map((p, i) => [i, p]);
    const worker = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const [i, rel] = item;
        results[i] = await checkPage(browser, axeSource, base + rel, args.file, base);
        results[i].page = rel;
      }
    };
    await Promise.all(Array.from({ length: Math.min(args.jobs, pages.length) }, worker));
    const allLinks = results.flatMap((r) => r.links);
    var broken = await brokenLinks(allLinks, args.file ? args.dir : null, base);
    var version = await browser.version();
  } finally {
    await browser.close();
    if (server) server.child.kill();
    fs.rmSync(profile, { recursive: true, force: true });
  }

  const problems = [];
  const advisories = [];
  const needsReview = [];
  for (const r of results) {
    for (const vp of VIEWPORTS) {
      const e = r.viewports[vp.name];
      const into = vp.required || args.strict ? problems : advisories;
      if (e.overflow.overflows)
        into.push({ page: r.page, viewport: vp.name, kind: "horizontal-scroll", scrollWidth: e.overflow.scrollWidth, clientWidth: e.overflow.clientWidth, wide: e.overflow.wide });
      for (const v of e.violations || []) problems.push({ page: r.page, viewport: vp.name, kind: "axe", ...v });
      for (const v of e.advisory || []) (args.strict ? problems : advisories).push({ page: r.page, viewport: vp.name, kind: "axe-advisory", ...v });
      for (const v of e.incomplete || []) (args.strict ? problems : needsReview).push({ page: r.page, viewport: vp.name, kind: "axe-incomplete", ...v });
    }
    for (const f of r.requests.failed) problems.push({ page: r.page, kind: "failed-request", url: f });
    for (const f of [...new Set(r.requests.foreign)]) problems.push({ page: r.page, kind: "foreign-request", url: f });
  }
  for (const b of broken) problems.push({ kind: "broken-link", url: b });

  const summary = {
    ok: problems.length === 0,
    served: args.file ? "file://" : server ? "python3 -m http.server" : base,
    browser: version,
    puppeteer_core: require("puppeteer-core/package.json").version,
    axe_core: require("axe-core/package.json").version,
    tags: REQUIRED_TAGS,
    viewports: VIEWPORTS.map(({ name, width, height, deviceScaleFactor, axe, required, rootFontSize }) => ({ name, width, height, deviceScaleFactor, axe, required, rootFontSize: rootFontSize || "100%" })),
    pages: pages.length,
    checks: results.reduce((n, r) => n + Object.keys(r.viewports).length, 0),
    axe_runs: results.reduce((n, r) => n + Object.values(r.viewports).filter((e) => e.violations).length, 0),
    links_checked: new Set(results.flatMap((r) => r.links).filter((u) => u.startsWith(base))).size,
    seconds: Math.round((Date.now() - began) / 100) / 10,
    problems,
    needs_review: needsReview,
    advisories,
  };
  const text = JSON.stringify(summary, null, 1);
  if (args.out) fs.writeFileSync(args.out, text + "\n");
  process.stdout.write(text + "\n");
  process.exitCode = problems.length === 0 ? 0 : 1;
}

main().catch((err) => {
  process.stderr.write(`check.js: ${err && err.stack ? err.stack : err}\n`);
  process.exit(2);
});
