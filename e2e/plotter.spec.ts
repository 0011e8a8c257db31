import { expect, test, type Locator } from "./fixtures/test";
import { MoteApp } from "./app";

// The plotter on the virtual board (the real MicroPython WASM build), driven as a person would: open it beside the
// terminal, run a program that prints readings, watch, pause, hide a series, export.

const SIN_COS = `import math, time
print("i,sin,cos")
i = 0
while True:
    print("%d, %.4f, %.4f" % (i, math.sin(i / 5), math.cos(i / 5)))
    i += 1
    time.sleep_ms(50)
`;

/** How many of the chart canvas's pixels are close to `rgb` (a CSS rgb() string): a drawn line's footprint. */
async function pixelsOfColour(chart: Locator, rgb: string): Promise<number> {
  return chart.locator("canvas").evaluate((canvas, colour) => {
    const [r, g, b] = colour.match(/\d+/g)!.map(Number);
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 200 && Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 40) n++;
    }
    return n;
  }, rgb);
}

/** A digest of the chart's pixels, to tell whether it was redrawn with different data. */
async function chartDigest(chart: Locator): Promise<string> {
  return chart.locator("canvas").evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let h = 2166136261;
    for (let i = 0; i < data.length; i += 7) h = Math.imul(h ^ data[i], 16777619);
    return `${c.width}x${c.height}:${h >>> 0}`;
  });
}

/** The colour the legend shows for a series (the chart draws with the same CSS variable). */
async function legendColour(app: MoteApp, name: string): Promise<string> {
  return app
    .plotterButton(name)
    .locator(".plot-swatch")
    .evaluate((el) => getComputedStyle(el).backgroundColor);
}

test.describe("plotter", () => {
  let app: MoteApp;

  test.beforeEach(async ({ page }) => {
    app = new MoteApp(page);
    await app.goto();
    await app.waitForBoardReady();
  });

  test("plots i, sin, cos live; pause holds the values; hidden series leave the chart; CSV matches the print", async ({ page }) => {
    await app.openPlotter();
    await expect(app.plotter()).toContainText("Nothing to plot yet");
    await app.setEditorText(SIN_COS);
    await app.run();

    // The header names the series; each gets a legend toggle, pressed (shown).
    for (const name of ["i", "sin", "cos"]) await expect(app.plotterButton(name)).toHaveAttribute("aria-pressed", "true");
    const chart = app.plotter().getByRole("img", { name: /^Line chart of i, sin, cos, over the last 30 seconds$/ });
    await expect(chart).toBeVisible();
    await expect.poll(async () => Number((await app.plotLatestValues()).match(/: i (\d+)/)?.[1] ?? -1), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);

    // Pause: the board keeps printing (the terminal moves on) but the shown values and the chart stand still.
    await app.plotterButton("Pause").click();
    await expect(app.plotterButton("Resume")).toBeVisible();
    await expect(app.plotter()).toContainText("Paused: still recording");
    const heldValues = await app.plotLatestValues();
    expect(heldValues).toMatch(/^Paused at [\d.]+ s: i \d+, sin -?\d\.\d{4}, cos -?\d\.\d{4}\.$/);
    const heldChart = await chartDigest(chart);
    const terminalBefore = await app.replText();
    await expect.poll(() => app.replText(), { timeout: 10_000 }).not.toBe(terminalBefore);
    await page.waitForTimeout(400);
    expect(await app.plotLatestValues()).toBe(heldValues);
    expect(await chartDigest(chart)).toBe(heldChart);
    await app.screenshot("80-plotter-paused");

    // Resume jumps to the latest. Stop ends the program with a KeyboardInterrupt traceback, which plots nothing.
    await app.plotterButton("Resume").click();
    await expect.poll(() => app.plotLatestValues()).not.toBe(heldValues);
    await app.stop();
    await expect(app.status).toContainText("Ready", { timeout: 15_000 });
    await app.expectReplToContain(/KeyboardInterrupt/);
    const lastPrinted = (await app.replText()).split("\n").filter((l) => /^\d+, /.test(l)).pop()!;
    const count = Number(lastPrinted.split(",")[0]) + 1;
    await expect.poll(() => app.plotLatestValues()).toMatch(new RegExp(`^At [\\d.]+ s: i ${count - 1}, sin `));

    // The canvas carries each series' colour, as the legend shows it. i (0..N) dwarfs sin and cos on one axis, so
    // hiding it re-scales the chart to them; hiding sin then takes its line off too.
    const colours = Object.fromEntries(await Promise.all(["i", "sin", "cos"].map(async (n) => [n, await legendColour(app, n)])));
    expect(new Set(Object.values(colours)).size).toBe(3);
    expect(await pixelsOfColour(chart, colours.i)).toBeGreaterThan(30);
    await app.plotterButton("i").click();
    await expect(app.plotterButton("i")).toHaveAttribute("aria-pressed", "false");
    await expect.poll(() => pixelsOfColour(chart, colours.i)).toBeLessThan(5);
    for (const n of ["sin", "cos"]) expect(await pixelsOfColour(chart, colours[n])).toBeGreaterThan(30);
    await app.screenshot("81-plotter-i-hidden");
    await app.plotterButton("sin").click();
    await expect(app.plotterButton("sin")).toHaveAttribute("aria-pressed", "false");
    await expect.poll(() => pixelsOfColour(chart, colours.sin)).toBeLessThan(5);
    expect(await pixelsOfColour(chart, colours.cos)).toBeGreaterThan(30);
    expect(await app.plotLatestValues()).toMatch(/i \d+ \(hidden\), sin -?[\d.]+ \(hidden\), cos -?[\d.]+\.$/);

    // Export: a time column and the three series, every value as the board printed it.
    const csv = await app.exportPlotCsv();
    expect(csv.name).toMatch(/^mote-plot-\d{4}-\d\d-\d\d-\d{6}\.csv$/);
    const lines = csv.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("time_s,i,sin,cos");
    const rows = lines.slice(1).map((l) => l.split(","));
    expect(rows).toHaveLength(count);
    rows.forEach(([t, i, sin, cos], k) => {
      expect(t).toMatch(/^\d+\.\d{3}$/);
      expect(i).toBe(String(k));
      expect(Number(sin)).toBeCloseTo(Math.sin(k / 5), 4);
      expect(Number(cos)).toBeCloseTo(Math.cos(k / 5), 4);
      expect(sin).toMatch(/^-?\d\.\d{4}$/);
    });
    // The lines still on screen read exactly as the CSV rows do.
    const onScreen = (await app.replText()).split("\n").filter((l) => /^\d+, /.test(l));
    expect(onScreen.length).toBeGreaterThan(3);
    const byIndex = new Map(rows.map((r) => [r[1], r.slice(1).join(", ")]));
    for (const line of onScreen) expect(byIndex.get(line.split(",")[0])).toBe(line);
    expect(app.consoleErrors).toEqual([]);
  });

  test("a board printing 100 lines/s with the plotter open leaves every line in the terminal", async () => {
    await app.openPlotter();
    await app.setEditorText(`import math, time
for i in range(300):
    print(i, i * i % 97, "%.3f" % math.sin(i / 10))
    time.sleep_ms(10)
print("end of flood")
`);
    await app.run();
    await expect(app.status).toContainText("Ready", { timeout: 30_000 });
    await app.expectReplToContain(/^end of flood$/m);

    // Unnamed columns get Arduino-style names.
    for (const name of ["value 1", "value 2", "value 3"]) await expect(app.plotterButton(name)).toBeVisible();
    const csv = await app.exportPlotCsv();
    expect(csv.text.trimEnd().split("\r\n")).toHaveLength(301);

    const lines = (await app.replAllLines()).filter((l) => /^\d+ \d+ -?\d\.\d{3}$/.test(l));
    expect(lines.map((l) => Number(l.split(" ")[0]))).toEqual(Array.from({ length: 300 }, (_, i) => i));
    lines.forEach((l, i) => expect(l.split(" ")[1]).toBe(String((i * i) % 97)));
    expect(await app.replText()).not.toMatch(/dropped/i);
    expect(app.consoleErrors).toEqual([]);
  });

  test("plots a burst by line; follows a switch to a light theme", async ({ page }) => {
    // The app follows the system's theme (Settings: System): dark first, then light below.
    await page.emulateMedia({ colorScheme: "dark" });
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await app.openPlotter();
    // A tight loop at the REPL: all 40 lines arrive at (nearly) one instant.
    await app.typeInRepl("for k in range(40): print(k % 10, 9 - k % 10)");
    await page.keyboard.press("Enter"); // ends the for block at the REPL's "..." prompt
    await expect(app.plotterButton("value 2")).toBeVisible();
    await expect.poll(() => app.plotLatestValues()).toMatch(/: value 1 9, value 2 0\.$/);

    // By time they stack on one x; by line they spread into the saw-tooth that was printed.
    await app.plotter().getByRole("combobox", { name: "X axis" }).selectOption("line");
    const chart = app.plotter().getByRole("img", { name: /^Line chart of value 1, value 2, over the last 30 seconds, by line$/ });
    const dark = await legendColour(app, "value 1");
    await expect.poll(() => pixelsOfColour(chart, dark)).toBeGreaterThan(200);
    await app.screenshot("82-plotter-by-line");

    // The system switches to light; the app's palette follows, and the chart with it.
    await page.emulateMedia({ colorScheme: "light" });
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    // The chart rebuilds at once; the legend follows with its next text refresh.
    await expect.poll(() => legendColour(app, "value 1")).not.toBe(dark);
    const light = await legendColour(app, "value 1");
    await expect.poll(() => pixelsOfColour(chart, light)).toBeGreaterThan(200);
    expect(await pixelsOfColour(chart, dark)).toBeLessThan(5);
    await app.screenshot("83-plotter-light");
  });
});
