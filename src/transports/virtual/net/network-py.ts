/**
 * Python source of the virtual board's `network` module. The station interface "connects" at once to any SSID and
 * says, in the terminal, what the virtual board's network really is: Mote's server tunnelling TCP to the hosts it
 * allows. The access point cannot be started. Addresses are QEMU-style user-network ones, obviously not a real LAN.
 */
export const NETWORK_SOURCE = String.raw`
STA_IF = 0
AP_IF = 1
STAT_IDLE = 1000
STAT_CONNECTING = 1001
STAT_WRONG_PASSWORD = 202
STAT_NO_AP_FOUND = 201
STAT_CONNECT_FAIL = 203
STAT_GOT_IP = 1010
AUTH_OPEN = 0
AUTH_WPA2_PSK = 3

_NOTE = ('virtual board: Wi-Fi "%s" simulated; its network reaches only the hosts Mote\'s server allows '
         '(this computer by default; MOTE_NET_ALLOW adds more)')
_AP = 'the virtual board cannot be an access point; use WLAN(network.STA_IF)'
_IP = ('10.0.2.15', '255.255.255.0', '10.0.2.2', '10.0.2.3')
_state = {'active': False, 'ssid': None}


class WLAN:
    IF_STA = 0
    IF_AP = 1

    def __init__(self, interface=0):
        self._if = interface

    def active(self, *a):
        if a:
            if a[0] and self._if == AP_IF:
                raise OSError(_AP)
            if self._if == STA_IF:
                _state['active'] = bool(a[0])
                if not a[0]:
                    _state['ssid'] = None
        return self._if == STA_IF and _state['active']

    def connect(self, ssid=None, key=None, *a, **kw):
        if self._if != STA_IF:
            raise OSError(_AP)
        if not _state['active']:
            raise OSError('Wifi Not Started')
        name = ssid if isinstance(ssid, str) else str(ssid or b'', 'utf-8')
        _state['ssid'] = name
        print(_NOTE % name)

    def disconnect(self):
        _state['ssid'] = None

    def isconnected(self):
        return self._if == STA_IF and _state['ssid'] is not None

    def status(self, *a):
        if a and a[0] == 'rssi':
            return -40
        return STAT_GOT_IP if self.isconnected() else STAT_IDLE

    def scan(self):
        if not _state['active']:
            raise OSError('Wifi Not Started')
        return [(b'Mote virtual network', b'\x02\x00\x00\x00\x00\x01', 6, -40, AUTH_WPA2_PSK, False)]

    def ifconfig(self, *a):
        if a:
            return None
        return _IP if self.isconnected() else ('0.0.0.0', '0.0.0.0', '0.0.0.0', '0.0.0.0')

    def ipconfig(self, *a, **kw):
        if a and a[0] == 'addr4':
            ip = self.ifconfig()
            return (ip[0], ip[1])
        return None

    def config(self, *a, **kw):
        if kw:
            return None
        if a and a[0] == 'mac':
            return b'\x02\x00\x00\x00\x00\x02'
        if a and a[0] in ('ssid', 'essid'):
            return _state['ssid'] or ''
        if a and a[0] == 'hostname':
            return 'mote-virtual'
        raise ValueError('unknown config param')


def hostname(*a):
    return 'mote-virtual'


def country(*a):
    return 'XX'
`;
