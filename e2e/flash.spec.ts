/**
 * One-click flashing through the UI, against TEST DOUBLES only (no ESP ROM, Pico boot drive or STM32 bootloader can
 * run here): the REAL esptool-js in the page talks over the navigator.serial shim to an ESP ROM + stub double in Node;
 * the UF2 copy goes to a boot-drive double behind a showDirectoryPicker shim; DfuSe goes over a navigator.usb shim to
 * an STM32 bootloader double. Firmware comes from the app server's firmware cache, seeded here, with the server
 * offline (playwright.config.ts), so the catalog and download code paths are the real ones.
 */
import { expect, test, type Page } from "./fixtures/test";
import { createHash } from "node:crypto";
import { buildDfuseFile } from "../src/flash/dfu/dfuseFile";
import { makeUf2 } from "../src/flash/uf2/testing/makeUf2";
import { UF2_FAMILY } from "../src/flash/uf2/uf2";
import { MoteApp } from "./app";
import { attachEspSerial, makeEspImage, type EspSerialCable } from "./fixtures/espSerial";
import { E2E_FIRMWARE_CACHE, fixtureFirmwareUrl, seedFirmwareCache } from "./fixtures/firmwareCache";
import { attachDfuDevice } from "./fixtures/usbDfu";
import { attachUf2Drive } from "./fixtures/uf2Drive";
import { noise } from "./app";

let esp: EspSerialCable | undefined;
test.afterEach(async () => {
  await esp?.stop();
  esp = undefined;
});

const dialog = (page: Page) => page.getByRole("dialog", { name: "Flash MicroPython firmware" });

async function openFlashDialog(app: MoteApp, board?: string): Promise<void> {
  await app.waitForBoardReady();
  await app.button("Flash firmware").click();
  const d = dialog(app.page);
  await expect(d).toBeVisible();
  if (board) {
    await d.getByLabel("Board to flash").selectOption(board);
    // The latest stable release is preselected.
    await expect(d.getByLabel("Firmware version")).toHaveValue(fixtureFirmwareUrl(board));
  }
}

async function start(page: Page): Promise<void> {
  await dialog(page).getByRole("button", { name: "Start flashing" }).click();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/flash-${name}.png` });
}

test("ESP32 from the catalog: esptool-js writes the image at 0x1000, verified, and the board restarts", async ({ page }) => {
  const image = makeEspImage("ESP32", 96 * 1024, 7);
  await seedFirmwareCache(E2E_FIRMWARE_CACHE, { files: [{ url: fixtureFirmwareUrl("ESP32_GENERIC"), bytes: image }] });
  esp = await attachEspSerial(page, { chip: "ESP32" });
  const app = new MoteApp(page);
  await app.goto();
  await openFlashDialog(app, "ESP32_GENERIC");
  await expect(dialog(page).getByText(/v1\.24\.1 · 2024-11-29/).first()).toBeAttached();
  await shot(page, "choose");
  await start(page);
  await expect(dialog(page).getByRole("progressbar", { name: "Flashing progress" })).toBeVisible();
  await shot(page, "progress");
  await expect(dialog(page).getByRole("status")).toContainText("is on the board", { timeout: 60_000 });
  await shot(page, "done");
  expect(Buffer.from(esp.double.flash.subarray(0x1000, 0x1000 + image.length)).equals(Buffer.from(image))).toBe(true);
  // The image's sha256 (the server's X-Mote-Sha256, checked by the client against the bytes) is on show.
  await expect(dialog(page).getByText(createHash("sha256").update(image).digest("hex"))).toBeVisible();
  // Reset into the bootloader for flashing, then a hard reset into the new firmware.
  expect(esp.double.boots.at(-1)).toBe("normal");
  expect(esp.double.boots).toContain("download");
});

test("ESP32-C3 from a local file: written at 0x0, then the dialog asks for the re-enumerated port", async ({ page }) => {
  const image = makeEspImage("ESP32-C3", 64 * 1024, 9);
  esp = await attachEspSerial(page, { chip: "ESP32-C3" });
  const app = new MoteApp(page);
  await app.goto();
  await openFlashDialog(app);
  await dialog(page).getByLabel("Firmware file").setInputFiles({ name: "c3.bin", mimeType: "application/octet-stream", buffer: Buffer.from(image) });
  await expect(dialog(page).getByText(/c3\.bin, 64 KB/)).toBeVisible();
  await start(page);
  await expect(dialog(page).getByRole("status")).toContainText("is on the board", { timeout: 60_000 });
  await expect(dialog(page).getByRole("button", { name: "Choose port" })).toBeVisible();
  await shot(page, "c3-choose-port");
  expect(Buffer.from(esp.double.flash.subarray(0, image.length)).equals(Buffer.from(image))).toBe(true);
});

test("Detect board names the ESP32-C3 on the port, picks its board, and flashing uses the same port", async ({ page }) => {
  const image = makeEspImage("ESP32-C3", 48 * 1024, 13);
  await seedFirmwareCache(E2E_FIRMWARE_CACHE, { files: [{ url: fixtureFirmwareUrl("ESP32_GENERIC_C3"), bytes: image }] });
  esp = await attachEspSerial(page, { chip: "ESP32-C3" });
  const app = new MoteApp(page);
  await app.goto();
  await openFlashDialog(app);
  await dialog(page).getByRole("button", { name: "Detect board" }).click();
  await expect(dialog(page).getByRole("status", { name: "Board detection" })).toContainText("Found an ESP32-C3", { timeout: 30_000 });
  await expect(dialog(page).getByLabel("Board to flash")).toHaveValue("ESP32_GENERIC_C3");
  await expect(dialog(page).getByLabel("Firmware version")).toHaveValue(fixtureFirmwareUrl("ESP32_GENERIC_C3"));
  await shot(page, "detected");
  // Detection restarted the chip into its firmware and wrote nothing.
  expect(esp.double.boots.at(-1)).toBe("normal");
  await start(page);
  await expect(dialog(page).getByText(/is on the board/)).toBeVisible({ timeout: 60_000 });
  expect(Buffer.from(esp.double.flash.subarray(0, image.length)).equals(Buffer.from(image))).toBe(true);
});

test("an image for another chip is refused before anything is written", async ({ page }) => {
  const image = makeEspImage("ESP32-C3", 32 * 1024, 3);
  await seedFirmwareCache(E2E_FIRMWARE_CACHE, { files: [{ url: fixtureFirmwareUrl("ESP32_GENERIC_C3"), bytes: image }] });
  esp = await attachEspSerial(page, { chip: "ESP32" });
  const before = Buffer.from(esp.double.flash);
  const app = new MoteApp(page);
  await app.goto();
  await openFlashDialog(app, "ESP32_GENERIC_C3");
  await start(page);
  const alert = dialog(page).getByRole("alert");
  await expect(alert).toContainText("ESP32-C3", { timeout: 60_000 });
  await expect(alert).toHaveAttribute("data-code", "WrongChip");
  await shot(page, "wrong-chip");
  expect(Buffer.from(esp.double.flash).equals(before)).toBe(true);
});

test("a cable pulled mid-flash gives a clear error, and Try again after replugging succeeds", async ({ page }) => {
  const image = makeEspImage("ESP32", 128 * 1024, 11);
  await seedFirmwareCache(E2E_FIRMWARE_CACHE, { files: [{ url: fixtureFirmwareUrl("ESP32_GENERIC"), bytes: image }] });
  esp = await attachEspSerial(page, { chip: "ESP32" });
  const app = new MoteApp(page);
  await app.goto();
  await openFlashDialog(app, "ESP32_GENERIC");
  // Past the stub upload and into the image's blocks.
  esp.pullCableAfter(40_000);
  await start(page);
  const alert = dialog(page).getByRole("alert");
  await expect(alert).toHaveAttribute("data-code", "Disconnected", { timeout: 60_000 });
  await expect(alert).toContainText(/plug/i);
  await shot(page, "cable-pulled");
  await esp.replug();
  await dialog(page).getByRole("button", { name: "Try again" }).click();
  await start(page);
  await expect(dialog(page).getByRole("status")).toContainText("is on the board", { timeout: 60_000 });
  expect(Buffer.from(esp.double.flash.subarray(0x1000, 0x1000 + image.length)).equals(Buffer.from(image))).toBe(true);
});

test("Raspberry Pi Pico: the UF2 lands on the boot drive and its blocks fill the flash", async ({ page }) => {
  const payload = noise(40_000, 5);
  const uf2 = makeUf2(payload);
  await seedFirmwareCache(E2E_FIRMWARE_CACHE, { files: [{ url: fixtureFirmwareUrl("RPI_PICO"), bytes: uf2 }] });
  const drive = await attachUf2Drive(page, { board: "RPI-RP2" });
  const app = new MoteApp(page);
  await app.goto();
  await openFlashDialog(app, "RPI_PICO");
  await expect(dialog(page).getByText(/BOOTSEL/)).toBeVisible();
  await start(page);
  await expect(dialog(page).getByRole("status")).toContainText("is on the board", { timeout: 60_000 });
  await shot(page, "pico-done");
  const flash = await drive.flash();
  expect(Buffer.from(flash.subarray(0, payload.length)).equals(Buffer.from(payload))).toBe(true);
  expect(drive.rebooted()).toBe(true);
});

test("a Pico 2 (RP2350) image is refused on an RP2040 drive, nothing copied", async ({ page }) => {
  const uf2 = makeUf2(noise(4096, 6), { family: UF2_FAMILY.RP2350_ARM_S });
  const drive = await attachUf2Drive(page, { board: "RPI-RP2" });
  const app = new MoteApp(page);
  await app.goto();
  await openFlashDialog(app);
  await dialog(page).getByLabel("Firmware file").setInputFiles({ name: "pico2.uf2", mimeType: "application/octet-stream", buffer: Buffer.from(uf2) });
  await start(page);
  await expect(dialog(page).getByRole("alert")).toHaveAttribute("data-code", "WrongChip", { timeout: 30_000 });
  expect((await drive.files()).map((f) => f.name)).not.toContain("firmware.uf2");
  expect(drive.rebooted()).toBe(false);
});

test("pyboard: DfuSe over WebUSB erases the pages it needs, writes, verifies and leaves DFU", async ({ page }) => {
  const data = noise(20_000, 8);
  const dfu = buildDfuseFile([{ alternateSetting: 0, name: "Internal Flash", elements: [{ address: 0x08000000, data }] }]);
  await seedFirmwareCache(E2E_FIRMWARE_CACHE, { files: [{ url: fixtureFirmwareUrl("PYBV11"), bytes: dfu }] });
  const usb = await attachDfuDevice(page);
  const app = new MoteApp(page);
  await app.goto();
  await openFlashDialog(app, "PYBV11");
  await expect(dialog(page).getByText(/WinUSB/)).toBeVisible();
  await start(page);
  await expect(dialog(page).getByRole("status")).toContainText("is on the board", { timeout: 60_000 });
  await shot(page, "pyboard-done");
  expect(Buffer.from(usb.read(0x08000000, data.length)).equals(Buffer.from(data))).toBe(true);
  expect(usb.erasedPages()).toEqual([0x08000000, 0x08004000]);
  expect(usb.leftDfu()).toBe(true);
});

test("a corrupt .dfu file is refused before the board is touched", async ({ page }) => {
  const dfu = buildDfuseFile([{ alternateSetting: 0, name: "Internal Flash", elements: [{ address: 0x08000000, data: noise(4096, 2) }] }]);
  dfu[100] ^= 0xff; // the suffix CRC no longer matches
  const usb = await attachDfuDevice(page);
  const app = new MoteApp(page);
  await app.goto();
  await openFlashDialog(app);
  await dialog(page).getByLabel("Firmware file").setInputFiles({ name: "bad.dfu", mimeType: "application/octet-stream", buffer: Buffer.from(dfu) });
  await start(page);
  await expect(dialog(page).getByRole("alert")).toHaveAttribute("data-code", "BadImage", { timeout: 30_000 });
  await shot(page, "bad-dfu");
  expect(usb.erasedPages()).toEqual([]);
});
