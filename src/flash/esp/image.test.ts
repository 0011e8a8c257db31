import { describe, expect, it } from "vitest";
import { isFlashError } from "../errors";
import { ESP_CHIPS } from "./chips";
import { checkEspImage, inspectEspImage } from "./image";
import { makeEspImage } from "./testing/makeEspImage";

describe("inspectEspImage", () => {
  it.each(ESP_CHIPS.map((c) => c.name))("reads the chip of a %s image (double image)", (name) => {
    const info = inspectEspImage(makeEspImage(name, 4096, 7));
    expect(info.valid).toBe(true);
    expect(info.chipName).toBe(name);
  });

  it("reports the chip id from offset 12 even when the id is unknown", () => {
    const image = makeEspImage("ESP32", 256);
    image[12] = 0x63;
    image[13] = 0x00;
    expect(inspectEspImage(image)).toEqual({ valid: true, chipId: 0x63 });
  });

  it("refuses files that are not ESP images, with a reason", () => {
    const zip = new Uint8Array(4096);
    zip.set([0x50, 0x4b, 0x03, 0x04]);
    expect(inspectEspImage(zip)).toMatchObject({ valid: false, reason: expect.stringContaining("0x50") });
    expect(inspectEspImage(new Uint8Array([0xe9, 1, 2]))).toMatchObject({ valid: false });
    const noSegments = makeEspImage("ESP32", 256);
    noSegments[1] = 0;
    expect(inspectEspImage(noSegments).valid).toBe(false);
  });
});

describe("checkEspImage", () => {
  it("passes an image made for the board's chip", () => {
    expect(checkEspImage(makeEspImage("ESP32-C3", 512), "ESP32-C3").chipId).toBe(5);
  });

  it("names both chips when the image is for another one", () => {
    let error: unknown;
    try {
      checkEspImage(makeEspImage("ESP32-C3", 512), "ESP32");
    } catch (e) {
      error = e;
    }
    expect(isFlashError(error, "WrongChip")).toBe(true);
    expect((error as Error).message).toBe("This firmware is for ESP32-C3, but the board is an ESP32.");
  });

  it("tells an ESP8266 image from an ESP32 one", () => {
    expect(() => checkEspImage(makeEspImage("ESP8266", 512), "ESP32")).toThrow(/for ESP8266, but the board is an ESP32/);
    expect(checkEspImage(makeEspImage("ESP8266", 512), "ESP8266").chipName).toBe("ESP8266");
  });

  it("throws BadImage for a non-image", () => {
    expect(() => checkEspImage(new Uint8Array(100))).toThrow(expect.objectContaining({ code: "BadImage" }));
  });
});
