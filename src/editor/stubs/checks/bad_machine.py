import machine

machine.Pin(2, machine.Pin.OUT).vlaue()  # error: Cannot access member "vlaue"
machine.Pin(2, machine.Pin.OUTT)  # error: Cannot access member "OUTT"
machine.Pin(2).value(1, 2)  # error: No overloads for "value"
machine.Pin()  # error: Argument missing for parameter "id"
machine.PWM(machine.Pin(4), frequency=50)  # error: No parameter named "frequency"
machine.I2C(0).scan(1)  # error: Expected 0 positional arguments
machine.freq("fast")  # error: "Literal\['fast'\]" cannot be assigned|No overloads for "freq"
machine.WDT(timeout=1000).kick()  # error: Cannot access member "kick"
x: str = machine.unique_id()  # error: "bytes" is incompatible with "str"
machine.Timer(0).init(period=10, callback=lambda: None)  # error: Argument of type
machine.reboot()  # error: "reboot" is not a known member of module
level: int = machine.Pin(2).value(1)  # error: Expression of type "None" cannot be assigned
machine.ADC(machine.Pin(34)).read_u16(1)  # error: Expected 0 positional arguments
machine.UART(1, 9600, tx=17).write(123)  # error: Argument of type
machine.SPI(1, baudrate=1_000_000, mode=0)  # error: No parameter named "mode"
machine.RTC().datetime((2024, 1, 1))  # error: No overloads for "datetime"|Argument of type
machine.deepsleep("1s")  # error: Argument of type
machine.I2C(0).writeto(0x3C)  # error: Expected 1 more positional argument|Argument missing
