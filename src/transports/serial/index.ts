export { isWebSerialSupported, webSerialUnsupportedReason, getSerial, WEB_SERIAL_UNSUPPORTED_MESSAGE } from "./support";
export { requestSerialPort, getGrantedPorts, openSerialTransport } from "./webSerialTransport";
export type { OpenSerialOptions, RequestPortOptions } from "./webSerialTransport";
export { BOARD_USB_VENDORS, BOARD_USB_FILTERS, MICROBIT_PACING, defaultTraits, describePort, usbVendorName } from "./usbIds";
export type { SerialLike, SerialPortLike, SerialPortInfo, SerialOptions, SerialOutputSignals } from "./webSerialTypes";
