import { UMQTT_INIT_SOURCE, UMQTT_SIMPLE_SOURCE } from "./mqtt-py";
import { NETWORK_SOURCE } from "./network-py";
import { REQUESTS_SOURCE, UREQUESTS_SOURCE } from "./requests-py";
import { SOCKET_SOURCE, USOCKET_SOURCE } from "./socket-py";

/**
 * The networking modules every virtual board has built in, by their path under the board's module folder: what an
 * ESP32's firmware offers (socket, network, and micropython-lib's frozen umqtt.simple and requests/urequests).
 */
export const NET_LIBRARY: Readonly<Record<string, string>> = {
  "network.py": NETWORK_SOURCE,
  "socket.py": SOCKET_SOURCE,
  "usocket.py": USOCKET_SOURCE,
  "requests/__init__.py": REQUESTS_SOURCE,
  "urequests.py": UREQUESTS_SOURCE,
  "umqtt/__init__.py": UMQTT_INIT_SOURCE,
  "umqtt/simple.py": UMQTT_SIMPLE_SOURCE,
};
