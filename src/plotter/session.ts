/**
 * The page's one plot recording. It outlives the panel, so closing and reopening the plotter keeps what was
 * recorded (recording itself happens only while the panel is open). Loaded with the panel's chunk.
 */
import { PlotRecorder } from "./recorder";

export const plotRecorder = new PlotRecorder();
