// The examples gallery: the programs our users' tutorials start from (shared/notes/users.md), each a small project
// of its own. Sources live in ./files as real .py files (checked by MicroPython's compiler in catalog.test.ts) and
// reach the bundle only with the gallery, which the app loads on first use.

const sources = import.meta.glob<string>("./files/**/*.py", { query: "?raw", import: "default", eager: true });

/** What an example needs beyond a MicroPython board; the gallery says it before the person opens it. */
export type Need = "wifi" | "tls" | "pyboard";

export interface Example {
  /** Stable id: also names the project the example opens as, so opening it again finds the person's copy. */
  id: string;
  title: string;
  summary: string;
  needs: Need[];
  /** What happens on the virtual board, in a sentence. */
  virtualBoard: string;
  /** The file the editor shows first. */
  main: string;
  /** Project path -> text. */
  files: Record<string, string>;
}

/** Shared helpers that every networked example carries, so each project runs on its own. */
const NETWORK_HELPERS = ["wifi.py", "sensor.py"];

function filesOf(id: string, extra: string[] = []): Record<string, string> {
  const files: Record<string, string> = {};
  const prefix = `./files/${id}/`;
  for (const [key, text] of Object.entries(sources)) {
    if (key.startsWith(prefix)) files[key.slice(prefix.length)] = text;
  }
  for (const name of extra) {
    const text = sources[`./files/common/${name}`];
    if (text === undefined) throw new Error(`examples: missing common/${name}`);
    files[name] = text;
  }
  if (!files["main.py"]) throw new Error(`examples: ${id} has no main.py`);
  return files;
}

export const EXAMPLES: readonly Example[] = [
  {
    id: "blink",
    title: "Blink",
    summary: "Blinks the LED on Pin 2 once a second, the first program on an ESP32.",
    needs: [],
    virtualBoard: "the Pin 2 LED in the Hardware panel blinks.",
    main: "main.py",
    files: filesOf("blink"),
  },
  {
    id: "button",
    title: "Button",
    summary: "Prints Button Pressed and Button Released as the button on Pin 0 goes down and up (the gpiozero Button loop, in MicroPython).",
    needs: [],
    virtualBoard: "press the button in the Hardware panel.",
    main: "main.py",
    files: filesOf("button"),
  },
  {
    id: "pyboard-led",
    title: "pyboard LEDs",
    summary: "Blinks the pyboard's four LEDs in turn with the pyb module.",
    needs: ["pyboard"],
    virtualBoard: "does not run: it has no pyb module.",
    main: "main.py",
    files: filesOf("pyboard-led"),
  },
  {
    id: "mqtt",
    title: "MQTT publish",
    summary: "Publishes a sensor reading to an MQTT broker every 5 seconds with umqtt.simple.",
    needs: ["wifi"],
    virtualBoard: "publishes to a broker on this computer (mosquitto on port 1883), through Mote's server.",
    main: "main.py",
    files: filesOf("mqtt", NETWORK_HELPERS),
  },
  {
    id: "rest",
    title: "REST POST",
    summary: "POSTs sensor readings as JSON to a REST backend (a Flask app, say) every 10 seconds.",
    needs: ["wifi"],
    virtualBoard: "posts to a backend on this computer, through Mote's server.",
    main: "main.py",
    files: filesOf("rest", NETWORK_HELPERS),
  },
  {
    id: "pushsafer",
    title: "Pushsafer notification",
    summary: "Sends a push notification to your phone or browser through Pushsafer, over HTTPS.",
    needs: ["wifi", "tls"],
    virtualBoard: "does not run: it has no TLS, so use a real board with Wi-Fi.",
    main: "main.py",
    files: filesOf("pushsafer", ["wifi.py"]),
  },
  {
    id: "azure",
    title: "Azure IoT Hub",
    summary: "Signs a SAS token on the board (HMAC-SHA256) and sends device-to-cloud messages over MQTT.",
    needs: ["wifi", "tls"],
    virtualBoard: "does not run: it has no TLS, so use a real board with Wi-Fi.",
    main: "main.py",
    files: filesOf("azure", NETWORK_HELPERS),
  },
];

export function exampleById(id: string): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}

export const NEED_WORDS: Record<Need, string> = {
  wifi: "Wi-Fi (fill in secrets.py)",
  tls: "TLS (HTTPS or MQTT over TLS)",
  pyboard: "a pyboard",
};
