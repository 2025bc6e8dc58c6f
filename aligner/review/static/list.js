// The list of beads, virtualised: only the rows in and near the scrolled window are in the
// page, so a 10,000-bead document paints and filters as fast as a short one. Row heights are
// measured as rows are shown and estimated (their running average) for the others.
"use strict";
const OVERSCAN = 600;  // px rendered above and below the window
const S = { docs: [], glossary: [], zhTerms: null, doc: null, beads: [], decisions: [], redo: [],
            sel: 0, cur: 0, visible: [], heights: new Map(), avg: 72, offsets: null };

function buildGlossary(entries) {
  S.glossary = entries;
  const zh = entries.map((e) => e.zh).filter((t) => t.length > 1).sort((a, b) => b.length - a.length);
  S.zhTerms = zh.length ? new RegExp(zh.map(reEsc).join("|"), "g") : null;
  S.byZh = new Map(entries.map((e) => [e.zh, e]));
}

function highlight(text, regex) {
  if (!regex) return esc(text);
  let out = "", last = 0;
  for (const m of text.matchAll(regex)) {
    if (!m[0]) continue;
    out += esc(text.slice(last, m.index)) + "<mark>" + esc(m[0]) + "</mark>";
    last = m.index + m[0].length;
  }
  return out + esc(text.slice(last));
}

// The sentences of the selected bead in cursor order: its Chinese, then its English.
function cursorSentences(b) { return [...b.zh.map((k) => ["zh", k]), ...b.en.map((k) => ["en", k])]; }

function sideHtml(i, side, idx, regex) {
  if (!idx.length) return `<span class="none">no ${side === "zh" ? "Chinese" : "English"}</span>`;
  const cur = i === S.sel ? cursorSentences(S.beads[i])[S.cur] : null;
  return idx.map((k) => {
    const mine = cur && cur[0] === side && cur[1] === k ? " cur" : "";
    return `<span class="s${mine}" data-side="${side}" data-k="${k}">${highlight(S.doc[side][k].text, regex)}</span>`;
  }).join(side === "zh" ? "" : " ") + `<div class="meta">line ${S.doc[side][idx[0]].line}</div>`;
}

function rowHtml(i) {
  const b = S.beads[i];
  let enRe = null;
  if (S.zhTerms && b.zh.length) {
    const found = new Set();
    const zh = b.zh.map((k) => S.doc.zh[k].text).join("");
    for (const m of zh.matchAll(S.zhTerms)) { const e = S.byZh.get(m[0]); if (e) [e.en, ...e.variants].forEach((t) => t && found.add(t)); }
    if (found.size) enRe = new RegExp([...found].sort((a, c) => c.length - a.length).map(reEsc).join("|"), "gi");
  }
  const paired = b.zh.length && b.en.length;
  const score = b.edited ? 1 : b.score;
  const mark = b.status !== "auto" ? b.status : (b.edited ? "edited" : (paired && b.score < S.doc.min_score ? "out" : ""));
  const cls = ["row", b.status, paired ? "" : "orphan", i === S.sel ? "sel" : ""].join(" ");
  return `<div class="${cls}" data-i="${i}" style="--conf:${paired ? colour(score) : "#bbb"}">` +
    `<div class="zh" lang="zh">${sideHtml(i, "zh", b.zh, S.zhTerms)}</div>` +
    `<div class="score">${paired ? scoreText(score) : "—"}<small>${b.zh.length}:${b.en.length} ${mark}</small></div>` +
    `<div class="en" lang="en">${sideHtml(i, "en", b.en, enRe)}</div>` +
    (b.anchors.length ? `<div class="anchors">${esc(b.anchors.join(" · "))}</div>` : "") + `</div>`;
}

function passes(b) {
  const below = parseFloat($("below").value);
  const paired = b.zh.length && b.en.length;
  if (!isNaN(below) && !(paired && !b.edited && b.score < below)) return false;
  if ($("nm").checked && !(paired && (b.zh.length !== 1 || b.en.length !== 1))) return false;
  if ($("orphans").checked && paired) return false;
  const q = $("search").value.trim().toLowerCase();
  if (q && !(b.zh.map((k) => S.low.zh[k]).join("") + "\n" + b.en.map((k) => S.low.en[k]).join(" ")).includes(q)) return false;
  return true;
}

// Offsets of the visible rows (prefix sums of measured or estimated heights).
function layout() {
  const n = S.visible.length, off = new Float64Array(n + 1);
  for (let p = 0; p < n; p++) off[p + 1] = off[p] + (S.heights.get(S.visible[p]) || S.avg);
  S.offsets = off;
}

function firstAt(y) {  // the first visible position whose row ends below y
  const off = S.offsets;
  let lo = 0, hi = S.visible.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (off[mid + 1] <= y) lo = mid + 1; else hi = mid; }
  return lo;
}

function paintWindow() {
  const list = $("list"), top = list.scrollTop, n = S.visible.length, off = S.offsets;
  const start = firstAt(Math.max(0, top - OVERSCAN));
  let end = start;
  while (end < n && off[end] < top + list.clientHeight + OVERSCAN) end++;
  const rows = [];
  for (let p = start; p < end; p++) rows.push(rowHtml(S.visible[p]));
  $("rows").innerHTML = rows.join("");
  $("rows").style.paddingTop = `${off[start]}px`;
  $("rows").style.paddingBottom = `${off[n] - off[end]}px`;
  let measured = 0, sum = 0;
  for (const el of $("rows").children) {
    const h = el.offsetHeight + 4;  // + the row's margins
    S.heights.set(Number(el.dataset.i), h); measured++; sum += h;
  }
  if (measured) { S.avg = Math.round((S.avg * 3 + sum / measured) / 4); layout(); }
  $("rows").style.paddingTop = `${S.offsets[start]}px`;
  $("rows").style.paddingBottom = `${S.offsets[n] - S.offsets[end]}px`;
  // measured heights move every row below the estimate: keep the painted rows where they were
  // on screen (else a far row selected drifts out of the window on the next scroll's repaint)
  const shift = S.offsets[start] - off[start];
  if (shift) list.scrollTop = top + shift;
}

function render() {
  S.visible = [];
  S.beads.forEach((b, i) => { if (passes(b)) S.visible.push(i); });
  layout();
  paintWindow();
  const pairs = S.beads.filter((b) => b.zh.length && b.en.length).length;
  $("summary").textContent = `${S.doc.doc}: ${S.beads.length} beads, ${pairs} pairs; showing ${S.visible.length}; ` +
    `${S.decisions.length} decisions saved in the review file`;
  drawMinimap(); drawBands();
}

function scrollToSelected() {
  const pos = S.visible.indexOf(S.sel), list = $("list");
  if (pos < 0) return;
  const y = S.offsets[pos], h = S.offsets[pos + 1] - y;
  if (y < list.scrollTop || y + h > list.scrollTop + list.clientHeight) list.scrollTop = Math.max(0, y - list.clientHeight / 3);
}

let framed = false;
$("list").addEventListener("scroll", () => {
  if (framed) return;
  framed = true;
  requestAnimationFrame(() => { framed = false; if (S.doc) paintWindow(); });
});

function drawMinimap() {
  const c = $("minimap"), g = c.getContext("2d"), W = c.width, H = c.height, pad = 6;
  g.clearRect(0, 0, W, H);
  const nz = Math.max(1, S.doc.zh.length), ne = Math.max(1, S.doc.en.length);
  S.marks = [];
  S.beads.forEach((b, i) => {
    const mid = (idx, n) => (idx.reduce((a, k) => a + k + 0.5, 0) / idx.length) / n;
    let x, y;
    if (b.zh.length && b.en.length) { x = pad + mid(b.zh, nz) * (W - 2 * pad); y = pad + mid(b.en, ne) * (H - 2 * pad); }
    else if (b.zh.length) { x = pad + mid(b.zh, nz) * (W - 2 * pad); y = H - 3; }
    else { x = 3; y = pad + mid(b.en, ne) * (H - 2 * pad); }
    g.fillStyle = b.zh.length && b.en.length ? colour(b.edited ? 1 : b.score) : "#888";
    g.fillRect(x - 2, y - 2, 4, 4);
    if (i === S.sel) { g.strokeStyle = "#2962ff"; g.strokeRect(x - 5, y - 5, 10, 10); }
    S.marks.push([x, y, i]);
  });
}

function drawBands() {
  const bands = [[0.9, 1.01, "0.9–1.0"], [0.8, 0.9, "0.8–0.9"], [0.7, 0.8, "0.7–0.8"], [0.5, 0.7, "0.5–0.7"], [0, 0.5, "< 0.5"]];
  const counts = bands.map(() => 0);
  for (const b of S.beads) {
    if (!(b.zh.length && b.en.length) || (b.score == null && !b.edited)) continue;
    const s = b.edited ? 1 : b.score;
    const k = bands.findIndex(([lo, hi]) => s >= lo && s < hi);
    if (k >= 0) counts[k]++;
  }
  const max = Math.max(1, ...counts);
  $("bands").innerHTML = bands.map(([lo, , label], k) =>
    `<div class="band"><span class="label">${label}</span><span class="bar" style="width:${Math.round(140 * counts[k] / max)}px;background:${colour(lo + 0.05)}"></span>${counts[k]}</div>`).join("");
}
