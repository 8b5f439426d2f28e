// Markdown table of tools/quality/run: node report.js LH_DIR VNU_JSON COMMIT LOADAVG "name|path|signed|indexed"...
const fs = require("fs");
const [lhDir, vnuFile, commit, load, ...pages] = process.argv.slice(2);
// The median performance score of every run of a page (run 1 has every category; perf-N files only performance).
const performance = file => {
  const scores = fs.readdirSync(lhDir).filter(f => f === `${file}.json` || (f.startsWith(`${file}.perf-`) && f.endsWith(".json")))
    .map(f => JSON.parse(fs.readFileSync(`${lhDir}/${f}`, "utf8"))).filter(r => !r.runtimeError)
    .map(r => r.categories.performance.score).filter(s => s !== null)
    .map(s => Math.round(s * 100)).sort((a, b) => a - b);
  if (scores.length === 0) return "?";
  const median = scores[Math.floor((scores.length - 1) / 2)];
  return scores.length === 1 ? `${median}` : `${median} (${scores.join(", ")})`;
};
const vnu = JSON.parse(fs.readFileSync(vnuFile, "utf8") || '{"messages":[]}').messages;
const nuErrors = file => vnu.filter(m => m.type === "error" && (m.url || "").endsWith("/" + file));
const lines = [], findings = [];
lines.push(`# Quality check (Lighthouse 12 desktop, Nu Html Checker, axe through Lighthouse)`, "");
lines.push(`Commit ${commit}, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, published Release build in Production, demo content.`);
lines.push(`Machine load average at the end: ${load}. Performance: the median of the runs (every run's score in brackets).`);
lines.push(`SEO is scored only on pages meant to be indexed; the others carry robots noindex ("noindex" below).`, "");
lines.push("| Page | Theme | Performance | Accessibility | Best practices | SEO | Nu errors | axe serious/critical |");
lines.push("|---|---|---|---|---|---|---|---|");
for (const theme of ["light", "dark"]) {
  for (const entry of pages) {
    const [name, path, , indexed] = entry.split("|");
    const file = `${name}-${theme}`;
    let lh;
    try { lh = JSON.parse(fs.readFileSync(`${lhDir}/${file}.json`, "utf8")); } catch { lh = null; }
    if (!lh || lh.runtimeError) { lines.push(`| ${name} \`${path}\` | ${theme} | failed: ${lh?.runtimeError?.code ?? "no report"} | | | | | |`); continue; }
    const score = c => lh.categories[c].score === null ? "?" : Math.round(lh.categories[c].score * 100);
    const seo = indexed === "1" ? score("seo") : (lh.audits["is-crawlable"].score === 0 ? "noindex" : `${score("seo")} (not noindex!)`);
    const axe = Object.values(lh.audits).filter(a => a.score === 0 && ["serious", "critical"].includes(a.details?.debugData?.impact));
    const nu = nuErrors(`${file}.html`);
    lines.push(`| ${name} \`${path}\` | ${theme} | ${performance(file)} | ${score("accessibility")} | ${score("best-practices")} | ${seo} | ${nu.length} | ${axe.length} |`);
    const failed = Object.values(lh.audits).filter(a => a.score !== null && a.score < 0.9 && ["binary", "numeric", "metricSavings"].includes(a.scoreDisplayMode))
      .filter(a => !(indexed !== "1" && a.id === "is-crawlable")).map(a => `${a.id}${a.scoreDisplayMode === "binary" ? "" : " " + Math.round(a.score * 100)}`);
    const nuText = [...new Set(nu.map(m => m.message))];
    if (failed.length || nuText.length) findings.push(`- ${name} (${theme}): ${[...failed, ...nuText.map(t => "Nu: " + t)].join("; ")}`);
  }
}
lines.push("", "## Findings (audits under 90, Nu errors)", "", ...(findings.length ? findings : ["None."]));
console.log(lines.join("\n"));
