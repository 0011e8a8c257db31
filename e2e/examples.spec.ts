import { expect, test } from "./fixtures/test";
import http from "node:http";
import type net from "node:net";
import { startMosquitto, subscribe } from "../src/transports/node/mosquitto";
import { MoteApp } from "./app";
import { requireMosquitto } from "./fixtures/mosquittoAvailability";

// The examples gallery in the built app on the virtual board: an example opens as a project of its own, runs, and
// My project is left as it was; a Run copies the project modules the program imports, fresh each time.
test.describe("examples gallery", () => {
  let app: MoteApp;

  test.beforeEach(async ({ page }) => {
    app = new MoteApp(page);
    await app.goto();
    await app.waitForBoardReady();
  });

  test("Blink opens as its own project and blinks the Pin 2 LED; My project is untouched", async ({ page }) => {
    await expect.poll(() => app.editorText(), { timeout: 20_000 }).toContain("Welcome to Mote");
    await app.projectButton("Examples").click();
    const gallery = page.getByRole("dialog", { name: "Examples" });
    await expect(gallery.getByRole("heading", { name: "MQTT publish" })).toBeVisible();
    await expect(gallery).toContainText("Virtual board: does not run: it has no TLS, so use a real board with Wi-Fi.");
    await app.screenshot("80-examples-gallery");
    await gallery.getByRole("button", { name: "Open Blink" }).click();
    await expect(gallery).toHaveCount(0);

    const picker = app.projectPanel().getByRole("combobox", { name: "Project" });
    await expect(picker).toHaveValue("example-blink");
    await expect(picker.locator("option:checked")).toHaveText("Blink (example)");
    await expect.poll(() => app.editorText()).toContain("led = Pin(2, Pin.OUT)");

    const led = page.getByRole("img", { name: /^LED on Pin 2:/ });
    await app.run();
    await expect(led).toHaveAccessibleName("LED on Pin 2: on", { timeout: 5_000 });
    await app.stop();

    await picker.selectOption("main");
    await expect.poll(() => app.editorText()).toContain("Welcome to Mote");
    await expect(app.projectFile("main.py")).toBeVisible();
    // The example project is still there after a reload, and so is the choice of project.
    await picker.selectOption("example-blink");
    await expect.poll(() => app.editorText()).toContain("led = Pin(2, Pin.OUT)");
    await page.reload();
    await expect(app.projectPanel().getByRole("combobox", { name: "Project" })).toHaveValue("example-blink");
    expect(app.consoleErrors).toEqual([]);
  });

  test("Run copies the modules a program imports, and a changed module is the one the next Run sees", async () => {
    await app.projectButton("New file").click();
    const name = app.projectPanel().getByLabel(/^New name for /);
    await name.fill("helper.py");
    await name.press("Enter");
    await expect(app.projectFile("helper.py")).toBeVisible();
    await app.projectFile("helper.py").click();
    await app.setEditorText("VALUE = 'first'\n");
    await app.projectFile("main.py").click();
    await app.setEditorText("import helper\nprint('helper says', helper.VALUE)\n");
    await app.run();
    await app.expectReplToContain("helper says first");
    await expect(app.notice).toContainText("Copied helper.py to the board for this Run.");

    await app.projectFile("helper.py").click();
    await app.setEditorText("VALUE = 'second'\n");
    await app.projectFile("main.py").click();
    await expect.poll(() => app.editorText()).toContain("import helper");
    await app.run();
    await app.expectReplToContain("helper says second");
    expect(app.consoleErrors).toEqual([]);
  });

  /** Opens an example from the gallery and puts `secrets` into its secrets.py, as a person filling it in would. */
  async function openExampleWithSecrets(title: string, secrets: string): Promise<void> {
    await app.projectButton("Examples").click();
    await app.page.getByRole("dialog", { name: "Examples" }).getByRole("button", { name: `Open ${title}` }).click();
    await expect(app.projectFile("secrets.py")).toBeVisible();
    await app.projectFile("secrets.py").click();
    await expect.poll(() => app.editorText()).toContain("WIFI_SSID");
    await app.setEditorText(secrets);
    await app.projectFile("main.py").click();
    await expect.poll(() => app.editorText()).toContain("wifi.connect()");
  }

  test("the MQTT example, unchanged but for secrets.py, publishes to a real mosquitto", async () => {
    requireMosquitto();
    const broker = await startMosquitto();
    try {
      const sub = subscribe(broker, "mote/readings", { count: 1 });
      await sub.ready;
      await openExampleWithSecrets(
        "MQTT publish",
        `WIFI_SSID = "my-network"\nWIFI_PASSWORD = "my-password"\nMQTT_BROKER = "localhost"\nMQTT_PORT = ${broker.port}\nMQTT_TOPIC = b"mote/readings"\n`,
      );
      await app.run();
      await expect(app.notice).toContainText("Copied");
      await app.expectReplToContain("Connected to the broker at localhost", 15_000);
      const [message] = await sub.messages;
      const payload = JSON.parse(message.slice("mote/readings ".length)) as Record<string, number>;
      expect(payload).toEqual({ adc: 0, n: 0 });
      await app.expectReplToContain('Published {"', 10_000);
      await app.stop();
    } finally {
      await broker.stop();
    }
  });

  test("the REST example, unchanged but for secrets.py, POSTs its JSON reading to a local backend", async () => {
    const received: unknown[] = [];
    const server = http.createServer((req, res) => {
      let text = "";
      req.on("data", (c: Buffer) => (text += c.toString()));
      req.on("end", () => {
        received.push({ path: req.url, type: req.headers["content-type"], body: JSON.parse(text) });
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end('{"ok": true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      await openExampleWithSecrets(
        "REST POST",
        `WIFI_SSID = "my-network"\nWIFI_PASSWORD = "my-password"\nREST_URL = "http://localhost:${port}/readings"\nDEVICE_NAME = "e2e-board"\n`,
      );
      await app.run();
      await app.expectReplToContain("-> 200", 15_000);
      await app.stop();
      expect(received[0]).toMatchObject({ path: "/readings", type: "application/json", body: { device: "e2e-board", adc: 0 } });
    } finally {
      server.close();
    }
  });
});
