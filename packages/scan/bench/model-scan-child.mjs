// Child process for the scan-model benchmark: scans one file with the built
// @bulwark/scan bundle and prints wall time, peak RSS and the verdict as JSON,
// so the parent measures the scanner alone (not the benchmark harness).
import { pathToFileURL } from 'node:url';

const [bundle, file, hash] = process.argv.slice(2);
const { scanModelFile } = await import(pathToFileURL(bundle).href);
const start = process.hrtime.bigint();
const report = await scanModelFile(file, file, { hash: hash === 'hash' });
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(
  JSON.stringify({
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    verdict: report.verdict,
    format: report.format,
    issues: report.issues.length,
  }),
);
