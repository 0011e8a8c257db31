// Everything the workspace store needs to put the project in a folder on disk, behind one interface so the store's
// tests can hand it a labelled double instead of the browser's File System Access API and IndexedDB.
import { folderAccessSupported, folderPermission, type DirHandleLike, type FolderPermission } from "./fsAccess";
import type { DraftStore } from "./folderStorage";

export interface FolderBackend {
  supported(): boolean;
  remembered(): Promise<DirHandleLike | null>;
  remember(handle: DirHandleLike): Promise<void>;
  forget(): Promise<void>;
  permission(handle: DirHandleLike, request: boolean): Promise<FolderPermission>;
  drafts: DraftStore;
}

// folderIdb pulls in IndexedDB code; load it only once someone has or wants a folder.
const idb = () => import("./folderIdb");

export const browserFolderBackend: FolderBackend = {
  supported: folderAccessSupported,
  remembered: async () => (await idb()).rememberedFolder(),
  remember: async (handle) => (await idb()).rememberFolder(handle),
  forget: async () => (await idb()).forgetFolder(),
  permission: folderPermission,
  drafts: {
    loadDrafts: async () => (await idb()).idbDrafts.loadDrafts(),
    putDrafts: async (d) => (await idb()).idbDrafts.putDrafts(d),
    deleteDrafts: async (p) => (await idb()).idbDrafts.deleteDrafts(p),
    loadSession: async () => (await idb()).idbDrafts.loadSession(),
    putSession: async (s) => (await idb()).idbDrafts.putSession(s),
  },
};
