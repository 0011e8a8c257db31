// Renders public/icons/*.svg to the PNG sizes the web manifest lists, with the system Chromium (as the e2e tests
// use it). Run by hand after changing an icon: `node scripts/make-icons.mjs`; the PNGs are committed.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const dir = path.resolve(import.meta.dirname, "../public/icons");
/** @type {Array<[svg: string, png: string, size: number]>} */
const jobs = [
  ["mote.svg", "mote-192.png", 192],
  ["mote.svg", "mote-512.png", 512],
  ["mote-maskable.svg", "mote-maskable-512.png", 512],
  ["mote.svg", "apple-touch-icon.png", 180],
];

const executablePath = process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
try {
  for (const [svg, png, size] of jobs) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const markup = readFileSync(path.join(dir, svg), "utf8").replace("<svg ", `<svg width="${size}" height="${size}" `);
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block}</style>${markup}`);
    await page.screenshot({ path: path.join(dir, png), omitBackground: true });
    await page.close();
    console.log(`${png} (${size}x${size})`);
  }
} finally {
  await browser.close();
}
