import { useEffect, useState } from "react";
import type { Notice } from "../store/connection";
import type { UserMessage } from "./errorMessages";

/** A failure the person should act on. Announced at once (role="alert") and stays until dismissed or replaced. */
export function AlertBanner({ message, onDismiss }: { message: UserMessage | null; onDismiss?: () => void }) {
  if (!message) return null;
  return (
    <div className="banner banner-error" role="alert" data-code={message.code}>
      <span className="banner-icon" aria-hidden="true">
        ⚠
      </span>
      <div className="banner-body">
        <p className="banner-text">{message.text}</p>
        {message.detail ? <pre className="banner-detail">{message.detail}</pre> : null}
      </div>
      {onDismiss ? (
        <button type="button" className="banner-close" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      ) : null}
    </div>
  );
}

/** A passing remark ("Saved main.py to the board."): polite live region, fades after a few seconds. */
export function NoticeToast({ notice }: { notice: Notice | null }) {
  const [visible, setVisible] = useState<Notice | null>(notice);
  useEffect(() => {
    setVisible(notice);
    if (!notice) return;
    const timer = setTimeout(() => setVisible(null), 5000);
    return () => clearTimeout(timer);
  }, [notice]);
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {visible ? <div className="toast">{visible.text}</div> : null}
    </div>
  );
}

/** Shown only once the person picks Serial port in a browser without Web Serial. */
export function InfoBanner({ text }: { text: string }) {
  return (
    <div className="banner banner-info" role="note">
      <span className="banner-icon" aria-hidden="true">
        ℹ
      </span>
      <div className="banner-body">
        <p className="banner-text">{text}</p>
      </div>
    </div>
  );
}
