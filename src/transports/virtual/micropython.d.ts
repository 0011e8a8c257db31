// The package ships JavaScript only; these are the parts of its API the virtual board uses.
declare module "@micropython/micropython-webassembly-pyscript" {
  export interface EmscriptenStat {
    mode: number;
    size: number;
    mtime: Date;
  }
  export interface EmscriptenStreamOps {
    read: (stream: unknown, buffer: Uint8Array | Int8Array, offset: number, length: number, pos?: number) => number;
  }
  /** An open file of Emscripten's FS (opaque here). */
  export type EmscriptenStream = object;
  /** A character device's operations (FS.registerDevice); buffer is the interpreter's heap. */
  export interface EmscriptenDeviceOps extends EmscriptenStreamOps {
    open?: (stream: unknown) => void;
    close?: (stream: unknown) => void;
    write: (stream: unknown, buffer: Uint8Array | Int8Array, offset: number, length: number, pos?: number) => number;
  }
  export interface EmscriptenFS {
    readdir(path: string): string[];
    lstat(path: string): EmscriptenStat;
    isDir(mode: number): boolean;
    isFile(mode: number): boolean;
    readFile(path: string): Uint8Array;
    writeFile(path: string, data: Uint8Array): void;
    mkdir(path: string): void;
    open(path: string, flags: string): EmscriptenStream;
    read(stream: EmscriptenStream, buffer: Uint8Array, offset: number, length: number): number;
    write(stream: EmscriptenStream, buffer: Uint8Array, offset: number, length: number): number;
    close(stream: EmscriptenStream): void;
    cwd(): string;
    makedev(major: number, minor: number): number;
    registerDevice(dev: number, ops: EmscriptenDeviceOps): void;
    mkdev(path: string, mode: number, dev: number): void;
    streams: Array<{ stream_ops: EmscriptenStreamOps } | null | undefined>;
    ErrnoError: new (errno: number) => Error;
  }
  export interface MicroPythonModule {
    _mp_sched_keyboard_interrupt(): void;
    _mp_hal_get_interrupt_char(): number;
  }
  export interface MicroPython {
    _module: MicroPythonModule;
    FS: EmscriptenFS;
    replInit(): void;
    replProcessChar(c: number): number;
    runPython(code: string): unknown;
  }
  export interface LoadOptions {
    stdout?: (data: Uint8Array) => void;
    stderr?: (data: Uint8Array) => void;
    stdin?: () => number | null | undefined;
    linebuffer?: boolean;
    heapsize?: number;
    pystack?: number;
    url?: string;
  }
  export function loadMicroPython(options?: LoadOptions): Promise<MicroPython>;
}
