/**
 * The dashboard's stylesheet, inline (pinned by hash in the Content-Security-Policy, like the script):
 * no web fonts, no images, nothing fetched. Light and dark by prefers-color-scheme. Chart colours are
 * classes, never style attributes, so the policy can forbid inline styles.
 */
export const STYLES = `
:root{--bg:#f5f6f8;--panel:#fff;--text:#1c2024;--muted:#5f646d;--faint:#8b8d98;--border:#e2e4e8;--grid:#eceef1;
--accent:#3e63dd;--accent-soft:#eaf0ff;--allow:#2f9e63;--allow-soft:#e6f6ec;--modify:#3e63dd;--modify-soft:#eaf0ff;
--block:#e5484d;--block-soft:#fdecec;--escalate:#e2860b;--escalate-soft:#fdf1e0;--neutral-soft:#eef0f3;
--s0:#3e63dd;--s1:#e5484d;--s2:#e2860b;--s3:#0f9488;--s4:#8e4ec6;--s5:#d6409f;--s6:#6e7b8b;--s7:#2f9e63;
--shadow:0 1px 2px rgba(16,24,40,.05),0 1px 3px rgba(16,24,40,.07)}
@media (prefers-color-scheme:dark){:root{--bg:#111214;--panel:#191a1d;--text:#edeef0;--muted:#a9adb5;--faint:#7c7f87;
--border:#2c2f34;--grid:#24272b;--accent:#7493f5;--accent-soft:#1c2544;--allow:#3dd68c;--allow-soft:#10301f;--modify:#7493f5;
--modify-soft:#1c2544;--block:#ff6369;--block-soft:#3b1618;--escalate:#f5a524;--escalate-soft:#3a2a0c;--neutral-soft:#26282c;
--s0:#7493f5;--s1:#ff6369;--s2:#f5a524;--s3:#2ec4b3;--s4:#b480e8;--s5:#f17ec1;--s6:#9aa4b2;--s7:#3dd68c;--shadow:none}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);font:14px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-variant-numeric:tabular-nums}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
code,pre,.mono{font:12.5px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
header.bar{position:sticky;top:0;z-index:5;background:var(--panel);border-bottom:1px solid var(--border)}
header.bar .in{max-width:1240px;margin:0 auto;padding:0 24px;display:flex;align-items:center;gap:22px;height:56px}
.brand{font-weight:700;font-size:16px;color:var(--text);letter-spacing:-.01em;display:flex;align-items:center;gap:8px}
.brand svg{display:block}
nav.main{display:flex;gap:2px;flex:1;overflow-x:auto}
nav.main a{color:var(--muted);padding:7px 11px;border-radius:8px;font-weight:500;white-space:nowrap}
nav.main a:hover{background:var(--neutral-soft);color:var(--text);text-decoration:none}
nav.main a.on{background:var(--accent-soft);color:var(--accent)}
nav.main .count{display:inline-block;min-width:18px;padding:0 5px;margin-left:4px;border-radius:999px;background:var(--escalate);color:#fff;font-size:11px;text-align:center;line-height:18px}
.who{display:flex;align-items:center;gap:10px;color:var(--muted);font-size:13px}
main{max-width:1240px;margin:0 auto;padding:24px 24px 64px}
.head{display:flex;flex-wrap:wrap;align-items:flex-end;justify-content:space-between;gap:12px;margin:0 0 18px}
h1{font-size:24px;line-height:1.25;margin:0;letter-spacing:-.015em}
h2{font-size:16px;margin:0 0 2px}
h3{font-size:13px;margin:16px 0 6px;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.05em}
.sub,.lead{color:var(--muted);font-size:13px}
.lead{margin:0 0 14px;max-width:80ch}
section.panel{background:var(--panel);border:1px solid var(--border);border-radius:12px;box-shadow:var(--shadow);padding:18px 20px;margin:0 0 18px}
.panel-head{display:flex;justify-content:space-between;align-items:baseline;gap:12px;margin-bottom:10px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:14px;margin:0 0 18px}
.card{background:var(--panel);border:1px solid var(--border);border-radius:12px;box-shadow:var(--shadow);padding:14px 16px}
.card .label{font-size:11.5px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600}
.card .value{font-size:28px;font-weight:700;letter-spacing:-.02em;line-height:1.2;margin:4px 0 0}
.card .value.block{color:var(--block)}.card .value.escalate{color:var(--escalate)}.card .value.allow{color:var(--allow)}
.card .hint{color:var(--muted);font-size:12px}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(500px,1fr));gap:0 18px}
@media (max-width:600px){.grid2{grid-template-columns:1fr}}
table.list{width:100%;border-collapse:collapse}
table.list th{text-align:left;font-size:11.5px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600;padding:8px 10px;border-bottom:1px solid var(--border)}
table.list td{padding:9px 10px;border-bottom:1px solid var(--grid);vertical-align:top}
table.list tr:last-child td{border-bottom:0}
table.list tr.link:hover td{background:var(--neutral-soft)}
td.num,th.num{text-align:right}
table.list.reasons{max-width:760px}
td.snippet{max-width:520px;color:var(--text);word-break:break-word}
mark{background:#ffe58f;color:#1c2024;border-radius:2px;padding:0 1px}
.badge{display:inline-block;font-size:11.5px;font-weight:600;padding:1px 8px;border-radius:999px;background:var(--neutral-soft);color:var(--muted);white-space:nowrap}
.badge.allow,.badge.approved,.badge.resolved{background:var(--allow-soft);color:var(--allow)}
.badge.modify,.badge.triaged,.badge.low{background:var(--modify-soft);color:var(--modify)}
.badge.block,.badge.denied,.badge.critical,.badge.high{background:var(--block-soft);color:var(--block)}
.badge.escalate,.badge.pending,.badge.released,.badge.open,.badge.medium,.badge.running{background:var(--escalate-soft);color:var(--escalate)}
.chip{display:inline-block;font-size:12px;padding:0 7px;border:1px solid var(--border);border-radius:6px;margin:1px 4px 1px 0;color:var(--muted);white-space:nowrap}
.chip.reason{border-color:var(--block);color:var(--block)}
.notice,.error{border-radius:10px;padding:10px 14px;margin:0 0 16px;font-weight:500}
.notice{background:var(--allow-soft);color:var(--allow);border:1px solid var(--allow)}
.error{background:var(--block-soft);color:var(--block);border:1px solid var(--block)}
.error ul{margin:4px 0 0;padding-left:20px;font-weight:400}
.empty{color:var(--muted);padding:22px 0;text-align:center}
form.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px 12px;align-items:end}
form.filters .wide{grid-column:span 2}
form.filters .actions{grid-column:1/-1}
.table-wrap{overflow-x:auto}
label.f{display:flex;flex-direction:column;gap:4px;font-size:12px;color:var(--muted);font-weight:600}
input,select,textarea{font:inherit;color:var(--text);background:var(--panel);border:1px solid var(--border);border-radius:8px;padding:7px 10px;width:100%}
input:focus,select:focus,textarea:focus{outline:2px solid var(--accent-soft);border-color:var(--accent)}
textarea{min-height:64px;resize:vertical}
button,.button{font:inherit;font-weight:600;border-radius:8px;padding:7px 14px;border:1px solid var(--border);background:var(--panel);color:var(--text);cursor:pointer;white-space:nowrap;display:inline-block}
button:hover,.button:hover{border-color:var(--faint);text-decoration:none}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
button.good{background:var(--allow);border-color:var(--allow);color:#fff}
button.bad{background:var(--block);border-color:var(--block);color:#fff}
button.link{border:0;background:none;color:var(--muted);padding:4px 6px;font-weight:500}
.actions{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
.tabs{display:flex;gap:6px;flex-wrap:wrap;margin:0 0 14px}
.tabs a{padding:5px 12px;border:1px solid var(--border);border-radius:999px;color:var(--muted);background:var(--panel);font-size:13px}
.tabs a.on{border-color:var(--accent);color:var(--accent);background:var(--accent-soft)}
.tabs a:hover{text-decoration:none;border-color:var(--faint)}
.text-block{white-space:pre-wrap;word-break:break-word;background:var(--bg);border:1px solid var(--border);border-radius:10px;padding:12px 14px;margin:0;max-height:420px;overflow:auto}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:6px 18px;margin:0}
dl.kv dt{color:var(--muted);font-size:12.5px}
dl.kv dd{margin:0;word-break:break-word}
.cols{display:grid;grid-template-columns:minmax(0,2fr) minmax(280px,1fr);gap:18px}
@media (max-width:900px){.cols{grid-template-columns:1fr}}
ol.timeline{list-style:none;margin:0;padding:0 0 0 14px;border-left:2px solid var(--border)}
ol.timeline li{position:relative;padding:0 0 14px 12px}
ol.timeline li::before{content:"";position:absolute;left:-21px;top:5px;width:10px;height:10px;border-radius:50%;background:var(--panel);border:2px solid var(--accent)}
ol.timeline .when{color:var(--muted);font-size:12px}
ol.timeline .note{margin-top:2px;white-space:pre-wrap;word-break:break-word}
.item{border:1px solid var(--border);border-radius:12px;padding:14px 16px;margin:0 0 12px;background:var(--panel)}
.item-head{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;margin-bottom:8px}
.pager{display:flex;justify-content:space-between;align-items:center;margin-top:12px;color:var(--muted);font-size:13px}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12.5px;color:var(--muted);margin:6px 0 0}
.legend i{display:inline-block;width:10px;height:10px;border-radius:3px;margin-right:5px;vertical-align:-1px}
svg.chart{display:block;width:100%;height:auto;overflow:visible}
svg text{font-family:inherit;fill:var(--muted);font-size:11px}
svg .gridline{stroke:var(--grid);stroke-width:1}
svg .axis{stroke:var(--border);stroke-width:1}
svg .hit{fill:transparent}
svg .hit:hover{fill:var(--text);fill-opacity:.05}
svg .track{fill:var(--grid)}
svg .line{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}
svg .dot{stroke:var(--panel);stroke-width:1.5}
${[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `.s${i}{stroke:var(--s${i});fill:var(--s${i})}.legend i.s${i}{background:var(--s${i})}`).join("")}
svg .line.s0,svg .line.s1,svg .line.s2,svg .line.s3,svg .line.s4,svg .line.s5,svg .line.s6,svg .line.s7{fill:none}
svg .area{fill-opacity:.85;stroke:none}
svg .column{stroke:none}
.a-allow{fill:var(--allow);stroke:var(--allow)}.a-modify{fill:var(--modify);stroke:var(--modify)}
.a-block{fill:var(--block);stroke:var(--block)}.a-escalate{fill:var(--escalate);stroke:var(--escalate)}
.legend i.a-allow{background:var(--allow)}.legend i.a-modify{background:var(--modify)}.legend i.a-block{background:var(--block)}.legend i.a-escalate{background:var(--escalate)}
svg .bar-fill{fill:var(--accent)}
svg .score-hi{fill:var(--block)}svg .score-mid{fill:var(--escalate)}svg .score-lo{fill:var(--faint)}
table.rules{border-collapse:separate;border-spacing:3px;width:100%}
table.rules th{font-size:11.5px;color:var(--muted);font-weight:600;text-align:left;padding:4px 8px;white-space:nowrap}
table.rules td{border-radius:6px;padding:5px 8px;font-size:12.5px;white-space:nowrap;background:var(--neutral-soft);color:var(--muted)}
table.rules td.r-block{background:var(--block-soft);color:var(--block);font-weight:600}
table.rules td.r-escalate{background:var(--escalate-soft);color:var(--escalate);font-weight:600}
table.rules td.r-redact{background:var(--modify-soft);color:var(--modify);font-weight:600}
table.rules td.cat{background:none;color:var(--text);padding-left:0}
table.rules td.cat .sub{display:block;font-size:11.5px;white-space:normal;max-width:360px}
details>summary{cursor:pointer;color:var(--muted);font-weight:600}
.tip{position:fixed;z-index:20;pointer-events:none;background:var(--text);color:var(--bg);font-size:12px;line-height:1.45;padding:6px 9px;border-radius:8px;white-space:pre;box-shadow:0 4px 14px rgba(0,0,0,.18)}
.login{max-width:380px;margin:10vh auto 0}
.login .panel{padding:26px 26px 22px}
.login h1{margin-bottom:4px}
.login form{display:flex;flex-direction:column;gap:12px;margin-top:14px}
.muted{color:var(--muted)}
.right{text-align:right}
.nowrap{white-space:nowrap}
`;
