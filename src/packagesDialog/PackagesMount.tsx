import { lazy, Suspense } from "react";
import { usePackagesGate } from "./gate";

const Host = lazy(() => import("./PackagesHost"));

/** Mounts the Packages dialog once it has been asked for (see gate.ts). */
export function PackagesMount() {
  const asked = usePackagesGate((s) => s.asked);
  if (!asked) return null;
  return (
    <Suspense fallback={null}>
      <Host asked={asked} />
    </Suspense>
  );
}
