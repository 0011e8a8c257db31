/**
 * "Detect my board": reach the ESP ROM over the chosen port (the same reset and sync as flashing), let esptool-js
 * identify the chip, then restart the board into its firmware and release the port. Nothing is written.
 */
import { ESPLoader, Transport } from "esptool-js";
import { hardReset, release, ROM_BAUD, toFlashError } from "./flashEsp";
import { WatchedPort, type EspSerialPort } from "./watchedPort";

export interface DetectedEsp {
  /** esptool-js's chip name, e.g. "ESP32-C3": the key of the chip table. */
  chip: string;
  /** The longer description, e.g. "ESP32-C3 (QFN32) (revision v0.4)". */
  description: string;
}

export async function detectEsp(port: EspSerialPort, o: { onLog?: (line: string) => void } = {}): Promise<DetectedEsp> {
  const watched = new WatchedPort(port);
  const transport = new Transport(watched as unknown as ConstructorParameters<typeof Transport>[0], false);
  transport.trace = () => {};
  const loader = new ESPLoader({
    transport,
    baudrate: ROM_BAUD,
    romBaudrate: ROM_BAUD,
    terminal: { clean: () => {}, writeLine: (line: string) => o.onLog?.(line), write: () => {} },
  });
  try {
    const main = loader.main();
    main.catch(() => {});
    const description = await Promise.race([main, watched.lost]);
    const chip: string = loader.chip.CHIP_NAME;
    await hardReset(transport).catch(() => {});
    await release(transport);
    return { chip, description };
  } catch (e) {
    const error = toFlashError(e, watched.isLost, false);
    if (!watched.isLost) await hardReset(transport).catch(() => {});
    await release(transport);
    throw error;
  }
}
