// Turning the runners' own JSON reports into the one totals line `npm test` ends with.
import { existsSync, readFileSync } from "node:fs";

/** @typedef {{ passed: number, failed: number, skipped: number }} Counts */

/**
 * Vitest's JSON reporter (Jest-compatible shape).
 * @param {string} file
 * @returns {Counts | null} null when the report is missing or unreadable (the runner crashed)
 */
export function countVitest(file) {
  const report = readJson(file);
  if (!report || typeof report.numTotalTests !== "number") return null;
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/**
 * Playwright's JSON reporter. "flaky" means it failed and then passed on retry; it is counted as
 * passed here (retries are 0 in our config, so it should not occur).
 * @param {string} file
 * @returns {Counts & { errors: number } | null}
 */
export function countPlaywright(file) {
  const report = readJson(file);
  const stats = report?.stats;
  if (!stats || typeof stats.expected !== "number") return null;
  return {
    passed: stats.expected + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
    // Errors outside any test: a broken config, a web server that never came up, a spec that fails to load.
    errors: Array.isArray(report.errors) ? report.errors.length : 0,
  };
}

/**
 * Adds up all steps. A step that failed without any failed test to show for it (typecheck, build,
 * a runner that crashed) counts as one failure, so the totals line can never read "0 failed" for a red run.
 * @param {{ ok: boolean, counts?: Counts | null }[]} steps
 */
export function addUp(steps) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const step of steps) {
    const counts = step.counts ?? { passed: 0, failed: 0, skipped: 0 };
    total.passed += counts.passed;
    total.skipped += counts.skipped;
    total.failed += !step.ok && counts.failed === 0 ? 1 : counts.failed;
  }
  return total;
}

/** @param {Counts} total */
export function totalsLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : "");
}

/** @param {string} file */
function readJson(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}
