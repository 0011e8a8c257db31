// Loaded on the first ask: opens the dialog on that ask and on every later one.
import { useEffect } from "react";
import { packagesStore } from "./appStore";
import { PackagesDialog } from "./PackagesDialog";

export default function PackagesHost({ asked }: { asked: number }) {
  useEffect(() => {
    packagesStore().getState().openDialog();
  }, [asked]);
  return <PackagesDialog />;
}
