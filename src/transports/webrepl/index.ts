export { openWebRepl, WebReplTransport, type WebReplOptions, type WebSocketFactory, type WebSocketLike } from "./webreplTransport";
export { WebReplError, isWebReplError, type WebReplFailure } from "./errors";
export { passwordProblem, MAX_PASSWORD_BYTES } from "./protocol";
