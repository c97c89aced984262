// Blazor JavaScript initializer: blazor.web.js loads "<assembly>.lib.module.js" by itself (the host's
// assembly is "vigie") and calls these hooks. The console's pages are interactive on the server, rendered
// only once their circuit is connected; window.vigieCircuit says when that is, so that browser tests — and
// anything else driving the console — act on pages that answer. A window property rather than a mark in
// the document: Blazor's enhanced navigation rewrites the document's attributes but keeps the window and
// the circuit.

export function afterServerStarted() {
  window.vigieCircuit = 'connected';
}
