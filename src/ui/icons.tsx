/** Small inline icons (no icon font, no CDN). Decorative: buttons carry their names in text. */
import type { ReactNode } from "react";

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}

export const PlayIcon = () => (
  <Icon>
    <path d="M4.5 3v10l8-5z" fill="currentColor" stroke="none" />
  </Icon>
);
export const StopIcon = () => (
  <Icon>
    <rect x="4" y="4" width="8" height="8" rx="1.2" fill="currentColor" stroke="none" />
  </Icon>
);
export const ResetIcon = () => (
  <Icon>
    <path d="M3 8a5 5 0 1 0 1.5-3.6" />
    <path d="M3 2.5v2.8h2.8" />
  </Icon>
);
export const SaveIcon = () => (
  <Icon>
    <path d="M3 2.5h8l2.5 2.5v8.5h-10.5z" />
    <path d="M5.5 2.5v3.5h5v-3.5M5 13.5v-4h6v4" />
  </Icon>
);
export const UploadIcon = () => (
  <Icon>
    <path d="M8 11V3M5 6l3-3 3 3" />
    <path d="M3 11v2.5h10V11" />
  </Icon>
);
export const PlugIcon = () => (
  <Icon>
    <path d="M6 2v3M10 2v3M4.5 5h7v2.5a3.5 3.5 0 0 1-7 0z" />
    <path d="M8 11v3" />
  </Icon>
);
export const UnplugIcon = () => (
  <Icon>
    <path d="M6 2v3M10 2v3M4.5 5h7v2.5a3.5 3.5 0 0 1-7 0z" />
    <path d="M8 11v3M2.5 2.5l11 11" />
  </Icon>
);
export const Logo = () => (
  <svg className="logo" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
    <circle cx="12" cy="12" r="10" fill="var(--accent)" opacity="0.18" />
    <circle cx="12" cy="12" r="5.5" fill="var(--accent)" />
    <circle cx="14" cy="10" r="1.6" fill="var(--bg)" />
  </svg>
);

export const BoltIcon = () => (
  <Icon>
    <path d="M9 1.5 3.5 9H8l-1 5.5L12.5 7H8z" />
  </Icon>
);

export const GearIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="2.2" />
    <path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4" />
  </Icon>
);

export const KeyboardIcon = () => (
  <Icon>
    <rect x="1.5" y="4" width="13" height="8" rx="1.5" />
    <path d="M4 6.5h.01M6.5 6.5h.01M9 6.5h.01M11.5 6.5h.01M4.5 9.5h7" />
  </Icon>
);
