// Times readPdfFirstPage (compiled worker build) on one PDF five times; prints peak RSS.
// npm run build:worker && node --max-old-space-size=256 bench/pdf-read.cjs FILE.pdf
/* eslint-disable @typescript-eslint/no-require-imports -- it loads the CommonJS worker build, as the worker does */
const { readPdfFirstPage } = require("../dist/lib/receipts/read-pdf.js");
const fs = require("fs");
(async () => {
  const file = process.argv[2];
  const bytes = fs.readFileSync(file);
  const times = [];
  for (let i = 0; i < 5; i++) { const t = performance.now(); await readPdfFirstPage(bytes, { render: true }); times.push(performance.now() - t); }
  console.log(file.split("/").pop(), "ms:", times.map((t) => Math.round(t)).join(" "), "peak RSS MB:", Math.round(process.resourceUsage().maxRSS / 1024));
})();
