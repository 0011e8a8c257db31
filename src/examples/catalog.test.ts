// The gallery's programs against the real MicroPython WASM build: every file compiles with MicroPython's own
// compiler, and the parts that can run without a network run on the virtual board (Node worker) and give the
// answers a board would: the SAS token matches one signed by Node's crypto, the sensor reads the knob.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDevice } from "../device/device";
import type { Device } from "../device/device";
import { MicroPythonCompiler } from "../editor/diagnostics/compilerCheck";
import { nodeLoaders } from "../editor/diagnostics/testing/nodeLoaders";
import { createNodeVirtualBoard } from "../transports/virtual/node";
import { EXAMPLES, exampleById } from "./catalog";

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe("examples catalog", () => {
  it("has the seven examples of the issue, each with a main.py", () => {
    expect(EXAMPLES.map((e) => e.id)).toEqual(["blink", "button", "pyboard-led", "mqtt", "rest", "pushsafer", "azure"]);
    for (const e of EXAMPLES) expect(Object.keys(e.files)).toContain(e.main);
  });

  it("keeps every secret in one secrets.py per networked example, and only placeholders in it", () => {
    for (const e of EXAMPLES.filter((x) => x.needs.includes("wifi"))) {
      expect(Object.keys(e.files)).toContain("secrets.py");
      for (const [path, text] of Object.entries(e.files)) {
        if (path !== "secrets.py") expect(text, `${e.id}/${path}`).not.toMatch(/WIFI_PASSWORD\s*=|_KEY\s*=\s*"/);
      }
      expect(e.files["secrets.py"]).toMatch(/WIFI_SSID = "my-network"/);
    }
  });

  it.each(EXAMPLES.flatMap((e) => Object.keys(e.files).map((p) => [e.id, p] as const)))(
    "%s/%s compiles with MicroPython's compiler",
    async (id, path) => {
      const compiler = new MicroPythonCompiler(await nodeLoaders.compiler());
      expect(compiler.check(exampleById(id)!.files[path])).toBeNull();
    },
  );
});

describe("examples on the virtual board (real WASM, Node worker)", () => {
  let device: Device;

  beforeAll(async () => {
    device = await connectDevice(await createNodeVirtualBoard(), { connectTimeoutMs: 20_000 });
  }, 30_000);
  afterAll(async () => {
    await device?.disconnect();
  });

  const put = (path: string, text: string) => device.exec(`with open(${JSON.stringify(path)}, "w") as f:\n    f.write(${JSON.stringify(text)})`);

  it("azure/sas.py signs the same SAS token as Node's HMAC-SHA256", async () => {
    await put("sas.py", exampleById("azure")!.files["sas.py"]);
    const key = Buffer.from("mote-test-device-key-0123456789ab").toString("base64");
    const resource = "myhub.azure-devices.net/devices/dev-1";
    const now = 1_800_000_000;
    const out = decode(await device.exec(`import sas\nprint(sas.sas_token(${JSON.stringify(resource)}, ${JSON.stringify(key)}, 3600, ${now}))`)).trim();

    const expiry = now + 3600;
    const sr = encodeURIComponent(resource);
    const sig = createHmac("sha256", Buffer.from(key, "base64")).update(`${sr}\n${expiry}`).digest("base64");
    expect(out).toBe(`SharedAccessSignature sr=${sr}&sig=${encodeURIComponent(sig)}&se=${expiry}`);
  });

  it("azure/sas.py's HMAC matches for a key longer than the SHA-256 block", async () => {
    const key = Buffer.alloc(100, 7);
    const out = decode(
      await device.exec(`import sas, binascii\nprint(binascii.hexlify(sas.hmac_sha256(bytes([7] * 100), b"reading")).decode())`),
    ).trim();
    expect(out).toBe(createHmac("sha256", key).update("reading").digest("hex"));
  });

  it("sensor.py reads the knob on ADC pin 34", async () => {
    await put("sensor.py", exampleById("mqtt")!.files["sensor.py"]);
    const out = decode(await device.exec("import sensor\nname, value = sensor.read()\nprint(name, type(value).__name__)")).trim();
    expect(out).toBe("adc int");
  });

  it("the pyboard example stops with an ImportError the gallery warned about", async () => {
    const result = await device.run(exampleById("pyboard-led")!.files["main.py"]);
    expect(result.stderr).toMatch(/ImportError: no module named 'pyb'/);
  });
});
