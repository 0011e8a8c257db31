// Connect over WebREPL: the board's address and password, asked when the person presses Connect with WebREPL picked.
// The password is kept only when "Remember password" is ticked; a problem with what was typed is said here, before
// anything is sent to the board.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useConnection } from "../store/connection";
import { useWebReplPrompt } from "../store/webrepl";
import { passwordProblem } from "../transports/webrepl";
import { WEBREPL_HTTPS_WARNING } from "../ui/webreplMessages";
import "../boardFiles/boardFiles.css";
import "./webrepl.css";

export function WebReplDialog() {
  const open = useWebReplPrompt((s) => s.open);
  return open ? <WebReplForm /> : null;
}

function WebReplForm() {
  const prompt = useWebReplPrompt.getState();
  const [url, setUrl] = useState(prompt.url);
  const [password, setPassword] = useState(prompt.savedPassword);
  const [remember, setRemember] = useState(prompt.remember);
  const [problem, setProblem] = useState<string | null>(null);
  const titleId = useId();
  const first = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // The address is usually right already (remembered); the password is what is left to type.
    (prompt.url && !prompt.savedPassword ? passwordRef : first).current?.focus();
  }, [prompt.url, prompt.savedPassword]);
  const https = globalThis.location?.protocol === "https:";

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const address = url.trim();
    if (!/^wss?:\/\/[^/\s]+/i.test(address)) {
      setProblem("Type the board's address as ws://HOST:8266/, for example ws://192.168.4.1:8266/.");
      return;
    }
    const bad = passwordProblem(password);
    if (bad) {
      setProblem(bad);
      return;
    }
    prompt.keep(address, password, remember);
    prompt.hide();
    void useConnection.getState().connectWebRepl(address, password);
  };

  return (
    <div className="board-dialog__backdrop">
      <form
        className="board-dialog webrepl-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onSubmit={submit}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.preventDefault();
            prompt.hide();
          }
        }}
      >
        <h2 id={titleId} className="board-dialog__title">
          Connect over WebREPL
        </h2>
        <div className="board-dialog__body">
          <p>
            The board must be on your network (or you on its Wi-Fi) with WebREPL turned on (on the board:{" "}
            <code>import webrepl_setup</code>).
          </p>
          {https ? (
            <p className="webrepl-dialog__warning" role="note">
              {WEBREPL_HTTPS_WARNING}
            </p>
          ) : null}
          <label className="webrepl-dialog__field">
            <span>Address</span>
            <input
              ref={first}
              type="text"
              value={url}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => setUrl(e.target.value)}
              placeholder="ws://192.168.4.1:8266/"
            />
          </label>
          <label className="webrepl-dialog__field">
            <span>Password</span>
            <input
              ref={passwordRef}
              type="password"
              value={password}
              autoComplete="current-password"
              maxLength={32}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <label className="webrepl-dialog__check" title="Kept in this browser's storage as plain text">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            Remember password (stored in this browser as plain text)
          </label>
          {problem ? (
            <p className="webrepl-dialog__problem" role="alert">
              {problem}
            </p>
          ) : null}
        </div>
        <div className="board-dialog__choices">
          <button type="button" onClick={() => prompt.hide()}>
            Cancel
          </button>
          <button type="submit">Connect</button>
        </div>
      </form>
    </div>
  );
}
