// Shared by the review page's scripts: the element lookup, escaping, colours, the status line
// and the server's API (this server only: nothing is fetched from the network).
"use strict";
const $ = (id) => document.getElementById(id);

function esc(t) { return String(t).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]); }
function reEsc(t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
function colour(score) { return score == null ? "#999" : `hsl(${Math.round(Math.max(0, Math.min(1, score)) * 120)}, 65%, 40%)`; }
// A pair from a TMX without confidence (another tool's) has score null: no number, no colour.
function scoreText(score) { return score == null ? "—" : score.toFixed(2); }
function status(text, error) { const el = $("status"); el.textContent = text; el.className = error ? "error" : ""; }

async function api(path, body) {
  const opts = body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const res = await fetch(path, opts);
  const data = await res.json();
  if (!res.ok) throw new Error(data.error || res.statusText);
  return data;
}

// Edits run one after the other: each waits for the answer to the one before, so a fast
// typist's decisions reach the file in order and each acts on the state as it now is.
let chain = Promise.resolve();
const queued = (fn) => (...args) => { chain = chain.then(() => fn(...args), () => fn(...args)); return chain; };
