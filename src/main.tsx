import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./ui/App";
import { installTheme } from "./ui/applyTheme";
import { registerServiceWorker } from "./pwa/register";

// Before the first render, so the first frame already has the chosen palette.
installTheme();

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// After the app is on screen: the first visit's precache (the whole build, ~19 MB) must not delay the first paint.
void registerServiceWorker();
