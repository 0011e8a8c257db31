/**
 * WebREPL in the browser against the WebREPL protocol TEST DOUBLE (src/transports/webrepl/testing/webreplDouble.ts):
 * a WebSocket server this spec starts in Node, speaking WebREPL from MicroPython's sources, whose REPL and files are
 * the REAL MicroPython WASM board. The page's own WebSocket, the app's transport, device core and UI are what run.
 */
import { expect, test } from "./fixtures/test";
import { ALL_BYTES, MoteApp } from "./app";
import { startWebReplDouble, type WebReplDouble } from "../src/transports/webrepl/testing/webreplDouble";

const PASSWORD = "e2e4812";

test.describe("WebREPL against the protocol double (real MicroPython WASM behind it)", () => {
  let double: WebReplDouble;
  let app: MoteApp;

  test.beforeEach(async ({ page }) => {
    double = await startWebReplDouble({ password: PASSWORD });
    app = new MoteApp(page);
    await app.goto();
    // The page opens on the virtual board; the picker is free once that link is up.
    await app.waitForBoardReady(60_000);
    await app.page.getByRole("combobox", { name: "Board" }).selectOption("webrepl");
  });

  test.afterEach(async () => {
    await double?.close();
  });

  async function connectOverWebRepl(password: string): Promise<void> {
    await app.button("Connect").click();
    const dialog = app.page.getByRole("dialog", { name: "Connect over WebREPL" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Address").fill(double.url);
    await dialog.getByLabel("Password", { exact: true }).fill(password);
    await app.screenshot("60-webrepl-connect");
    await dialog.getByRole("button", { name: "Connect", exact: true }).click();
    await expect(dialog).toHaveCount(0);
  }

  test("double: a wrong password is said in words, then the right one connects; REPL, Run, upload and list work", async () => {
    test.setTimeout(150_000);
    await connectOverWebRepl("wrong");
    await expect(app.alert).toContainText("The board refused the password");
    expect(double.log).toContain("dupterm: EOF received, deactivating");

    await connectOverWebRepl(PASSWORD);
    await app.waitForBoardReady(30_000);
    await expect(app.status).toContainText("WebREPL 127.0.0.1");

    await app.typeInRepl("print('over', 6*7)");
    await app.expectReplToContain(/^over 42$/m);

    await app.setEditorText("import sys\nprint('ran on', sys.platform)\nfor i in range(3):\n    print('line', i)\n");
    await app.run();
    await app.expectReplToContain(/^line 2$/m, 20_000);
    await app.expectReplToContain(/^ran on webassembly$/m);

    await app.waitForBoardFiles(60_000);
    await app.dropFilesOnBoard([{ name: "bytes.bin", bytes: ALL_BYTES }]);
    await expect(app.boardEntry("/bytes.bin")).toBeVisible({ timeout: 30_000 });
    await app.waitForBoardFiles();
    // The upload went by WebREPL's binary put into a temp beside the target, then was renamed into place.
    expect(double.requests.some((r) => r.op === "put" && /^\/\.mote-[0-9a-f]{8}\.tmp$/.test(r.name))).toBe(true);
    await app.typeInRepl("import os; d=open('/bytes.bin','rb').read(); print('B:', len(d), d == bytes(range(256))*2)");
    await app.expectReplToContain(/^B: 512 True$/m);
    expect(new Uint8Array(await app.downloadBoardFile("/bytes.bin"))).toEqual(ALL_BYTES);
    expect(double.requests.at(-1)).toMatchObject({ op: "get", name: "/bytes.bin" });
    expect(app.consoleErrors.filter((e) => !/WebSocket/.test(e))).toEqual([]);
  });
});
