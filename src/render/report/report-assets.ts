import { Markup } from "./escape-html.js";

/** The report's whole style sheet: inline, so the page needs nothing from the network. */
export const REPORT_STYLE = new Markup(`
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #8c959f; --panel: #f6f8fa;
  --syn: #1a7f37; --fin: #9a6700; --rst: #cf222e; --finding: #cf222e; --state: #0550ae; }
body { margin: 0; padding: 16px 24px 48px; font: 14px/1.45 system-ui, sans-serif; color: var(--ink); }
h1 { font-size: 22px; margin: 0 0 8px; }
h2 { font-size: 18px; margin: 28px 0 8px; }
code, .ladder text { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.captures { margin: 0; padding-left: 20px; }
.totals { color: var(--muted); }
.table-frame { overflow-x: auto; max-width: 100%; }
table.summary { border-collapse: collapse; font-size: 13px; }
table.summary th, table.summary td { border: 1px solid #d1d9e0; padding: 4px 8px; text-align: left; vertical-align: top; }
table.summary th { background: var(--panel); font-weight: 600; }
table.summary td { white-space: nowrap; }
table.summary td.words { white-space: normal; min-width: 7em; }
table.summary td.number { text-align: right; font-variant-numeric: tabular-nums; }
.verdict { font-weight: 600; }
.verdict-closed { color: var(--syn); }
.verdict-reset, .verdict-refused { color: var(--rst); }
.verdict-half-closed, .verdict-open, .verdict-handshake-incomplete { color: var(--fin); }
.connection-body { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.ladder-frame { overflow-x: auto; max-width: 100%; }
.hint { color: var(--muted); margin: 6px 0; }
.details { flex: 1 1 320px; max-width: 520px; position: sticky; top: 8px; border: 1px solid #d1d9e0;
  border-radius: 6px; padding: 8px 14px; background: var(--panel); }
.detail h3 { font-size: 15px; margin: 6px 0; }
.detail dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 8px; }
.detail dt { color: var(--muted); }
.detail dd { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.detail p { margin: 6px 0; }
.detail .finding-list { color: var(--finding); font-weight: 600; }
.ladder text { font-size: 12px; fill: var(--ink); }
.ladder .lifeline { stroke: var(--line); stroke-width: 2; }
.ladder .participant rect { fill: var(--panel); stroke: var(--muted); }
.ladder .participant .role { font-weight: 700; }
.ladder .state { fill: var(--state); font-weight: 700; }
.ladder .frame, .ladder .gap { fill: var(--muted); font-size: 11px; }
.ladder .seg { cursor: pointer; outline: none; }
.ladder .seg .hit { stroke: transparent; stroke-width: 16; }
.ladder .seg .arrow { stroke: var(--muted); stroke-width: 1.6; }
.ladder .seg .head { fill: var(--muted); }
.ladder .seg.syn .arrow { stroke: var(--syn); } .ladder .seg.syn .head { fill: var(--syn); }
.ladder .seg.fin .arrow { stroke: var(--fin); } .ladder .seg.fin .head { fill: var(--fin); }
.ladder .seg.rst .arrow { stroke: var(--rst); } .ladder .seg.rst .head { fill: var(--rst); }
.ladder .seg.has-finding .arrow { stroke: var(--finding); stroke-dasharray: 6 3; }
.ladder .seg.has-finding .head { fill: var(--finding); }
.ladder .seg .finding { fill: var(--finding); font-weight: 700; }
.ladder .seg:hover .arrow, .ladder .seg:focus .arrow { stroke-width: 2.6; }
.ladder .seg.selected .arrow { stroke-width: 3.2; }
.ladder .seg.selected .label { font-weight: 700; }
.ladder .fold rect { fill: var(--panel); stroke: var(--line); stroke-dasharray: 4 3; }
.ladder .fold text, .ladder .timer-label { fill: var(--muted); }
`);

/** Click (or Enter) on an arrow: show that segment's details block beside its ladder, instead of the hint. */
export const REPORT_SCRIPT = new Markup(`
(() => {
  const segmentOf = (event) => (event.target instanceof Element ? event.target.closest(".seg") : null);
  const show = (segment) => {
    const section = segment.closest(".connection");
    const detail = document.getElementById(segment.getAttribute("data-detail"));
    if (section === null || detail === null) return;
    for (const element of section.querySelectorAll(".seg.selected")) element.classList.remove("selected");
    for (const element of section.querySelectorAll(".detail, .hint")) element.hidden = true;
    segment.classList.add("selected");
    detail.hidden = false;
  };
  document.addEventListener("click", (event) => {
    const segment = segmentOf(event);
    if (segment !== null) show(segment);
  });
  document.addEventListener("keydown", (event) => {
    const segment = segmentOf(event);
    if (segment === null || (event.key !== "Enter" && event.key !== " ")) return;
    event.preventDefault();
    show(segment);
  });
})();
`);
