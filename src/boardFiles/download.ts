/** Hands bytes to the browser as a file download (the person's Downloads folder or a save dialog). */
export function saveBytesAs(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by the time the click returns in Chromium; revoking later is for the slower browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}


export async function filesFromDrop(list: FileList): Promise<Array<{ name: string; data: Uint8Array }>> {
  return Promise.all(Array.from(list, async (f) => ({ name: f.name, data: new Uint8Array(await f.arrayBuffer()) })));
}
