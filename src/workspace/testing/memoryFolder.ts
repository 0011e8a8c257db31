// TEST DOUBLE: an in-memory stand-in for a File System Access directory handle, for Node tests where the browser
// API doesn't exist. It follows the real API's observable rules that FolderStorage relies on (DOMException names,
// writes that only replace the file on close, removeEntry recursion, isSameEntry); `revoked` mimics permission
// withdrawn, `caseInsensitive` a Windows or macOS disk. The browser specs (e2e/project-folder.spec.ts) cover the
// real API through the Origin Private File System.
import type { DirHandleLike, FileHandleLike, WritableLike } from "../fsAccess";

interface FileNode {
  kind: "file";
  data: Uint8Array;
  lastModified: number;
}
interface DirNode {
  kind: "directory";
  children: Map<string, FileNode | DirNode>;
}

export interface MemoryFolderControl {
  /** Every call fails with NotAllowedError while true, as after the person withdraws permission. */
  revoked: boolean;
  /** Every write fails with NotFoundError while true, as when the folder was deleted on disk. */
  gone: boolean;
  writes: number;
}

const enc = new TextEncoder();

function fail(name: string, message = name): never {
  throw new DOMException(message, name);
}

export function createMemoryFolder(
  name = "project",
  options: { caseInsensitive?: boolean } = {},
): { root: DirHandleLike; control: MemoryFolderControl; read(path: string): string | null; write(path: string, text: string | Uint8Array): void } {
  const control: MemoryFolderControl = { revoked: false, gone: false, writes: 0 };
  const rootNode: DirNode = { kind: "directory", children: new Map() };
  const key = (n: string) => (options.caseInsensitive ? n.toLowerCase() : n);
  const guard = () => {
    if (control.revoked) fail("NotAllowedError");
  };

  const lookup = (dir: DirNode, n: string) => {
    // A case-insensitive disk finds "Main.py" under "main.py" but keeps the first spelling, as NTFS and APFS do.
    for (const [k, v] of dir.children) if (key(k) === key(n)) return { name: k, node: v };
    return null;
  };

  const fileHandle = (parent: DirNode, entryName: string, node: FileNode): FileHandleLike & { node: FileNode } => ({
    kind: "file",
    name: entryName,
    node,
    async getFile() {
      guard();
      const data = node.data;
      return { size: data.length, lastModified: node.lastModified, arrayBuffer: async () => data.slice().buffer };
    },
    async createWritable(): Promise<WritableLike> {
      guard();
      const parts: Uint8Array[] = [];
      let closed = false;
      return {
        async write(chunk) {
          guard();
          parts.push(typeof chunk === "string" ? enc.encode(chunk) : chunk.slice());
        },
        async close() {
          guard();
          if (control.gone) fail("NotFoundError");
          if (closed) return;
          closed = true;
          const total = parts.reduce((n, p) => n + p.length, 0);
          const out = new Uint8Array(total);
          let at = 0;
          for (const p of parts) {
            out.set(p, at);
            at += p.length;
          }
          node.data = out;
          node.lastModified = Date.now();
          control.writes++;
          if (!lookup(parent, entryName)) parent.children.set(entryName, node);
        },
        async abort() {
          closed = true;
        },
      };
    },
    async isSameEntry(other) {
      return (other as unknown as { node?: unknown }).node === node;
    },
  });

  const dirHandle = (node: DirNode, dirName: string): DirHandleLike & { node: DirNode } => ({
    kind: "directory",
    name: dirName,
    node,
    async getDirectoryHandle(n, opts) {
      guard();
      const found = lookup(node, n);
      if (found) {
        if (found.node.kind !== "directory") fail("TypeMismatchError");
        return dirHandle(found.node, found.name);
      }
      if (!opts?.create) fail("NotFoundError");
      if (control.gone) fail("NotFoundError");
      const child: DirNode = { kind: "directory", children: new Map() };
      node.children.set(n, child);
      return dirHandle(child, n);
    },
    async getFileHandle(n, opts) {
      guard();
      const found = lookup(node, n);
      if (found) {
        if (found.node.kind !== "file") fail("TypeMismatchError");
        return fileHandle(node, found.name, found.node);
      }
      if (!opts?.create) fail("NotFoundError");
      if (control.gone) fail("NotFoundError");
      const child: FileNode = { kind: "file", data: new Uint8Array(0), lastModified: Date.now() };
      node.children.set(n, child);
      return fileHandle(node, n, child);
    },
    async removeEntry(n, opts) {
      guard();
      const found = lookup(node, n);
      if (!found) fail("NotFoundError");
      if (found.node.kind === "directory" && found.node.children.size && !opts?.recursive) fail("InvalidModificationError");
      node.children.delete(found.name);
    },
    async *entries() {
      guard();
      if (control.gone) fail("NotFoundError");
      for (const [n, child] of [...node.children]) {
        yield [n, child.kind === "file" ? fileHandle(node, n, child) : dirHandle(child, n)] as [string, DirHandleLike | FileHandleLike];
      }
    },
    async isSameEntry(other) {
      return (other as unknown as { node?: unknown }).node === node;
    },
  });

  const walk = (path: string, create: boolean): { dir: DirNode; leaf: string } | null => {
    const parts = path.split("/");
    const leaf = parts.pop()!;
    let dir = rootNode;
    for (const p of parts) {
      let next = lookup(dir, p)?.node;
      if (!next && create) {
        next = { kind: "directory", children: new Map() };
        dir.children.set(p, next);
      }
      if (!next || next.kind !== "directory") return null;
      dir = next;
    }
    return { dir, leaf };
  };

  return {
    root: dirHandle(rootNode, name),
    control,
    read(path) {
      const at = walk(path, false);
      const node = at && lookup(at.dir, at.leaf)?.node;
      return node && node.kind === "file" ? new TextDecoder().decode(node.data) : null;
    },
    write(path, text) {
      const at = walk(path, true)!;
      at.dir.children.set(at.leaf, { kind: "file", data: typeof text === "string" ? enc.encode(text) : text, lastModified: Date.now() });
    },
  };
}
