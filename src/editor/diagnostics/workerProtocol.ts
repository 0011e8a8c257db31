// The worker's side of the protocol, separate from the Worker global so Node tests can drive it in-process.
import type { DiagnosticsEngine } from "./engine";
import type { DiagnosticsReply, DiagnosticsRequest } from "./types";

/**
 * Returns the worker's message handler. Checks for a path supersede older ones: a request overtaken by a newer
 * version of the same path before its next stage is answered "stale" instead of being finished.
 */
export function diagnosticsHandler(
  engine: DiagnosticsEngine,
  post: (reply: DiagnosticsReply) => void,
): (request: DiagnosticsRequest) => void {
  const latest = new Map<string, number>();
  const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

  const check = async (req: Extract<DiagnosticsRequest, { type: "check" }>) => {
    const current = () => latest.get(req.path) === req.id;
    const stage = await engine.compilerStage(req.text);
    if (!current()) return post({ type: "stale", id: req.id });
    post({ type: "compiler", id: req.id, diags: stage.diags });
    // Ruff starts loading only now, after the compiler's answer is on its way.
    const ruff = await engine.ruffTools();
    if (!current()) return post({ type: "stale", id: req.id });
    latest.delete(req.path);
    post({ type: "done", id: req.id, diags: engine.ruffStage(stage, ruff) });
  };

  return (req) => {
    if (req.type === "check") {
      latest.set(req.path, req.id);
      check(req).catch((e: unknown) => post({ type: "failed", id: req.id, message: describe(e) }));
    } else {
      engine.format(req.text).then(
        (result) => post({ type: "formatted", id: req.id, result }),
        (e: unknown) => post({ type: "failed", id: req.id, message: describe(e) }),
      );
    }
  };
}
